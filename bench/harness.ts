// Each case runs in a fresh child process so its peak RSS is its own: `node bench/case.ts CASE MODE SIZE DIR`
// prints one JSON line {ms, rss_mb, extra}. MODE is "project" (Batchdesk's real code path) or "roofline" (only the
// unavoidable work).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface Measurement {
  ms: number;
  rss_mb: number;
  extra?: Record<string, number>;
}

const CASE_SCRIPT = resolve(import.meta.dirname, 'case.ts');

export function measure(caseName: string, mode: 'project' | 'roofline', size: number, dataDir: string): Measurement {
  const child = spawnSync(process.execPath, ['--expose-gc', CASE_SCRIPT, caseName, mode, String(size), dataDir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`bench case ${caseName}/${mode} failed:\n${child.stderr}`);
  const last = child.stdout.trim().split('\n').at(-1)!;
  return JSON.parse(last) as Measurement;
}

/** What a case does: untimed preparation (loading modules, building inputs in memory), then the timed work. */
export interface Case {
  prepare?: () => Promise<void>;
  run: () => Promise<Record<string, number> | void>;
}

/** Report from inside a case process: elapsed time of `run` and the process's peak RSS. */
export async function report(work: Case): Promise<void> {
  await work.prepare?.();
  const start = performance.now();
  const extra = await work.run();
  const ms = performance.now() - start;
  const rss_mb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, rss_mb, ...(extra ? { extra } : {}) })}\n`);
}
