// Save a price for one model as a settings price override (USD per 1M tokens at list price, with the batch
// discount), the way Settings → Price overrides does: the engine then prices estimates and results with it.
import type { OperationOutput } from '../../../../shared/contract.ts';
import { call } from '../../api.ts';
import { useModels } from './models-store.ts';

export type Price = OperationOutput<'settings.get'>['price_overrides'][string];

export function userPrice(input: number, output: number, batchDiscount: number): Price {
  return {
    input_usd_per_mtok: input,
    output_usd_per_mtok: output,
    batch_discount: batchDiscount,
    as_of: new Date().toISOString().slice(0, 10),
    source: 'user override',
  };
}

export async function saveModelPrice(model: string, price: Price): Promise<void> {
  const { price_overrides } = await call('settings.get', {});
  await call('settings.update', { price_overrides: { ...price_overrides, [model]: price } });
  await useModels.getState().refresh();
}
