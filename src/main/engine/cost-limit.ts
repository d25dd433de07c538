// A run's cost limit, checked before anything is stored (issue 13 item 4; issue 15 item 4: a cost limit checks the
// ceiling). The limit is compared with the run's ceiling, where every job uses all of its max_tokens: a run that
// may cost more is refused, naming the typical figure, the ceiling and the ways on. With a pilot, the pilot's
// ceiling must fit (the rest waits for release, and the limit holds when it is sent). With `allowPartial`, the
// jobs that fit under the limit (in order, at their ceiling) are submitted and the rest is left out.
// The figures are added one job at a time, so a run of 100,000 jobs is checked without holding them.
import { InputError } from '../core/errors.ts';
import type { JobEstimate } from './estimate.ts';
import { formatUsd } from '../../shared/money.ts';

export interface CostLimitDraft {
  costLimitUsd?: number;
  allowPartial?: boolean;
}

/** The sums the limit is checked against, over every job of a run in order. */
export class CostCeilingTally {
  private ceiling = 0;
  private typical = 0;
  private pilotCeiling = 0;
  private pilotJobs = 0;
  private jobs = 0;
  private firstCeiling = 0;
  /** How many jobs, from the first, fit under the limit at their ceiling (null: all so far). */
  private fitting: number | null = null;

  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  add(estimate: JobEstimate, isPilot: boolean): void {
    const most = estimate.batch_usd_max ?? estimate.batch_usd ?? 0;
    if (this.jobs === 0) this.firstCeiling = most;
    this.ceiling += most;
    this.typical += estimate.batch_usd ?? 0;
    if (this.fitting === null && this.ceiling > this.limit) this.fitting = this.jobs;
    if (isPilot) {
      this.pilotCeiling += most;
      this.pilotJobs += 1;
    }
    this.jobs += 1;
  }

  /** How many jobs, from the first, are kept. Throws InputError when the run is refused. */
  kept(allowPartial: boolean): number {
    const limit = this.limit;
    if (this.ceiling <= limit) return this.jobs;
    const figures = `typically ${formatUsd(this.typical)}, at most ${formatUsd(this.ceiling)} if every job uses all of its max_tokens`;
    if (this.pilotJobs > 0) {
      if (this.pilotCeiling <= limit) return this.jobs;
      throw new InputError(`the cost limit of ${formatUsd(limit)} is below what even the pilot may cost (at most ${formatUsd(this.pilotCeiling)}; the whole run ${figures}): nothing was sent. Raise the limit, or make the pilot smaller`);
    }
    const fitting = this.fitting ?? this.jobs;
    if (allowPartial) {
      if (fitting === 0) throw new InputError(`the cost limit of ${formatUsd(limit)} is below what even the first job may cost (at most ${formatUsd(this.firstCeiling)}): nothing was sent. Raise the limit or lower max_tokens`);
      return fitting;
    }
    throw new InputError(
      `the cost limit of ${formatUsd(limit)} is below what this run may cost: ${figures}. Nothing was sent. To go on: raise the limit to at least ${formatUsd(this.ceiling)} (or lower max_tokens), ` +
        `send a pilot first (--pilot), or submit only the jobs that fit (--allow-partial: ${fitting} of ${this.jobs} jobs)`,
    );
  }
}
