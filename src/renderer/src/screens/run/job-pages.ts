// The jobs of a run, loaded in chunks as the table scrolls. Without filters a job's seq is its row index, so
// any chunk can be fetched directly (after_seq = first index − 1) and a jump to the last of 100,000 rows costs one
// call; with filters the chunks are fetched in order, each after the last seq of the one before, and the table
// grows as it scrolls ('runs.jobs' tells the run's total, not how many match a filter).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationInput } from '../../../../shared/contract.ts';
import { call, errorLines } from '../../api.ts';
import type { JobRow } from './types.ts';

export const CHUNK = 500;
export type JobFilter = Omit<OperationInput<'runs.jobs'>, 'run_id' | 'limit' | 'after_seq'>;

const isFiltered = (f: JobFilter) => Boolean(f.status?.length || f.model || f.error_category || f.search);

export function useJobPages(runId: string, filter: JobFilter, version: number) {
  const [, setTick] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const chunks = useRef(new Map<number, JobRow[]>());
  const loading = useRef(new Set<number>());
  /** Chunks fetched since the last change; older ones stay on screen until their refetch answers. */
  const fresh = useRef(new Set<number>());
  const more = useRef(new Map<number, boolean>());
  const shownFilter = useRef('');
  const generation = useRef(0);
  const wanted = useRef<[number, number]>([0, 0]);
  const filterKey = JSON.stringify(filter);

  const fetchChunk = useCallback(
    async (index: number, mine: number): Promise<void> => {
      if (fresh.current.has(index) || loading.current.has(index)) return;
      const parsedFilter = JSON.parse(filterKey) as JobFilter;
      let afterSeq = index * CHUNK - 1;
      if (isFiltered(parsedFilter) && index > 0) {
        if (!fresh.current.has(index - 1)) await fetchChunk(index - 1, mine);
        const before = chunks.current.get(index - 1);
        if (!before || before.length < CHUNK || mine !== generation.current) return;
        afterSeq = before.at(-1)!.seq;
      }
      loading.current.add(index);
      try {
        const page = await call('runs.jobs', { run_id: runId, ...parsedFilter, limit: CHUNK, after_seq: afterSeq });
        if (mine !== generation.current) return;
        chunks.current.set(index, page.data);
        more.current.set(index, page.has_more);
        fresh.current.add(index);
        setTotal(page.total);
        setError(null);
      } catch (e) {
        if (mine === generation.current) setError(errorLines(e));
      } finally {
        loading.current.delete(index);
        if (mine === generation.current) setTick((t) => t + 1);
      }
    },
    [runId, filterKey],
  );

  const ensure = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      const mine = generation.current;
      for (let c = Math.floor(first / CHUNK); c <= Math.floor(Math.max(first, last) / CHUNK); c++) void fetchChunk(c, mine);
    },
    [fetchChunk],
  );

  // A new filter starts over; new results (live events) refetch what is on screen in place.
  useEffect(() => {
    generation.current++;
    if (shownFilter.current !== filterKey) {
      chunks.current = new Map();
      more.current = new Map();
      wanted.current = [0, 0];
    }
    shownFilter.current = filterKey;
    fresh.current = new Set();
    loading.current = new Set();
    const [first, last] = wanted.current;
    ensure(first, last);
  }, [filterKey, version, ensure]);

  const rowAt = (index: number): JobRow | undefined => chunks.current.get(Math.floor(index / CHUNK))?.[index % CHUNK];
  // Rows the table holds: every job without filters; with filters, the matches loaded so far (+1 row that
  // loads the next chunk when it scrolls into view) until the last chunk says there are no more.
  let rows = total ?? 0;
  let complete = true;
  if (isFiltered(JSON.parse(filterKey) as JobFilter)) {
    rows = 0;
    complete = false;
    for (let i = 0; chunks.current.has(i); i++) {
      rows += chunks.current.get(i)!.length;
      if (!more.current.get(i)) {
        complete = true;
        break;
      }
    }
    if (!complete && chunks.current.has(0)) rows += 1;
  }
  return { total, rows, complete, rowAt, ensure, error };
}
