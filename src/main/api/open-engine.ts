// The engine as a face opens it for a person: on the data folder, with keys from the OS keychain (or the
// environment only when BATCHDESK_KEYCHAIN=off or no keychain exists).
import { defaultVault } from '../secrets/keychain.ts';
import { EngineHost, type EngineHostOptions } from './engine-host.ts';

export { resolveDataFolder } from '../store/data-folder.ts';

export function openEngine(options: Omit<EngineHostOptions, 'vault'> = {}): EngineHost {
  return new EngineHost({ ...options, vault: defaultVault(options.env) });
}
