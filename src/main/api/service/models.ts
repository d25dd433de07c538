// models.list: the catalog (with price overrides) and whether each model's provider has a key. models.refresh:
// a newer price table, loaded on request.
import { REAL_PROVIDERS, type RealProvider } from '../../secrets/env-keys.ts';
import { refreshPriceTable } from '../commands/price-table.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

export function modelHandlers(deps: ServiceDeps): FeatureHandlers<'models.list' | 'models.refresh'> {
  const { host } = deps;
  return {
    'models.list': async () => {
      const keySet = new Map<string, boolean>([['demo', true]]);
      for (const provider of REAL_PROVIDERS) keySet.set(provider, (await host.keys.status(provider as RealProvider)).set);
      return host.ctx.registry.models().map((model) => ({ ...model, key_set: keySet.get(model.provider) ?? false }));
    },
    'models.refresh': async (source) => refreshPriceTable(host, source),
  };
}
