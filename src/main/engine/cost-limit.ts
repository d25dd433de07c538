// A run's cost limit, checked before anything is stored (issue 13 item 4; issue 15 item 4: a cost limit checks the
// ceiling). The limit is compared with the run's ceiling, where every job uses all of its max_tokens: a run that
// may cost more is refused, naming the typical figure, the ceiling and the ways on. With a pilot, the pilot's
// ceiling must fit (the rest waits for release, and the limit holds when it is sent). With `allowPartial`, the
// jobs that fit under the limit (in order, at their ceiling) are submitted and the rest is left out.
import { InputError } from '../core/errors.ts';
import type { JobEstimate } from './estimate.ts';
import { formatUsd } from '../../shared/money.ts';

export interface CostLimitDraft {
  costLimitUsd?: number;
  allowPartial?: boolean;
}

const sum = (estimates: JobEstimate[], pick: (e: JobEstimate) => number | null) => estimates.reduce((total, e) => total + (pick(e) ?? 0), 0);

/** The seqs of the jobs the limit leaves out (empty: everything fits). Throws InputError when the run is refused. */
export function jobsLeftOutByCostLimit(draft: CostLimitDraft, estimates: JobEstimate[], pilot: number[]): Set<number> {
  const limit = draft.costLimitUsd;
  if (limit === undefined) return new Set();
  const ceiling = sum(estimates, (e) => e.batch_usd_max ?? e.batch_usd);
  if (ceiling <= limit) return new Set();
  const typical = sum(estimates, (e) => e.batch_usd);
  const figures = `typically ${formatUsd(typical)}, at most ${formatUsd(ceiling)} if every job uses all of its max_tokens`;
  if (pilot.length > 0) {
    const pilotCeiling = sum(pilot.map((seq) => estimates[seq]!), (e) => e.batch_usd_max ?? e.batch_usd);
    if (pilotCeiling <= limit) return new Set();
    throw new InputError(`the cost limit of ${formatUsd(limit)} is below what even the pilot may cost (at most ${formatUsd(pilotCeiling)}; the whole run ${figures}): nothing was sent. Raise the limit, or make the pilot smaller`);
  }
  const fitting = prefixUnder(estimates, limit);
  if (draft.allowPartial) {
    if (fitting === 0) throw new InputError(`the cost limit of ${formatUsd(limit)} is below what even the first job may cost (at most ${formatUsd(estimates[0]?.batch_usd_max ?? 0)}): nothing was sent. Raise the limit or lower max_tokens`);
    return new Set(estimates.map((_, seq) => seq).slice(fitting));
  }
  throw new InputError(
    `the cost limit of ${formatUsd(limit)} is below what this run may cost: ${figures}. Nothing was sent. To go on: raise the limit to at least ${formatUsd(ceiling)} (or lower max_tokens), ` +
      `send a pilot first (--pilot), or submit only the jobs that fit (--allow-partial: ${fitting} of ${estimates.length} jobs)`,
  );
}

/** How many jobs, from the first, fit under `limit` at their ceiling. */
function prefixUnder(estimates: JobEstimate[], limit: number): number {
  let spent = 0;
  for (const [index, estimate] of estimates.entries()) {
    spent += estimate.batch_usd_max ?? estimate.batch_usd ?? 0;
    if (spent > limit) return index;
  }
  return estimates.length;
}
