// The engine side of issue 17's screens, through the service as every face calls it: a batch's counts as stored
// (one truth with the run), compare totals and the disagreements filter, the wide export, XLSX read back by
// exceljs (escaping, Excel's cell limit), the raw files and how each face hands them out (the desktop's "Show in
// folder" through a fake platform, since Electron cannot run here).
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../helpers/excel.ts';
import { runView } from '../../../src/main/api/run-view.ts';
import { createService, type Service } from '../../../src/main/api/service/index.ts';
import { exportRun, type ExportOptions } from '../../../src/main/export/write.ts';
import { writeXlsx, XLSX_MAX_CELL_CHARS } from '../../../src/main/export/xlsx.ts';
import { providerBatchFolder } from '../../../src/main/store/data-folder.ts';
import { testEngine, textJobs, type TestEngine } from '../../helpers/engine.ts';

const SCHEMA = { type: 'object', properties: { label: { type: 'string', enum: ['low', 'mid', 'high'] } }, required: ['label'], additionalProperties: false };

async function collect(write: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await write(new Writable({ write: (chunk, _enc, done) => (chunks.push(Buffer.from(chunk)), done()) }));
  return Buffer.concat(chunks);
}


async function call<T>(service: Service, name: string, input: unknown): Promise<T> {
  const result = await service.invoke(name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('issue 17 data behind the screens', () => {
  let engine: TestEngine;
  let runId: string;
  let labelled: string;
  const opened: string[] = [];
  let desktop: Service;
  let bare: Service;
  beforeAll(async () => {
    engine = testEngine();
    // One answer the demo counts as succeeded does not match its schema (the demo cannot follow "pattern").
    const strict = { type: 'object', properties: { code: { type: 'string', pattern: '^[0-9]+$' } }, required: ['code'] };
    const jobs = textJobs(4, 'demo/echo').map((job, i) => ({ ...job, ...(i === 3 ? { schema: strict } : {}), ...(i === 2 ? { messages: [{ role: 'user' as const, content: 'this one [[fail]]s' }] } : {}) }));
    runId = await engine.create({ jobs });
    const units = Array.from({ length: 40 }, (_, i) => `unit ${i} of the survey`);
    labelled = await engine.create({ jobs: units.flatMap((text, i) => ['demo/echo', 'demo/mini'].map((model) => ({ id: `u${i}-${model}`, label: `unit-${i}`, model, endpoint: 'chat' as const, params: {}, schema: SCHEMA, messages: [{ role: 'user' as const, content: text }] }))) });
    await engine.runFor(120_000, 1000, () => [runId, labelled].every((id) => runView(engine.host.ctx, id).status === 'completed'));
    desktop = createService(engine.host, { openPath: async (path) => void opened.push(path) });
    bare = createService(engine.host, {});
  }, 60_000);
  afterAll(() => engine.close());

  it('reports a batch by its stored results, which the run adds up, next to what the provider counted', () => {
    const view = runView(engine.host.ctx, runId);
    const batch = view.provider_batches[0]!;
    expect(batch.counts).toMatchObject({ succeeded: 4, failed: 0 });
    expect(batch.results).toEqual({ succeeded: 2, failed: 2, expired: 0, cancelled: 0 });
    expect(view.jobs).toMatchObject({ succeeded: 2, failed: 2 });
  });

  it('compares per model, and pages through the disagreements only', async () => {
    type Compare = { rows: { input: string; agree: boolean; answers: Record<string, { input_tokens: number; cost_usd: number | null }> }[]; has_more: boolean; totals: { model: string; jobs: number; input_tokens: number; cost_usd: number | null }[] };
    const all = await call<Compare>(bare, 'runs.compare', { run_id: labelled, limit: 1000 });
    expect(all.rows).toHaveLength(40);
    expect(all.totals.map((t) => [t.model, t.jobs])).toEqual([
      ['demo/echo', 40],
      ['demo/mini', 40],
    ]);
    const echo = all.rows.reduce((sum, r) => sum + r.answers['demo/echo']!.input_tokens, 0);
    expect(all.totals[0]!.input_tokens).toBe(echo);
    const differ = all.rows.filter((r) => !r.agree).map((r) => r.input);
    expect(differ.length).toBeGreaterThan(2);
    const first = await call<Compare>(bare, 'runs.compare', { run_id: labelled, limit: 2, disagreements_only: true });
    const rest = await call<Compare>(bare, 'runs.compare', { run_id: labelled, limit: 1000, offset: 2, disagreements_only: true });
    expect(first.has_more).toBe(true);
    expect(rest.has_more).toBe(false);
    expect([...first.rows, ...rest.rows].map((r) => r.input)).toEqual(differ);
  });

  it('writes the wide table as CSV and XLSX, and refuses it for JSON', async () => {
    const options: ExportOptions = { format: 'csv', layout: 'wide', bom: true };
    const csv = await collect((out) => exportRun(engine.host.store, labelled, out, options));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(csv.subarray(3), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(40);
    expect(rows[0]).toMatchObject({ input: 'unit-0', 'demo/echo.status': 'succeeded', 'demo/mini.status': 'succeeded' });
    expect(rows.filter((r) => r.agree === 'false').length).toBe(rows.filter((r) => r['demo/echo.label'] !== r['demo/mini.label']).length);
    const book = await readWorkbook(await collect((out) => exportRun(engine.host.store, labelled, out, { format: 'xlsx', layout: 'wide' })));
    expect(book.worksheets[0]!.rowCount).toBe(41);
    await expect(collect((out) => exportRun(engine.host.store, labelled, out, { format: 'json', layout: 'wide' }))).rejects.toThrow(/wide layout .* is for CSV and XLSX/);
    const refused = await bare.invoke('runs.export', { run_id: labelled, format: 'xlsx', bom: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('byte-order mark is for CSV') } });
  });

  it('writes XLSX cells Excel can open: escaped, without control characters, within the cell limit', async () => {
    const long = 'x'.repeat(XLSX_MAX_CELL_CHARS + 10);
    const xlsx = await collect((out) => writeXlsx(out, ['text', 'number', 'flag'], [['a <b> & "c"\u0001\u0007 é', 1.5, true], [long, null, false]]));
    const book = await readWorkbook(xlsx);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'a <b> & "c" é', 1.5, true]);
    const cut = String(sheet.getRow(3).getCell(1).value);
    expect(cut.length).toBe(XLSX_MAX_CELL_CHARS);
    expect(cut).toContain(`the CSV or JSON export has all ${(XLSX_MAX_CELL_CHARS + 10).toLocaleString('en-US')}`);
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
  });

  it('lists the raw files by kind; the desktop shows the folder, a face without either says so', async () => {
    const batch = runView(engine.host.ctx, runId).provider_batches[0]!;
    const { files } = await call<{ files: { name: string; kind: string; size: number }[] }>(bare, 'runs.rawFiles', { run_id: runId, provider_batch_id: batch.id });
    expect(files.map((f) => [f.name, f.kind])).toEqual([
      ['input.jsonl', 'input'],
      ['output.jsonl', 'output'],
    ]);
    expect(files.every((f) => f.size > 0)).toBe(true);
    const shown = await call<{ path: string | null; url: string | null }>(desktop, 'runs.downloadRawFiles', { run_id: runId, provider_batch_id: batch.id });
    expect(shown).toEqual({ path: providerBatchFolder(engine.host.dataFolder, runId, batch.id), url: null });
    expect(opened).toEqual([shown.path]);
    expect(await bare.invoke('runs.downloadRawFiles', { run_id: runId })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await bare.invoke('runs.rawFiles', { run_id: runId, provider_batch_id: 'pb_nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('names each supported extension once', async () => {
    const types = await call<{ kind: string; extensions: string[] }[]>(bare, 'files.types', {});
    const all = types.flatMap((t) => t.extensions);
    expect(all.length).toBe(new Set(all).size);
    expect(types.find((t) => t.kind === 'dataset')!.extensions).toEqual(['.csv', '.tsv', '.jsonl', '.ndjson']);
    expect(types.find((t) => t.kind === 'text')!.extensions).not.toContain('.csv');
  });
});
