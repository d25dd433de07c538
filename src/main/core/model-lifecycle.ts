// Model lifecycle against time: a model past its shutdown is retired (refused, its replacement named); one that shuts
// down before a run submitted now could finish (submit + 24 h, the batch APIs' completion window) warns; legacy and
// deprecated models are marked. Pure: the caller gives the submit time and the current time.
import type { ModelConfig } from '../../shared/domain.ts';
import { dayStart } from './cost.ts';

/** The batch APIs' completion window: a batch submitted at t may run until t + 24 h. */
export const BATCH_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface LifecycleProblems {
  /** Set when the model must not be used: it is retired at the submit time. */
  refusal: string | null;
  /** Set when the model still answers but may not for the whole run, or is legacy/deprecated. */
  warning: string | null;
}

export function shutdownAt(model: Pick<ModelConfig, 'lifecycle'>): number | null {
  const day = model.lifecycle?.shutdown_on;
  return day ? dayStart(day) : null;
}

/** True once the model's shutdown date has begun. */
export function isRetired(model: Pick<ModelConfig, 'lifecycle'>, now: number): boolean {
  const at = shutdownAt(model);
  return at !== null && now >= at;
}

const instead = (model: Pick<ModelConfig, 'lifecycle'>) => (model.lifecycle?.replacement ? `; use ${model.lifecycle.replacement} instead` : '');

/**
 * What stands in the way of sending work to `model` at `submitAt` (ms), judged at `now` (ms). A scheduled run is
 * judged at its submit time; a model already retired `now` is refused even if the run was meant for earlier.
 */
export function lifecycleProblems(model: Pick<ModelConfig, 'id' | 'lifecycle'>, submitAt: number, now: number): LifecycleProblems {
  const lifecycle = model.lifecycle;
  const at = shutdownAt(model);
  const day = lifecycle?.shutdown_on;
  if (at !== null && Math.max(submitAt, now) >= at) {
    return { refusal: `${model.id} was shut down by its provider on ${day}${instead(model)}`, warning: null };
  }
  if (at !== null && at <= submitAt + BATCH_WINDOW_MS) {
    return { refusal: null, warning: `${model.id} shuts down on ${day}, within 24 h of submission: requests still queued then may fail${instead(model)}` };
  }
  if (lifecycle?.status === 'deprecated') return { refusal: null, warning: `${model.id} is deprecated${day ? ` and shuts down on ${day}` : ''}${instead(model)}` };
  if (lifecycle?.status === 'legacy') return { refusal: null, warning: `${model.id} is a legacy model${instead(model)}` };
  return { refusal: null, warning: null };
}
