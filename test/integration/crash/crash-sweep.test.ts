// Issue 4 acceptance: for every named crash point and every provider, a `batchdesk run --wait` that SIGKILLs
// itself there (BATCHDESK_CRASHPOINT), then `batchdesk watch RUN`, ends with no duplicate remote batch (the fake's
// own log, or the demo provider's remote folder), no lost result, every job answered exactly once, no open
// intent, and a database that passes integrity_check. Points a provider never reaches are named and skipped.
//
// Issue 13 acceptance, the frozen monitor (named points of PAUSEPOINTS, plus a create the provider answers late):
// the first monitor is stopped with SIGSTOP between its intent and its create past its lease, a second
// (`batchdesk watch`) takes over, then the first resumes: one bound remote batch per provider batch, every result
// ingested once, and any late remote batch cancelled at the provider and reported as an orphan.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASHPOINTS, PAUSEPOINTS, type Crashpoint } from '../../../src/main/core/crashpoint.ts';
import { buildRegistry } from '../../../src/main/providers/index.ts';
import { ManualClock } from '../../../src/main/core/clock.ts';
import { KeyResolver } from '../../../src/main/secrets/keys.ts';
import { cleanEnv, runCli, startCli, tempDir } from '../../helpers/cli.ts';
import { startFakes } from '../../helpers/fakes.ts';
import { CREATE_PATH, frozenMonitorCase, MODEL, readDb } from './frozen-monitor.ts';

const JOBS = 5;
const PER_BATCH = 3;
const PROVIDERS = ['openai', 'anthropic', 'gemini', 'demo'] as const;
type Provider = (typeof PROVIDERS)[number];

/** Crash points a provider never passes, with the reason. Anything not listed here must really crash. */
const UNREACHABLE: Partial<Record<Provider, Partial<Record<Crashpoint, string>>>> = {
  anthropic: { 'after-upload': 'Anthropic batches take the requests inline: there is no upload step' },
  demo: { 'after-upload': 'the demo provider creates batches from the local input file: there is no upload step' },
};

function reachable(provider: Provider, point: Crashpoint): boolean {
  return UNREACHABLE[provider]?.[point] === undefined;
}

describe('the providers really lack the steps their skipped crash points name', () => {
  it('anthropic and demo have no upload, openai and gemini have one', async () => {
    const env = { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', GEMINI_API_KEY: 'k' };
    const folder = tempDir();
    const registry = buildRegistry({ dataFolder: folder.path, clock: new ManualClock(), keys: new KeyResolver(null, env), env });
    for (const provider of PROVIDERS) {
      const hasUpload = typeof (await registry.provider(provider)).upload === 'function';
      expect({ provider, hasUpload }).toEqual({ provider, hasUpload: reachable(provider, 'after-upload') });
    }
    folder.cleanup();
  });
});

describe.concurrent('crash-point sweep', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('batchdesk-crash-');
    writeFileSync(join(dir.path, 'rows.csv'), ['id,text', ...Array.from({ length: JOBS }, (_, i) => `r${i},a short note about river ${i}`)].join('\n'));
  });
  afterAll(() => dir.cleanup());

  const cases = PROVIDERS.flatMap((provider) => CRASHPOINTS.map((point) => ({ provider, point })));
  for (const { provider, point } of cases) {
    it.skipIf(!reachable(provider, point))(`${provider} · ${point}: restart ends with every job once and no duplicate batch`, { timeout: 90_000 }, async () => {
      const fakes = await startFakes();
      const home = join(dir.path, `${provider}-${point}`);
      const dbPath = join(home, 'batchdesk.db');
      // Small chunks so that mid-ingest really falls between two committed chunks of one file.
      const env = cleanEnv({ BATCHDESK_HOME: home, BATCHDESK_DEMO_SECONDS: '1', BATCHDESK_POLL_INTERVAL_MS: '100', BATCHDESK_INGEST_CHUNK: '2', ...fakes.env });
      try {
        let kill = () => {};
        if (point === 'after-create-sent' && provider !== 'demo') {
          fakes[provider].http.inject({ method: 'POST', path: CREATE_PATH[provider], fault: { kind: 'effect-then-hang', then: () => kill() } });
        }
        const child = startCli(
          ['run', '--model', MODEL[provider], '--dataset', 'rows.csv', '--template', 'Summarise: {{text}}', '--max-tokens', '40', '--items-per-batch', String(PER_BATCH), '--wait', '--json'],
          { ...env, BATCHDESK_CRASHPOINT: point },
          dir.path,
        );
        kill = () => child.kill('SIGKILL');
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('close', (_code, sig) => resolve(sig)));
        expect(signal, `the run did not crash at ${point}: ${stderr}`).toBe('SIGKILL');
        const runId = readDb(dbPath, (db) => (db.prepare('SELECT id FROM runs').get() as { id: string }).id);

        const watch = await runCli(['watch', runId, '--json'], env);
        expect(watch.stderr).toBe('');
        expect(watch.code).toBe(0);
        expect(JSON.parse(watch.stdout.trim().split('\n').at(-1)!)).toMatchObject({ status: 'completed', jobs: { total: JOBS, succeeded: JOBS } });

        const db = readDb(dbPath, (d) => ({
          integrity: d.pragma('integrity_check', { simple: true }),
          results: d.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT job_seq) AS jobs FROM results').get(),
          attempts: d.prepare('SELECT MIN(attempts) AS lo, MAX(attempts) AS hi FROM jobs').get(),
          openIntents: (d.prepare(`SELECT COUNT(*) AS n FROM intents WHERE state = 'open'`).get() as { n: number }).n,
          remoteIds: (d.prepare('SELECT remote_id FROM provider_batches').all() as { remote_id: string | null }[]).map((r) => r.remote_id),
        }));
        expect(db.integrity).toBe('ok');
        expect(db.results).toEqual({ n: JOBS, jobs: JOBS });
        expect(db.attempts).toEqual({ lo: 1, hi: 1 });
        expect(db.openIntents).toBe(0);
        const batches = Math.ceil(JOBS / PER_BATCH);
        expect(db.remoteIds).toHaveLength(batches);
        expect(new Set(db.remoteIds).size).toBe(batches);
        expect(db.remoteIds).not.toContain(null);
        // The provider's own count of batches ever created: nothing was created twice or left orphaned.
        const created = provider === 'demo' ? readdirSync(join(home, 'demo-remote')).filter((n) => !n.startsWith('.')).sort() : fakes[provider].batchesCreated();
        expect(created).toEqual(provider === 'demo' ? [...db.remoteIds].sort() : batches);
      } finally {
        await fakes.close();
      }
    });
  }
});

describe.concurrent('frozen monitor', () => {
  const points = [...PAUSEPOINTS, 'late-create-answer'] as const;
  for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
    for (const point of points) {
      it(`${provider} · ${point}: one remote batch per provider batch, every result once, late ones cancelled`, { timeout: 120_000 }, () => frozenMonitorCase(provider, point));
    }
  }
});
