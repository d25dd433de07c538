// Where a provider's key comes from: the environment first, then the OS keychain. Keys stay in the main
// process: callers outside it only ever learn KeyStatus.
import type { KeyStatus } from '../../shared/domain.ts';
import type { RealProvider } from './env-keys.ts';
import { firstEnv, KEY_ENV_VARS } from './env-keys.ts';

export type { KeyStatus };

/** The OS keychain (keytar) or a fake in tests. */
export interface SecretVault {
  get(provider: RealProvider): Promise<string | null>;
  set(provider: RealProvider, key: string): Promise<void>;
  delete(provider: RealProvider): Promise<boolean>;
}

export class KeyResolver {
  private readonly vault: SecretVault | null;
  private readonly env: NodeJS.ProcessEnv;

  constructor(vault: SecretVault | null, env: NodeJS.ProcessEnv = process.env) {
    this.vault = vault;
    this.env = env;
  }

  async key(provider: RealProvider): Promise<string | null> {
    const fromEnv = firstEnv(KEY_ENV_VARS[provider], this.env);
    if (fromEnv) return fromEnv.value;
    return this.vault ? this.vault.get(provider).catch(() => null) : null;
  }

  async status(provider: RealProvider): Promise<KeyStatus> {
    const fromEnv = firstEnv(KEY_ENV_VARS[provider], this.env);
    const env_vars = KEY_ENV_VARS[provider];
    if (fromEnv) return { provider, set: true, source: 'environment', env_var: fromEnv.name, env_vars };
    const stored = this.vault ? await this.vault.get(provider).catch(() => null) : null;
    return { provider, set: stored !== null, source: stored !== null ? 'keychain' : null, env_var: null, env_vars };
  }
}
