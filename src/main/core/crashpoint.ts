// Named points where BATCHDESK_CRASHPOINT=<name> makes the process SIGKILL itself, so tests can prove that a
// crash anywhere ends, after a restart, with no duplicate remote batch and no lost result. `after-create-sent` is
// the one point inside a provider call: the fake servers kill the client there once the create took effect, and
// the demo provider's simulated remote calls it after storing the batch.
export const CRASHPOINTS = [
  'before-intent',
  'after-intent',
  'after-upload',
  'after-create-sent',
  'after-create-answered',
  'before-batch-id-commit',
  'after-batch-id-commit',
  'mid-download',
  'mid-ingest',
] as const;
export type Crashpoint = (typeof CRASHPOINTS)[number];

export function crashpoint(name: Crashpoint, env: NodeJS.ProcessEnv = process.env): void {
  if (env.BATCHDESK_CRASHPOINT === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * Named points where BATCHDESK_PAUSEPOINT=<name> makes the process stop itself once (SIGSTOP, as Ctrl-Z or a closed
 * laptop lid would), so tests can prove that a monitor frozen past its lease and then resumed sends nothing twice.
 */
export const PAUSEPOINTS = ['frozen-after-intent'] as const;
export type Pausepoint = (typeof PAUSEPOINTS)[number];

let paused = false;

export function pausepoint(name: Pausepoint, env: NodeJS.ProcessEnv = process.env): void {
  if (paused || env.BATCHDESK_PAUSEPOINT !== name) return;
  paused = true;
  process.kill(process.pid, 'SIGSTOP');
}
