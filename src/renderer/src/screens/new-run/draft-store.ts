// The New run form as the user fills it in. Values stay as typed (strings) until `toNewRun` reads them.
import { create } from 'zustand';
import type { FileInfo } from './file-types.ts';

export interface DraftFile {
  /** Local key; the path once known. */
  key: string;
  name: string;
  path: string | null;
  info: FileInfo | null;
  /** Why the file could not be added (upload or describe failed). */
  error: string | null;
}

export interface SchemaField {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array of strings';
  description: string;
}

export interface Draft {
  name: string;
  files: DraftFile[];
  dataset: DraftFile | null;
  requests: DraftFile | null;
  prompt: string;
  template: string;
  system: string;
  models: string[];
  temperature: string;
  maxTokens: string;
  topP: string;
  schemaMode: 'none' | 'fields' | 'json';
  fields: SchemaField[];
  schemaJson: string;
  citations: boolean;
  costLimit: string;
  pilotOn: boolean;
  pilotSize: string;
  scheduleMode: 'now' | 'at';
  scheduleAt: string;
}

export const EMPTY_DRAFT: Draft = {
  name: '',
  files: [],
  dataset: null,
  requests: null,
  prompt: '',
  template: '',
  system: '',
  models: [],
  temperature: '',
  maxTokens: '',
  topP: '',
  schemaMode: 'none',
  fields: [{ name: '', type: 'string', description: '' }],
  schemaJson: '{\n  "type": "object",\n  "properties": {}\n}',
  citations: false,
  costLimit: '',
  pilotOn: false,
  pilotSize: '10',
  scheduleMode: 'now',
  scheduleAt: '',
};

interface DraftState {
  draft: Draft;
  patch(change: Partial<Draft>): void;
  /** Put described files where they belong: a dataset, a requests file, or the list of inputs. */
  addFiles(files: DraftFile[]): void;
  removeFile(key: string): void;
  /** Remove several at once (e.g. every file with a problem). */
  removeFiles(keys: string[]): void;
  reset(): void;
}

export const useDraft = create<DraftState>((set) => ({
  draft: EMPTY_DRAFT,
  patch: (change) => set((s) => ({ draft: { ...s.draft, ...change } })),
  addFiles: (added) =>
    set((s) => {
      const draft = { ...s.draft, files: [...s.draft.files] };
      for (const file of added) {
        if (file.info?.kind === 'dataset') draft.dataset = file;
        else if (file.info?.kind === 'requests') draft.requests = file;
        else if (!draft.files.some((f) => f.path !== null && f.path === file.path)) draft.files.push(file);
      }
      return { draft };
    }),
  removeFile: (key) => useDraft.getState().removeFiles([key]),
  removeFiles: (keys) =>
    set((s) => {
      const gone = new Set(keys);
      return {
        draft: {
          ...s.draft,
          files: s.draft.files.filter((f) => !gone.has(f.key)),
          dataset: s.draft.dataset && gone.has(s.draft.dataset.key) ? null : s.draft.dataset,
          requests: s.draft.requests && gone.has(s.draft.requests.key) ? null : s.draft.requests,
        },
      };
    }),
  reset: () => set({ draft: EMPTY_DRAFT }),
}));
