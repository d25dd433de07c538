// The Embeddings mode of the New run screen: which mode is on, the embedding options as typed, and the NewRun they
// become (with what is missing, said next to its field). Inputs (files, a dataset, a requests file) are the New run
// draft's own, so switching modes keeps them.
import { create } from 'zustand';
import type { OperationInput } from '../../../../shared/contract.ts';
import type { Draft } from './draft-store.ts';
import type { ModelInfo } from './file-types.ts';

export type NewRunMode = 'text' | 'embeddings';

export interface EmbeddingOptions {
  models: string[];
  embedColumn: string;
  chunkTokens: string;
  chunkOverlap: string;
  dimensions: string;
}

interface EmbeddingsState {
  mode: NewRunMode;
  options: EmbeddingOptions;
  setMode(mode: NewRunMode): void;
  patch(change: Partial<EmbeddingOptions>): void;
  reset(): void;
}

const EMPTY: EmbeddingOptions = { models: [], embedColumn: '', chunkTokens: '', chunkOverlap: '0', dimensions: '' };

export const useEmbeddings = create<EmbeddingsState>((set) => ({
  mode: 'text',
  options: EMPTY,
  setMode: (mode) => set({ mode }),
  patch: (change) => set((s) => ({ options: { ...s.options, ...change } })),
  reset: () => set({ options: EMPTY }),
}));

export interface EmbeddingsCheck {
  fields: Partial<Record<'inputs' | 'models' | 'column' | 'chunkTokens' | 'chunkOverlap' | 'dimensions', string>>;
  input: OperationInput<'runs.create'> | null;
}

function wholeNumber(text: string, min: number): number | null | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= min ? n : null;
}

/** The embedding models on offer (Anthropic has none). */
export function embeddingModels(models: ModelInfo[]): ModelInfo[] {
  return models.filter((m) => m.endpoints.includes('embeddings'));
}

export function checkEmbeddings(draft: Draft, options: EmbeddingOptions, models: ModelInfo[]): EmbeddingsCheck {
  const fields: EmbeddingsCheck['fields'] = {};
  const paths = draft.files.map((f) => f.path).filter((p): p is string => p !== null);
  if (!draft.dataset?.path && !draft.requests?.path && paths.length === 0) fields.inputs = 'Add text files or PDFs, a dataset, or an OpenAI batch file of /v1/embeddings requests.';
  if (options.models.length === 0 && !draft.requests) fields.models = 'Choose an embedding model.';
  if (draft.dataset && !options.embedColumn) fields.column = 'Choose the column whose text is embedded.';
  const chunkTokens = wholeNumber(options.chunkTokens, 1);
  const chunkOverlap = wholeNumber(options.chunkOverlap, 0);
  const dimensions = wholeNumber(options.dimensions, 1);
  if (chunkTokens === null) fields.chunkTokens = 'A whole number of tokens, 1 or more (empty: the model\'s input limit).';
  if (chunkOverlap === null) fields.chunkOverlap = 'A whole number of tokens, 0 or more.';
  if (dimensions === null) fields.dimensions = 'A whole number of dimensions (empty: the model\'s own).';
  const chosen = models.filter((m) => options.models.includes(m.id));
  if (dimensions && chosen.some((m) => m.embedding && m.embedding.min_dimensions === undefined)) fields.dimensions = 'One of the chosen models always returns its own number of dimensions: leave this empty.';
  if (Object.keys(fields).length) return { fields, input: null };
  const source = draft.requests?.path
    ? { requests: draft.requests.path }
    : draft.dataset?.path
      ? { dataset: draft.dataset.path, embed_column: options.embedColumn }
      : { files: paths };
  return {
    fields,
    input: {
      endpoint: 'embeddings',
      models: options.models,
      ...source,
      ...(chunkTokens ? { chunk_tokens: chunkTokens } : {}),
      ...(chunkOverlap ? { chunk_overlap: chunkOverlap } : {}),
      ...(dimensions ? { dimensions } : {}),
      ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    },
  };
}
