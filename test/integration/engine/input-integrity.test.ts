// Issue 13 acceptance: the input file a provider gets holds exactly the requests recorded for its batch. A crash
// after a cost-limit trim and before the file is replaced leaves the old, longer file on disk: the next upload
// checks the file against the batch (line count, sha256) and writes it again from the store. A file changed on
// disk is written again too.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createRun } from '../../../src/main/engine/create-run.ts';
import { CostTracker } from '../../../src/main/engine/cost-tracker.ts';
import { inputFilePath } from '../../../src/main/engine/input-files.ts';
import { fakeEngine, jobs, MODEL, settled, type FakeEngine } from '../scenarios/harness.ts';

let engine: FakeEngine;
afterEach(() => engine?.close());

const requestLines = (text: string) => text.split('\n').filter((line) => line.startsWith('{"custom_id"'));

/** The JSONL file the fake received in each upload (the multipart body's file part). */
function uploads(e: FakeEngine): string[][] {
  return e.fake.receivedBodies().filter((body) => body.includes('name="file"')).map(requestLines);
}

async function runWithFile(count: number): Promise<{ runId: string; path: string }> {
  const draft = { jobs: jobs(count, MODEL.openai) };
  const { runId } = await createRun(engine.host.ctx, draft, { requireKeys: true });
  const batch = engine.host.store.batches.forRun(runId)[0]!;
  return { runId, path: inputFilePath(engine.host.ctx, batch) };
}

describe('input file integrity', () => {
  it('a crash after the trim, before the file is replaced: the upload holds exactly the recorded request count', async () => {
    engine = await fakeEngine('openai');
    const { runId, path } = await runWithFile(10);
    expect(requestLines(await readFile(path, 'utf8'))).toHaveLength(10);
    const store = engine.host.store;
    const perJob = [...store.jobs.iterate(runId)][0]!.estimated_usd!;
    // A limit met at dispatch (as after a pilot's release or a retry): the batch is trimmed to 4 jobs…
    store.runs.update(runId, { cost_limit_usd: perJob * 4.5 }, engine.clock.now());
    const batch = store.batches.forRun(runId)[0]!;
    expect(new CostTracker(engine.host.ctx, store.runs.get(runId)!).fit(batch)).toBe('trimmed');
    // …and the process dies before it replaces the file: the 10-line file is still there.
    expect(requestLines(await readFile(path, 'utf8'))).toHaveLength(10);
    expect(store.batches.get(batch.id)).toMatchObject({ request_count: 4, input_lines: null, input_sha256: null });

    await engine.runUntil(() => settled(engine, runId));
    expect(uploads(engine).map((lines) => lines.length)).toEqual([4]);
    const sent = await readFile(path);
    expect(store.batches.get(batch.id)).toMatchObject({ input_lines: 4, input_sha256: createHash('sha256').update(sent).digest('hex') });
    expect(engine.jobsOf(runId).map((j) => j.status)).toEqual([...Array(4).fill('succeeded'), ...Array(6).fill('cancelled')]);
    for (const job of engine.jobsOf(runId).slice(0, 4)) expect(store.results.forJob(runId, job.seq)).toHaveLength(1);
  });

  it('a file changed on disk since it was written is written again from the store before it is sent', async () => {
    engine = await fakeEngine('openai');
    const { runId, path } = await runWithFile(3);
    const original = await readFile(path, 'utf8');
    const recorded = engine.host.store.batches.forRun(runId)[0]!.input_sha256;
    expect(recorded).toBe(createHash('sha256').update(original).digest('hex'));
    await writeFile(path, original.replace('item 0', 'item X'));

    await engine.runUntil(() => settled(engine, runId));
    expect(uploads(engine)).toHaveLength(1);
    expect(uploads(engine)[0]!.join('\n') + '\n').toBe(original);
    expect(await readFile(path, 'utf8')).toBe(original);
  });
});
