// The OS keychain as a SecretVault: macOS Keychain, Windows Credential Manager, or the Secret Service on Linux
// (GNOME Keyring, KWallet), through keytar; service "Batchdesk", one account per provider. keytar is loaded on
// first use, so a machine without it (or without a Secret Service) still runs on environment variables, and
// every failure says so instead of a D-Bus message.
import type { RealProvider } from './env-keys.ts';
import { KEY_ENV_VARS } from './env-keys.ts';
import type { SecretVault } from './keys.ts';

export const KEYCHAIN_SERVICE = 'Batchdesk';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const ENV_HINT = Object.entries(KEY_ENV_VARS)
  .map(([provider, names]) => `${names[0]} (${provider})`)
  .join(', ');

/** No usable keychain here (e.g. headless Linux without a Secret Service). */
export class KeychainUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `No OS keychain is available (${reason}). Set the key in an environment variable instead: ${ENV_HINT}. ` +
        'On Linux a keychain needs a Secret Service such as GNOME Keyring or KWallet running in your session.',
    );
    this.name = 'KeychainUnavailableError';
  }
}

/** The underlying reason, without anything that could hold a key (keytar errors never carry the secret). */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}

export function createKeychainVault(options: { service?: string; load?: () => Promise<Keytar> } = {}): SecretVault {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const load =
    options.load ??
    (async () => {
      const module = (await import('keytar')) as unknown as Keytar & { default?: Keytar };
      return module.default ?? module;
    });
  let keytar: Promise<Keytar> | null = null;
  async function call<T>(work: (k: Keytar) => Promise<T>): Promise<T> {
    keytar ??= load().catch((error: unknown) => {
      keytar = null;
      throw new KeychainUnavailableError(`keytar could not be loaded: ${reasonOf(error)}`);
    });
    const k = await keytar;
    try {
      return await work(k);
    } catch (error) {
      throw new KeychainUnavailableError(reasonOf(error));
    }
  }
  return {
    get: (provider: RealProvider) => call((k) => k.getPassword(service, provider)),
    set: (provider: RealProvider, key: string) => call((k) => k.setPassword(service, provider, key)),
    delete: (provider: RealProvider) => call((k) => k.deletePassword(service, provider)),
  };
}

/** The vault every face uses: the OS keychain, unless BATCHDESK_KEYCHAIN=off (keys then come from the environment only). */
export function defaultVault(env: NodeJS.ProcessEnv = process.env): SecretVault | null {
  return env.BATCHDESK_KEYCHAIN === 'off' ? null : createKeychainVault();
}
