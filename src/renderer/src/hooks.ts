// Small hooks shared by the screens.
import { useEffect, useRef, useState } from 'react';
import { errorLines } from './api.ts';

export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface Loaded<T> {
  data: T | null;
  error: string[] | null;
  loading: boolean;
  reload(): void;
}

/**
 * Load something from the engine whenever `deps` change; stale answers (from older deps) are dropped.
 * `throttleMs` spaces out reloads caused by live events so a busy run does not flood the engine.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], throttleMs = 0): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string[] | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);
  const lastRun = useRef(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const mine = ++generation.current;
    const wait = Math.max(0, lastRun.current + throttleMs - Date.now());
    const timer = setTimeout(() => {
      lastRun.current = Date.now();
      loadRef.current().then(
        (data) => mine === generation.current && setState({ data, error: null, loading: false }),
        (error: unknown) =>
          mine === generation.current &&
          setState((s) => ({ data: s.data, error: errorLines(error), loading: false })),
      );
    }, wait);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce, throttleMs]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}

/** The current time, ticking every `ms` (for figures that age, like "running for 3 h"). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
