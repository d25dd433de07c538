// The model catalog (with key status), loaded once and refreshed when keys or price overrides change.
import { create } from 'zustand';
import { call, errorLines } from '../../api.ts';
import type { ModelInfo } from './file-types.ts';

interface ModelsState {
  models: ModelInfo[];
  loaded: boolean;
  error: string[] | null;
  refresh(): Promise<void>;
}

export const useModels = create<ModelsState>((set) => ({
  models: [],
  loaded: false,
  error: null,
  async refresh() {
    try {
      set({ models: await call('models.list', {}), loaded: true, error: null });
    } catch (error) {
      set({ error: errorLines(error), loaded: true });
    }
  },
}));
