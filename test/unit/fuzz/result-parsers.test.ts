// Issue 4 acceptance: every provider's result parser, fed through ingestBatch into a real store, with 10,000
// seeded, mutated lines (truncated, invalid UTF-8, a 10 MB line, missing, duplicate and unknown ids, wrong
// types): nothing throws, every bad line is reported with its own line number, every good line is stored once,
// jobs without an answer end failed with a reason, and ingesting the same file again changes nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/core/clock.ts';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { ingestBatch } from '../../../src/main/engine/ingester.ts';
import { customIdFor } from '../../../src/main/engine/custom-id.ts';
import { providerBatchFolder } from '../../../src/main/store/data-folder.ts';
import type { ProviderName } from '../../../src/shared/domain.ts';
import { cleanEnv, tempDir } from '../../helpers/cli.ts';

const LINES = 10_000;
const JOBS = 2_000;
const ANSWERED = 1_500;
const TEN_MB = 10 * 1024 * 1024;

type Provider = ProviderName;
const MODEL: Record<Provider, string> = { openai: 'openai/gpt-4.1-mini', anthropic: 'anthropic/claude-haiku-4-5', gemini: 'gemini/gemini-2.5-flash', demo: 'demo/echo' };

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-formed success line of each provider, and the field that names the job. */
const GOOD: Record<Provider, { idField: string; line: (id: string, text: string) => Record<string, unknown>; wrongType: (id: string) => Record<string, unknown> }> = {
  openai: {
    idField: 'custom_id',
    line: (id, text) => ({ id: `batch_req_${id}`, custom_id: id, response: { status_code: 200, request_id: 'r', body: { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 12, completion_tokens: 5 } } }, error: null }),
    wrongType: (id) => ({ id: 'x', custom_id: id, response: 5, error: 'nope' }),
  },
  anthropic: {
    idField: 'custom_id',
    line: (id, text) => ({ custom_id: id, result: { type: 'succeeded', message: { id: 'msg', type: 'message', role: 'assistant', content: [{ type: 'text', text }], stop_reason: 'end_turn', usage: { input_tokens: 12, output_tokens: 5 } } } }),
    wrongType: (id) => ({ custom_id: id, result: ['succeeded'] }),
  },
  gemini: {
    idField: 'key',
    line: (id, text) => ({ key: id, response: { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 5 } } }),
    wrongType: (id) => ({ key: id, response: 5 }),
  },
  demo: {
    idField: 'custom_id',
    line: (id, text) => ({ custom_id: id, outcome: 'succeeded', text, usage: { input_tokens: 12, output_tokens: 5, cached_input_tokens: 0 }, error: null, simulated: true }),
    wrongType: (id) => ({ custom_id: id, outcome: 7, text: 'x', usage: 'many', error: null }),
  },
};

interface Generated {
  lines: Buffer[];
  /** 1-based line numbers that must be reported as bad. */
  bad: Set<number>;
  /** job seq → its one good line's text (a job absent here was never answered). */
  answered: Map<number, string>;
}

const BAD_KINDS = ['truncated', 'invalid-utf8', 'missing-id', 'duplicate-id', 'unknown-id', 'wrong-id-type', 'wrong-types', 'not-an-object'] as const;

function generate(provider: Provider, batchId: string, seed: number): Generated {
  const rnd = random(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const { idField, line, wrongType } = GOOD[provider];
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const goodSeqs = Array.from({ length: JOBS }, (_, i) => i).sort(() => rnd() - 0.5).slice(0, ANSWERED);
  // Which of the 10,000 positions carry the good lines (in order), the rest are bad.
  const goodAt = new Set<number>();
  while (goodAt.size < ANSWERED) goodAt.add(1 + Math.floor(rnd() * LINES));
  const out: Generated = { lines: [], bad: new Set(), answered: new Map() };
  let hugeGood = false;
  let next = 0;
  for (let n = 1; n <= LINES; n++) {
    if (goodAt.has(n)) {
      const seq = goodSeqs[next++]!;
      const id = customIdFor(batchId, seq);
      const variant = rnd();
      let buffer: Buffer;
      let text = `answer for ${seq} ${'é'.repeat(Math.floor(rnd() * 5))}`;
      if (!hugeGood) {
        text = 'x'.repeat(TEN_MB);
        hugeGood = true;
      }
      if (variant < 0.1) {
        // Invalid UTF-8 inside a string value: still a readable answer (decoded as U+FFFD).
        const [head, tail] = JSON.stringify(line(id, `${text}@@`)).split('@@') as [string, string];
        buffer = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe]), Buffer.from(tail)]);
        text = `${text}\uFFFD\uFFFD`;
      } else buffer = json(line(id, text));
      out.lines.push(buffer);
      out.answered.set(seq, text);
      continue;
    }
    out.bad.add(n);
    const seq = Math.floor(rnd() * JOBS);
    const good = line(customIdFor(batchId, seq), `bad ${n}`);
    const kind = pick(BAD_KINDS);
    let buffer: Buffer;
    switch (kind) {
      case 'truncated': {
        const full = json(good);
        buffer = full.subarray(0, 1 + Math.floor(rnd() * (full.length - 1)));
        break;
      }
      case 'invalid-utf8':
        buffer = Buffer.concat([Buffer.from([0xc3, 0x28, 0xff]), json(good)]);
        break;
      case 'missing-id': {
        const copy: Record<string, unknown> = { ...good };
        delete copy[idField];
        buffer = json(copy);
        break;
      }
      case 'duplicate-id': {
        // A second answer for a job that already has one earlier in the file.
        const earlier = [...out.answered.keys()];
        buffer = earlier.length ? json(line(customIdFor(batchId, pick(earlier)), 'a second answer')) : json({ ...good, [idField]: 'zz_1' });
        break;
      }
      case 'unknown-id':
        buffer = json({ ...good, [idField]: pick([`ffffffff_${seq}`, customIdFor(batchId, JOBS + seq), `${customIdFor(batchId, seq)}x`, 'no-underscore']) });
        break;
      case 'wrong-id-type':
        buffer = json({ ...good, [idField]: pick([seq, null, true, [customIdFor(batchId, seq)], { id: seq }]) });
        break;
      case 'wrong-types':
        buffer = json(wrongType(customIdFor(batchId, seq)));
        break;
      case 'not-an-object':
        buffer = json(pick([[good], 'a string', 42, null]));
        break;
    }
    out.lines.push(buffer);
  }
  // One 10 MB line that is not JSON at all (a string that never closes).
  const hugeBad = out.lines.findIndex((_, i) => out.bad.has(i + 1));
  out.lines[hugeBad] = Buffer.from(`{"${idField}": "${'y'.repeat(TEN_MB)}`);
  return out;
}

/** Where each provider's download() looks for a result file it already has. */
function resultFile(provider: Provider, dir: string, remoteId: string): string {
  if (provider === 'openai') return join(dir, `${remoteId}-output.jsonl`);
  if (provider === 'anthropic') return join(dir, `${remoteId}.results.jsonl`);
  if (provider === 'gemini') return join(dir, `${remoteId}-responses.jsonl`);
  return join(dir, 'output.jsonl');
}

describe('result parsers under 10,000 mutated lines, through ingestBatch', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: EngineHost;
  beforeAll(() => {
    dir = tempDir('batchdesk-fuzz-');
    // Keys only so the adapters can be built; the result files are already on disk, so nothing is fetched.
    host = new EngineHost({ home: dir.path, clock: new ManualClock(), env: cleanEnv({ OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', GEMINI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', GEMINI_BASE_URL: 'http://127.0.0.1:9' }) });
  });
  afterAll(async () => {
    await host.close();
    dir.cleanup();
  });

  for (const [index, provider] of (['openai', 'anthropic', 'gemini', 'demo'] as const).entries()) {
    it(`${provider}: no crash, bad lines reported by number, good lines stored once`, { timeout: 120_000 }, async () => {
      const { store, clock } = host.ctx;
      const runId = `run_fuzz_${provider}`;
      const batchId = `${(0xa0000000 + index).toString(16)}-0000-4000-8000-000000000000`;
      const remoteId = `remote_${provider}`;
      const now = clock.now();
      store.tx(() => {
        store.runs.insert({ id: runId, name: 'fuzz', status: 'running', created_at: now, updated_at: now, finished_at: null, scheduled_at: null, deadline_at: null, cost_limit_usd: null, estimated_usd: null, options: {}, simulated: provider === 'demo' });
        for (let seq = 0; seq < JOBS; seq++) {
          store.jobs.insert({ run_id: runId, seq, id: `j${seq}`, label: `j${seq}`, model: MODEL[provider], provider, spec: { id: `j${seq}`, label: `j${seq}`, model: MODEL[provider], endpoint: 'chat', params: {}, messages: [{ role: 'user', content: 'x' }] }, status: 'pending', attempts: 0, provider_batch_id: null, estimated_input_tokens: null, estimated_output_tokens: null, estimated_usd: null, error: null, error_category: null, updated_at: now });
        }
        store.batches.insert({ id: batchId, run_id: runId, provider, model: MODEL[provider], endpoint: 'chat', request_count: JOBS, estimated_usd: null, created_at: now, is_pilot: false });
        store.jobs.assignBatch(runId, Array.from({ length: JOBS }, (_, i) => i), batchId, now);
        const handle = provider === 'openai' ? { outputFileId: 'file-out', errorFileId: null } : provider === 'gemini' ? { responsesFile: 'files/out' } : undefined;
        const remote = { remoteId, status: 'completed' as const, counts: null, countsLive: true, ...(handle ? { handle } : {}) };
        store.batches.recordSubmitted(batchId, remote, null, now, now);
        store.jobs.markBatchRunning(batchId, now);
        store.batches.recordPoll(batchId, remote, now, null);
      });
      const generated = generate(provider, batchId, 4242 + index);
      const folder = providerBatchFolder(store.dataFolder, runId, batchId);
      mkdirSync(folder, { recursive: true });
      writeFileSync(resultFile(provider, folder, remoteId), Buffer.concat(generated.lines.flatMap((l) => [l, Buffer.from('\n')])));

      const report = await ingestBatch(host.ctx, store.batches.get(batchId)!);

      const reported = report.badLines.map((b) => b.line);
      expect(new Set(reported).size, 'each bad line reported once').toBe(reported.length);
      expect(reported.sort((a, b) => a - b)).toEqual([...generated.bad].sort((a, b) => a - b));
      expect(report.stored).toBe(ANSWERED);
      expect(store.results.countForBatch(batchId)).toBe(ANSWERED);
      const counts = store.jobs.counts(runId);
      expect(counts).toMatchObject({ succeeded: ANSWERED, failed: JOBS - ANSWERED, pending: 0, running: 0 });
      for (const [seq, text] of [...generated.answered].slice(0, 200)) {
        const result = store.results.current(runId, seq)!;
        expect(result.text).toBe(text);
      }
      const unanswered = [...store.jobs.iterate(runId, `status = 'failed'`)];
      expect(unanswered.every((j) => j.error === 'the provider returned no result for this request')).toBe(true);
      const warning = store.events.forRun(runId).find((e) => e.data?.code === 'bad_result_lines');
      expect(warning?.message).toMatch(new RegExp(`^${generated.bad.size} result lines could not be read \\(line \\d+: `));

      // Ingesting the same file again stores nothing new and changes no job.
      const again = await ingestBatch(host.ctx, store.batches.get(batchId)!);
      expect(again.stored).toBe(0);
      expect(store.results.countForBatch(batchId)).toBe(ANSWERED);
      expect(store.jobs.counts(runId)).toEqual(counts);
    });
  }
});
