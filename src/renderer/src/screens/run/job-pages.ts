// The jobs of a run, loaded in chunks as the table scrolls. Without filters a job's seq is its row index, so
// any chunk can be fetched directly (after_seq = first index − 1) and a jump to the last of 100,000 rows costs one
// call; with filters the chunks are fetched in order, each after the last seq of the one before, and the table
// grows as it scrolls ('runs.jobs' tells the run's total, not how many match a filter).
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { OperationInput } from '../../../../shared/contract.ts';
import { call, errorLines } from '../../api.ts';
import type { JobRow } from './types.ts';

export const CHUNK = 500;
export type JobFilter = Omit<OperationInput<'runs.jobs'>, 'run_id' | 'limit' | 'after_seq'>;

const isFiltered = (f: JobFilter) => Boolean(f.status?.length || f.model || f.error_category || f.search);

export class JobPager {
  private readonly runId: string;
  private readonly filter: JobFilter;
  private chunks = new Map<number, JobRow[]>();
  private more = new Map<number, boolean>();
  /** Chunks fetched since the last refresh; older ones stay on screen until their refetch answers. */
  private fresh = new Set<number>();
  private loading = new Set<number>();
  private generation = 0;
  private wanted: [number, number] = [0, 0];
  private listeners = new Set<() => void>();
  private version = 0;
  total: number | null = null;
  error: string[] | null = null;

  constructor(runId: string, filter: JobFilter) {
    this.runId = runId;
    this.filter = filter;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private async fetchChunk(index: number, mine: number): Promise<void> {
    if (this.fresh.has(index) || this.loading.has(index)) return;
    let afterSeq = index * CHUNK - 1;
    if (isFiltered(this.filter) && index > 0) {
      if (!this.fresh.has(index - 1)) await this.fetchChunk(index - 1, mine);
      const before = this.chunks.get(index - 1);
      if (!before || !this.more.get(index - 1) || mine !== this.generation) return;
      afterSeq = before.at(-1)!.seq;
    }
    this.loading.add(index);
    try {
      const page = await call('runs.jobs', {
        run_id: this.runId,
        ...this.filter,
        limit: CHUNK,
        after_seq: afterSeq,
      });
      if (mine !== this.generation) return;
      this.chunks.set(index, page.data);
      this.more.set(index, page.has_more);
      this.fresh.add(index);
      this.total = page.total;
      this.error = null;
    } catch (e) {
      if (mine === this.generation) this.error = errorLines(e);
    } finally {
      this.loading.delete(index);
      if (mine === this.generation) this.changed();
    }
  }

  ensure(first: number, last: number): void {
    this.wanted = [first, last];
    const mine = this.generation;
    for (let c = Math.floor(first / CHUNK); c <= Math.floor(Math.max(first, last) / CHUNK); c++)
      void this.fetchChunk(c, mine);
  }

  /** New results arrived: refetch what is on screen, in place. */
  refresh(): void {
    this.generation++;
    this.fresh = new Set();
    this.loading = new Set();
    this.ensure(...this.wanted);
  }

  rowAt(index: number): JobRow | undefined {
    return this.chunks.get(Math.floor(index / CHUNK))?.[index % CHUNK];
  }

  /**
   * Rows the table holds: every job without filters; with filters, the matches loaded so far (+1 row that loads
   * the next chunk when it scrolls into view) until the last chunk says there are no more.
   */
  rows(): { rows: number; complete: boolean } {
    if (!isFiltered(this.filter)) return { rows: this.total ?? 0, complete: true };
    let rows = 0;
    for (let i = 0; this.chunks.has(i); i++) {
      rows += this.chunks.get(i)!.length;
      if (!this.more.get(i)) return { rows, complete: true };
    }
    return { rows: this.chunks.has(0) ? rows + 1 : rows, complete: false };
  }
}

export function useJobPages(runId: string, filter: JobFilter, version: number) {
  const filterKey = JSON.stringify(filter);
  const pager = useMemo(() => new JobPager(runId, JSON.parse(filterKey) as JobFilter), [runId, filterKey]);
  useSyncExternalStore(pager.subscribe, pager.getVersion);
  useEffect(() => pager.refresh(), [pager, version]);
  const { rows, complete } = pager.rows();
  return {
    total: pager.total,
    rows,
    complete,
    rowAt: (i: number) => pager.rowAt(i),
    ensure: (a: number, b: number) => pager.ensure(a, b),
    error: pager.error,
  };
}
