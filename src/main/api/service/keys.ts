// keys.status / keys.set / keys.delete: keys go into the OS keychain and never come back out of the main process.
// The UI only ever learns set / not set and where the key comes from.
import { KEY_ENV_VARS, REAL_PROVIDERS, type RealProvider } from '../../secrets/env-keys.ts';
import type { EngineHost } from '../engine-host.ts';
import { UnavailableError } from './errors.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

function vaultOf(host: EngineHost, provider: RealProvider) {
  if (host.vault) return host.vault;
  throw new UnavailableError(`no keychain is available here: set the ${KEY_ENV_VARS[provider].join(' or ')} environment variable before starting Batchdesk`);
}

export function keyHandlers(deps: ServiceDeps): FeatureHandlers<'keys.status' | 'keys.set' | 'keys.delete'> {
  const { host } = deps;
  return {
    'keys.status': async () => Promise.all(REAL_PROVIDERS.map((provider) => host.keys.status(provider))),
    'keys.set': async ({ provider, key }) => {
      host.keys.remember(key);
      await vaultOf(host, provider).set(provider, key.trim());
      host.refreshProviders();
      return host.keys.status(provider);
    },
    'keys.delete': async ({ provider }) => {
      await vaultOf(host, provider).delete(provider);
      host.refreshProviders();
      return host.keys.status(provider);
    },
  };
}
