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
