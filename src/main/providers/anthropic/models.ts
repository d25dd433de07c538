// The Anthropic models and how each takes parameters. Models not listed are still accepted as `anthropic/<model>`.
import type { ModelConfig } from '../../../shared/domain.ts';
import { tableModels } from '../catalog/load.ts';
import { snapshotTable } from '../catalog/snapshot.ts';

/** The catalog snapshot's Claude models (providers/catalog/anthropic.ts holds the data with its sources). */
export const ANTHROPIC_MODELS: ModelConfig[] = tableModels(snapshotTable(), 'anthropic');

/**
 * How a model takes sampling parameters: `any` = temperature and top_p, `one` = either but not both (Claude 4.5
 * and 4.6), `none` = neither (Claude 4.7 and later reject them with a 400).
 */
export type SamplingSupport = 'any' | 'one' | 'none';
/**
 * How a model produces structured output: `json_schema` = output_config.format (the structured-output feature),
 * `forced_tool` = a tool whose input_schema is the schema, with tool_choice forcing it. Models with always-on
 * thinking and Sonnet 5.5 reject forced tool use, so they get json_schema.
 */
export type StructuredMode = 'json_schema' | 'forced_tool';

export interface ModelTraits {
  sampling: SamplingSupport;
  structured: StructuredMode;
}

const TRAITS: Record<string, ModelTraits> = {
  'claude-fable-5-2': { sampling: 'none', structured: 'json_schema' },
  'claude-fable-5-1': { sampling: 'none', structured: 'json_schema' },
  'claude-opus-5-5': { sampling: 'none', structured: 'json_schema' },
  'claude-sonnet-5-5': { sampling: 'none', structured: 'json_schema' },
  'claude-haiku-5-5': { sampling: 'none', structured: 'json_schema' },
  'claude-opus-5': { sampling: 'none', structured: 'json_schema' },
  'claude-sonnet-4-6': { sampling: 'one', structured: 'forced_tool' },
  'claude-haiku-4-5': { sampling: 'one', structured: 'forced_tool' },
};

/** Unknown models: pass what the user asked for and let the API judge; structured output the current way. */
const DEFAULT_TRAITS: ModelTraits = { sampling: 'any', structured: 'json_schema' };

/** The model name the API expects: the catalog id without the `anthropic/` prefix. */
export function apiModelId(model: Pick<ModelConfig, 'id'>): string {
  return model.id.startsWith('anthropic/') ? model.id.slice('anthropic/'.length) : model.id;
}

export function modelTraits(model: Pick<ModelConfig, 'id'>): ModelTraits {
  return TRAITS[apiModelId(model)] ?? DEFAULT_TRAITS;
}
