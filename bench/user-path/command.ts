// Run a command as a child process, as a user would, and measure it from outside: wall time and the peak RSS of
// the process (GNU time's maximum resident set size; where /usr/bin/time is missing, the kernel's VmHWM read
// from /proc while it runs). Asynchronous, so a fake provider server in this process keeps answering meanwhile.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BATCHDESK = join(ROOT, 'bin/batchdesk.mjs');
const GNU_TIME = '/usr/bin/time';

export interface CommandRun {
  ms: number;
  rss_mb: number;
  stdout: string;
}

function peakFromProc(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** `node ARGS...` (a script or the batchdesk launcher) in `cwd` with `env`; rejects on a non-zero exit. */
export async function runNode(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CommandRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const timeFile = join(scratch, 'rss');
  const useTime = existsSync(GNU_TIME);
  const [command, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args];
  const started = performance.now();
  const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let sampled = 0;
  const sampler = useTime ? null : setInterval(() => (sampled = Math.max(sampled, peakFromProc(child.pid!))), 50);
  const code = await new Promise<number>((done) => child.on('close', (status) => done(status ?? 1)));
  const ms = performance.now() - started;
  if (sampler) clearInterval(sampler);
  const kb = useTime ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) : sampled;
  rmSync(scratch, { recursive: true, force: true });
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}`);
  return { ms, rss_mb: kb / 1024, stdout };
}

/** The batchdesk CLI as a user runs it (bin/batchdesk.mjs), with its own data folder. */
export function batchdesk(home: string, args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CommandRun> {
  return runNode([BATCHDESK, '--home', home, ...args], { env: { BATCHDESK_KEYCHAIN: 'off', NO_COLOR: '1', ...env }, ...(cwd ? { cwd } : {}) });
}
