// The OpenAI models Batchdesk knows: the catalog snapshot's OpenAI entries (providers/catalog/openai.ts holds the
// data with its sources; settings can override a price). Models not listed are still accepted as `openai/<model>`.
import { tableModels } from '../catalog/load.ts';
import { snapshotTable } from '../catalog/snapshot.ts';

export const OPENAI_MODELS = tableModels(snapshotTable(), 'openai');
