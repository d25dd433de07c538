// The sums a run's estimate shows (per model, per provider batch, the whole run), added up one job at a time as
// run creation streams its jobs: no job is kept for them.
import type { ModelConfig } from '../../shared/domain.ts';
import type { OpenBatch } from '../core/planner.ts';
import type { JobEstimate } from './estimate.ts';

/** null stays null: one job of unknown price makes the sum unknown. */
export const addUsd = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

export interface ModelTotals {
  model: ModelConfig;
  jobs: number;
  input_tokens: number;
  output_tokens: number;
  output_tokens_max: number;
  batch_usd: number | null;
  batch_usd_max: number | null;
  sync_usd: number | null;
}

export interface BatchTotals {
  batch: OpenBatch;
  is_pilot: boolean;
  batch_usd_max: number | null;
  sync_usd: number | null;
  /** Set once the run is stored. */
  id?: string;
}

export class PlanTotals {
  readonly perModel = new Map<string, ModelTotals>();
  readonly perBatch = new Map<OpenBatch, BatchTotals>();

  add(model: ModelConfig, estimate: JobEstimate, batch: OpenBatch, isPilot: boolean): BatchTotals {
    let m = this.perModel.get(model.id);
    if (!m) this.perModel.set(model.id, (m = { model, jobs: 0, input_tokens: 0, output_tokens: 0, output_tokens_max: 0, batch_usd: 0, batch_usd_max: 0, sync_usd: 0 }));
    m.jobs += 1;
    m.input_tokens += estimate.input_tokens;
    m.output_tokens += estimate.output_tokens;
    m.output_tokens_max += estimate.output_tokens_max;
    m.batch_usd = addUsd(m.batch_usd, estimate.batch_usd);
    m.batch_usd_max = addUsd(m.batch_usd_max, estimate.batch_usd_max);
    m.sync_usd = addUsd(m.sync_usd, estimate.sync_usd);
    let b = this.perBatch.get(batch);
    if (!b) this.perBatch.set(batch, (b = { batch, is_pilot: isPilot, batch_usd_max: 0, sync_usd: 0 }));
    b.batch_usd_max = addUsd(b.batch_usd_max, estimate.batch_usd_max);
    b.sync_usd = addUsd(b.sync_usd, estimate.sync_usd);
    return b;
  }

  models(): ModelTotals[] {
    return [...this.perModel.values()];
  }

  sum(pick: (m: ModelTotals) => number | null): number | null {
    return this.models().reduce<number | null>((acc, m) => addUsd(acc, pick(m)), 0);
  }
}
