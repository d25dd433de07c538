// Every contract operation, end to end through both transports the UI uses (the IPC bridge and real HTTP), against
// a real store and the demo provider. Outputs are checked against the contract's own output schemas.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractCallError, operations, type BatchdeskApi, type ContractEvent, type OperationName } from '../../../src/shared/contract.ts';
import { httpTransport, ipcTransport, openEngine, settled, waitFor, type Engine, type Transport } from './harness.ts';

const covered = new Set<OperationName>();

async function call<N extends OperationName>(api: BatchdeskApi, name: N, input: Parameters<BatchdeskApi['call']>[1]) {
  covered.add(name);
  const output = await api.call(name, input as never);
  expect(operations[name].output.safeParse(output).success).toBe(true);
  return output as Awaited<ReturnType<BatchdeskApi['call']>> as never;
}

async function failure(api: BatchdeskApi, name: OperationName, input: unknown): Promise<ContractCallError> {
  covered.add(name);
  const error = await api.call(name, input as never).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ContractCallError);
  return error as ContractCallError;
}

const kinds = ['ipc', 'http'] as const;

describe.each(kinds)('every operation over %s', (kind) => {
  let engine: Engine;
  let transport: Transport;
  let api: BatchdeskApi;
  const events: ContractEvent[] = [];
  const exported: string[] = [];

  beforeAll(async () => {
    engine = await openEngine(
      kind === 'http'
        ? {}
        : { platform: { pickFiles: async () => ['/picked/a.txt'], saveExportPath: async (name) => { const path = join(engine.home, name); exported.push(path); return path; }, openPath: async () => {} } },
    );
    transport = kind === 'http' ? await httpTransport(engine) : ipcTransport(engine);
    api = transport.api;
    api.subscribe((event) => events.push(event));
  });
  afterAll(async () => {
    await transport?.close();
    await engine?.close();
  });

  const file = (name: string) => join(engine.inputs, name);

  it('describes files: type, size, PDF pages, dataset columns and problems', async () => {
    const infos: { name: string; kind: string; pdf_pages: number | null; columns: string[] | null; problems: string[] }[] = await call(api, 'files.describe', {
      paths: [file('alpha.txt'), file('paper.pdf'), file('survey.csv'), file('empty.txt'), file('notes.docx'), file('missing.txt')],
    });
    const by = Object.fromEntries(infos.map((i) => [i.name, i]));
    expect(by['alpha.txt']).toMatchObject({ kind: 'text', problems: [] });
    expect(by['paper.pdf']).toMatchObject({ kind: 'pdf', pdf_pages: 2, problems: [] });
    expect(by['survey.csv']).toMatchObject({ kind: 'dataset', columns: ['id', 'answer'] });
    expect(by['empty.txt']!.problems.join()).toMatch(/empty/);
    expect(by['notes.docx']).toMatchObject({ kind: 'unsupported' });
    expect(by['notes.docx']!.problems.join()).toMatch(/notes\.docx is a Word document: save it as PDF or plain text first/);
    expect(by['missing.txt']!.problems.join()).toMatch(/no such file/);
  });

  it('picks files natively in the desktop app; says so in the browser', async () => {
    if (kind === 'ipc') expect(await call(api, 'files.pick', {})).toEqual({ paths: ['/picked/a.txt'] });
    else expect((await failure(api, 'files.pick', {})).code).toBe('unavailable');
  });

  it('lists models with key status, and reads and changes settings', async () => {
    const models: { id: string; provider: string; key_set: boolean }[] = await call(api, 'models.list', {});
    expect(models.find((m) => m.id === 'demo/echo')?.key_set).toBe(true);
    expect(models.find((m) => m.provider === 'openai')).toBeDefined();
    const before: { poll_interval_ms: number; notifications: boolean } = await call(api, 'settings.get', {});
    expect(before.notifications).toBe(true);
    const after: { poll_interval_ms: number; notifications: boolean; base_urls: object } = await call(api, 'settings.update', { notifications: false, base_urls: { openai: 'http://127.0.0.1:9/v1' }, confirm_base_url_change: true });
    expect(after).toMatchObject({ notifications: false, poll_interval_ms: before.poll_interval_ms, base_urls: { openai: 'http://127.0.0.1:9/v1' } });
    expect((await failure(api, 'settings.update', { base_urls: { openai: 'javascript:alert(1)' } })).code).toBe('invalid_input');
    const refused = await failure(api, 'models.refresh', { table_json: '{"schema_version": 1}' });
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/uploaded table: not a valid price table/);
  });

  it('sets, reports and deletes keys without ever returning one', async () => {
    const set = await call(api, 'keys.set', { provider: 'anthropic', key: 'sk-ant-round-trip-secret' });
    expect(set).toEqual({ provider: 'anthropic', set: true, source: 'keychain', env_var: null, env_vars: ['ANTHROPIC_API_KEY'] });
    const status: { provider: string; set: boolean }[] = await call(api, 'keys.status', {});
    expect(status.find((s) => s.provider === 'anthropic')?.set).toBe(true);
    expect(await call(api, 'keys.delete', { provider: 'anthropic' })).toMatchObject({ set: false, source: null });
    expect(transport.wire.join('')).not.toContain('sk-ant-round-trip-secret');
  });

  let runId = '';
  it('estimates with a preview of the first three requests, then creates a run that finishes', async () => {
    const input = { files: [file('alpha.txt'), file('beta.txt'), file('gamma.txt'), file('broken.txt')], models: ['demo/echo'], prompt: 'Summarise in one line.' };
    const estimate: { jobs: number; simulated: boolean; preview: { request: unknown }[]; batch_usd: number } = await call(api, 'runs.estimate', input);
    expect(estimate).toMatchObject({ jobs: 4, simulated: true });
    expect(estimate.preview).toHaveLength(3);
    expect(JSON.stringify(estimate.preview[0]!.request)).toContain('Summarise in one line.');
    expect(estimate.batch_usd).toBeGreaterThan(0);
    ({ run_id: runId } = await call(api, 'runs.create', { ...input, name: 'round trip' }));
    const view = await waitFor(() => call(api, 'runs.get', { run_id: runId }), (v: never) => settled(v));
    expect(view).toMatchObject({ status: 'completed', jobs: { total: 4, succeeded: 3, failed: 1 } });
    await waitFor(async () => events, (list) => list.some((e) => e.type === 'finished' && e.run_id === runId));
    expect(events.some((e) => e.type === 'progress' && e.run_id === runId)).toBe(true);
  });

  it('lists runs with cursor paging, and shows the timeline', async () => {
    const second = await call(api, 'runs.create', { files: [file('alpha.txt')], models: ['demo/mini'], prompt: 'Again.' });
    const first: { data: { run_id: string }[]; has_more: boolean; last_id: string } = await call(api, 'runs.list', { limit: 1 });
    expect(first).toMatchObject({ has_more: true, data: [{ run_id: (second as { run_id: string }).run_id }] });
    const next: { data: { run_id: string }[]; has_more: boolean } = await call(api, 'runs.list', { limit: 1, after: first.last_id });
    expect(next.data[0]!.run_id).toBe(runId);
    expect((await failure(api, 'runs.list', { after: 'run_missing' })).code).toBe('not_found');
    const timeline: { events: { kind: string }[] } = await call(api, 'runs.timeline', { run_id: runId });
    expect(timeline.events.map((e) => e.kind)).toContain('finished');
  });

  it('pages and filters jobs, shows one job with its request as sent, compares models', async () => {
    const failed: { data: { job_id: string; error: string | null }[]; total: number } = await call(api, 'runs.jobs', { run_id: runId, status: ['failed'] });
    expect(failed.data).toHaveLength(1);
    expect(failed.total).toBe(4);
    const page: { data: { seq: number }[]; has_more: boolean } = await call(api, 'runs.jobs', { run_id: runId, limit: 2 });
    expect(page.has_more).toBe(true);
    const rest: { data: unknown[]; has_more: boolean } = await call(api, 'runs.jobs', { run_id: runId, limit: 2, after_seq: page.data[1]!.seq });
    expect(rest).toMatchObject({ has_more: false });
    expect(rest.data).toHaveLength(2);
    const ok: { data: { job_id: string }[] } = await call(api, 'runs.jobs', { run_id: runId, status: ['succeeded'] });
    const job: { output: string; request: unknown; attempts_history: unknown[] } = await call(api, 'runs.job', { run_id: runId, job_id: ok.data[0]!.job_id });
    expect(job.output).toBeTruthy();
    expect(JSON.stringify(job.request)).toContain('Summarise in one line.');
    expect(job.attempts_history).toHaveLength(1);
    expect((await failure(api, 'runs.job', { run_id: runId, job_id: 'nope' })).code).toBe('not_found');
    const compared: { models: string[]; rows: unknown[] } = await call(api, 'runs.compare', { run_id: runId });
    expect(compared.models).toEqual(['demo/echo']);
    expect(compared.rows).toHaveLength(4);
  });

  it('exports: a saved file in the desktop app, a download URL in the browser', async () => {
    const result: { rows: number; path: string | null; url: string | null } = await call(api, 'runs.export', { run_id: runId, format: 'csv' });
    let csv: string;
    if (kind === 'ipc') {
      expect(result.path).toBe(exported[0]);
      csv = await readFile(result.path!, 'utf8');
    } else {
      // A download link carries a single-use ticket and no token: a browser download cannot send a header.
      expect(result.url).toMatch(/^\/api\/export\?ticket=[A-Za-z0-9_-]{40,}$/);
      const response = await fetch(`${transport.server!.origin}${result.url}`);
      expect(response.headers.get('content-disposition')).toContain(`${runId}.csv`);
      csv = await response.text();
    }
    expect(result.rows).toBe(4);
    expect(csv.split('\n')[0]).toContain('job_id');
    expect(csv).toContain('alpha.txt');
    expect((await failure(api, 'runs.export', { run_id: runId, format: 'csv', columns: ['nope'] })).code).toBe('invalid_input');
  });

  it('computes agreement between models, lists the rows behind it, and writes a methods bundle', async () => {
    const dataset = join(engine.inputs, 'labels.csv');
    await writeFile(dataset, ['id,text,truth', ...Array.from({ length: 12 }, (_, i) => `u${i},"note ${i}",${i % 2 ? 'yes' : 'no'}`)].join('\n'));
    const schema = { type: 'object', properties: { label: { type: 'string', enum: ['no', 'yes'] } }, required: ['label'] };
    const created: { run_id: string } = await call(api, 'runs.create', { dataset, template: 'Label: {{text}}', schema, models: ['demo/echo', 'demo/mini'] });
    await waitFor(() => call(api, 'runs.get', { run_id: created.run_id }), (v: never) => settled(v));
    const request = { run_id: created.run_id, field: 'label', gold: 'truth', resamples: 0 };
    const report: { units: number; pairs: { units: number; agreements: number }[] } = await call(api, 'runs.agreement', request);
    expect(report.units).toBe(12);
    expect(report.pairs).toHaveLength(3);
    const csv: { file_name: string; csv: string } = await call(api, 'runs.agreementCsv', request);
    expect(csv.csv.split('\n')[0]).toBe('section,rater_a,rater_b,label_a,label_b,statistic,value,ci_low,ci_high,ci_resamples,note');
    const units: { total: number } = await call(api, 'runs.agreementUnits', { run_id: created.run_id, field: 'label', pair: ['demo/echo', 'demo/mini'] });
    expect(units.total).toBe(report.pairs[0]!.units - report.pairs[0]!.agreements);
    expect((await failure(api, 'runs.agreement', { ...request, field: 'nope' })).code).toBe('invalid_input');
    const bundle: { files: string[] } = await call(api, 'runs.bundle', { run_id: created.run_id, dir: join(engine.inputs, `bundle-${kind}`) });
    expect(bundle.files).toEqual(expect.arrayContaining(['manifest.json', 'methods.md', 'jobs.jsonl', 'template.txt', 'schema.json']));
  });

  it('retries failed jobs, opens the run folder', async () => {
    expect(await call(api, 'runs.retry', { run_id: runId })).toEqual({ jobs: 1, batches: 1, skipped_max_attempts: 0 });
    await waitFor(() => call(api, 'runs.get', { run_id: runId }), (v: never) => (v as { status: string }).status === 'completed');
    const folder: { path: string } = await call(api, 'runs.openFolder', { run_id: runId });
    expect(folder.path).toContain(runId);
  });

  it('lists raw provider files; shows their folder (desktop) or hands out a zip link (browser)', async () => {
    const { files }: { files: { provider_batch_id: string; name: string; kind: string }[] } = await call(api, 'runs.rawFiles', { run_id: runId });
    expect(files.filter((f) => f.kind === 'input')).toHaveLength(2);
    const raw: { path: string | null; url: string | null } = await call(api, 'runs.downloadRawFiles', { run_id: runId, provider_batch_id: files[0]!.provider_batch_id });
    if (kind === 'ipc') expect(raw).toEqual({ path: expect.stringContaining(files[0]!.provider_batch_id), url: null });
    else {
      expect(raw.url).toMatch(/^\/api\/raw-files\?ticket=[A-Za-z0-9_-]{40,}$/);
      const response = await fetch(`${transport.server!.origin}${raw.url}`);
      expect(response.headers.get('content-type')).toBe('application/zip');
      expect((await fetch(`${transport.server!.origin}${raw.url}`)).status).toBe(403);
      // An export ticket opens exports only.
      const exportUrl = ((await call(api, 'runs.export', { run_id: runId, format: 'csv' })) as { url: string }).url;
      expect((await fetch(`${transport.server!.origin}${exportUrl.replace('/api/export', '/api/raw-files')}`)).status).toBe(403);
    }
    const types: { kind: string }[] = await call(api, 'files.types', {});
    expect(types.map((t) => t.kind)).toEqual(['pdf', 'image', 'text', 'dataset']);
  });

  it('holds a pilot for release, then releases it', async () => {
    const { run_id } = (await call(api, 'runs.create', { files: [file('alpha.txt'), file('beta.txt'), file('gamma.txt')], models: ['demo/echo'], prompt: 'P', pilot: 1 })) as { run_id: string };
    const held = await waitFor(() => call(api, 'runs.get', { run_id }), (v: never) => settled(v));
    expect(held).toMatchObject({ status: 'awaiting_release', pilot: { jobs: 1, released: false } });
    await call(api, 'runs.release', { run_id });
    const done = await waitFor(() => call(api, 'runs.get', { run_id }), (v: never) => (v as { status: string }).status === 'completed');
    expect(done).toMatchObject({ jobs: { succeeded: 3 } });
    expect((await failure(api, 'runs.release', { run_id })).code).toBe('invalid_input');
  });

  it('schedules, reschedules and cancels a run', async () => {
    const later = Date.now() + 3_600_000;
    const { run_id } = (await call(api, 'runs.create', { files: [file('alpha.txt')], models: ['demo/echo'], prompt: 'P', scheduled_at: later })) as { run_id: string };
    const moved = await call(api, 'runs.schedule', { run_id, at: later + 60_000 });
    expect(moved).toMatchObject({ status: 'scheduled', scheduled_at: later + 60_000 });
    const cancelled = await call(api, 'runs.cancel', { run_id });
    expect(cancelled).toMatchObject({ status: 'cancelled', jobs: { cancelled: 1 } });
    expect((await failure(api, 'runs.schedule', { run_id, at: later })).code).toBe('invalid_input');
    expect(await call(api, 'runs.check', { run_id })).toMatchObject({ run_id, status: 'cancelled' });
    expect((await failure(api, 'runs.check', { run_id: 'run_nope' })).code).toBe('not_found');
  });

  it('reports unknown runs as not_found and bad input as invalid_input with its problems', async () => {
    expect((await failure(api, 'runs.get', { run_id: 'run_nope' })).code).toBe('not_found');
    const bad = await failure(api, 'runs.create', { files: [file('alpha.txt')], models: ['nope/model'], prompt: 'P' });
    expect(bad.code).toBe('invalid_input');
    expect(bad.problems.join()).toMatch(/unknown model/);
    const shape = await failure(api, 'runs.jobs', { run_id: 7 });
    expect(shape).toMatchObject({ code: 'invalid_input' });
    expect(shape.problems[0]).toMatch(/^run_id:/);
  });

  it('covered every operation of the contract', () => {
    expect([...covered].sort()).toEqual(Object.keys(operations).sort());
  });
});
