// Where a provider's key comes from: the environment first, then the OS keychain. Keys stay in the main
// process: callers outside it only ever learn KeyStatus.
import type { KeyStatus } from '../../shared/domain.ts';
import { secretsInUse, type SecretsInUse } from '../core/secrets-in-use.ts';
import type { RealProvider } from './env-keys.ts';
import { firstEnv, KEY_ENV_VARS, REAL_PROVIDERS } from './env-keys.ts';

export type { KeyStatus };

/** The OS keychain (keytar) or a fake in tests. */
export interface SecretVault {
  get(provider: RealProvider): Promise<string | null>;
  set(provider: RealProvider, key: string): Promise<void>;
  delete(provider: RealProvider): Promise<boolean>;
}

/**
 * Every key it reads (environment, keychain) or is handed is added to `secrets`, so redaction knows each by value.
 */
export class KeyResolver {
  private readonly vault: SecretVault | null;
  private readonly env: NodeJS.ProcessEnv;
  private readonly secrets: SecretsInUse;

  constructor(vault: SecretVault | null, env: NodeJS.ProcessEnv = process.env, secrets: SecretsInUse = secretsInUse) {
    this.vault = vault;
    this.env = env;
    this.secrets = secrets;
    for (const provider of REAL_PROVIDERS) for (const name of KEY_ENV_VARS[provider]) secrets.add(env[name]);
  }

  async key(provider: RealProvider): Promise<string | null> {
    const fromEnv = firstEnv(KEY_ENV_VARS[provider], this.env);
    if (fromEnv) return fromEnv.value;
    const stored = this.vault ? await this.vault.get(provider).catch(() => null) : null;
    this.secrets.add(stored);
    return stored;
  }

  /** A key about to be stored (keys set): redacted from here on, even before it is first used. */
  remember(key: string): void {
    this.secrets.add(key);
  }

  async status(provider: RealProvider): Promise<KeyStatus> {
    const fromEnv = firstEnv(KEY_ENV_VARS[provider], this.env);
    const env_vars = KEY_ENV_VARS[provider];
    if (fromEnv) return { provider, set: true, source: 'environment', env_var: fromEnv.name, env_vars };
    const stored = this.vault ? await this.vault.get(provider).catch(() => null) : null;
    return { provider, set: stored !== null, source: stored !== null ? 'keychain' : null, env_var: null, env_vars };
  }
}
