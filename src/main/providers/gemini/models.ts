// The Gemini models Batchdesk knows: the catalog snapshot's Gemini entries (providers/catalog/gemini.ts holds the
// data with its sources). Models not listed are still accepted as `gemini/<model>`.
import type { ModelConfig } from '../../../shared/domain.ts';
import { tableModels } from '../catalog/load.ts';
import { snapshotTable } from '../catalog/snapshot.ts';

export const GEMINI_MODELS = tableModels(snapshotTable(), 'gemini');

/** The provider's own model name ("gemini-2.5-flash") from our id ("gemini/gemini-2.5-flash"). */
export function geminiModelName(model: ModelConfig | string): string {
  const id = typeof model === 'string' ? model : model.id;
  return id.startsWith('gemini/') ? id.slice('gemini/'.length) : id;
}
