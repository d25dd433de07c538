// Live updates from the engine: one subscription for the whole UI. Screens watch `version[runId]` (or `any`)
// and re-read what they show; progress points are kept for the run detail chart.
import { create } from 'zustand';
import type { ContractEvent } from '../../../shared/contract.ts';
import { api } from '../api.ts';

export interface ProgressPoint {
  at: number;
  done: number;
  total: number;
  cost_usd: number;
}

interface LiveState {
  any: number;
  version: Record<string, number>;
  points: Record<string, ProgressPoint[]>;
  connected: boolean;
  onEvent(event: ContractEvent): void;
}

const MAX_POINTS = 500;

export const useLive = create<LiveState>((set) => ({
  any: 0,
  version: {},
  points: {},
  connected: false,
  onEvent(event) {
    set((state) => {
      const points = { ...state.points };
      if (event.type === 'progress') {
        const c = event.counts;
        const point = {
          at: Date.now(),
          done: c.succeeded + c.failed + c.expired + c.cancelled,
          total: c.total,
          cost_usd: event.cost_usd,
        };
        points[event.run_id] = [...(points[event.run_id] ?? []), point].slice(-MAX_POINTS);
      }
      return {
        any: state.any + 1,
        version: { ...state.version, [event.run_id]: (state.version[event.run_id] ?? 0) + 1 },
        points,
      };
    });
  },
}));

export function startLiveUpdates(): () => void {
  const stop = api().subscribe((event) => useLive.getState().onEvent(event));
  useLive.setState({ connected: true });
  return stop;
}
