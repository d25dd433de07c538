// Issue 19 acceptance: the Parquet and .npy exports of an embeddings run load in readers no one here wrote
// (hyparquet for Parquet; npyjs, and NumPy itself where python3 has it, for .npy), with the header checked byte by
// byte against the NumPy format spec, and ids in the same order as the vectors. JSONL carries the vectors as arrays,
// CSV the metadata only.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parse as parseNpy } from 'npyjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRun } from '../../../src/main/api/commands/submit-run.ts';
import { runView } from '../../../src/main/api/run-view.ts';
import { createService, writeExportFile } from '../../../src/main/api/service/index.ts';
import type { ExportRequest } from '../../../src/main/api/service/types.ts';
import { demoVector } from '../../../src/main/providers/demo/vector.ts';
import { tempDir } from '../../helpers/cli.ts';
import { testEngine, type TestEngine } from '../../helpers/engine.ts';

const TEXTS = ['the bus was late', 'trains are clean', 'a failing row [[fail]]', 'I cycle to work', 'walking is best'];
const DIMENSIONS = 64;

const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

describe('vector exports of an embeddings run', () => {
  let engine: TestEngine;
  let dir: ReturnType<typeof tempDir>;
  let runId: string;
  const path = (name: string) => join(dir.path, name);
  const exportTo = (format: ExportRequest['format'], name: string) => writeExportFile(engine.host, { run_id: runId, format }, path(name));

  beforeAll(async () => {
    engine = testEngine();
    dir = tempDir();
    writeFileSync(path('rows.jsonl'), TEXTS.map((text, i) => JSON.stringify({ id: `row-${String.fromCharCode(101 - i)}`, text })).join('\n'));
    ({ run_id: runId } = await submitRun(engine.host, { dataset: path('rows.jsonl'), embed_column: 'text', models: ['demo/embed'], endpoint: 'embeddings', dimensions: DIMENSIONS }, { source: 'library' }));
    await engine.runFor(60_000, 1000, () => runView(engine.host.ctx, runId).status === 'completed');
  });
  afterAll(async () => {
    await engine.close();
    dir.cleanup();
  });

  /** The succeeded jobs in job order, with the vector each should have. */
  const expected = () =>
    TEXTS.map((text, i) => ({ id: `row-${String.fromCharCode(101 - i)}`, text })).filter((r) => !r.text.includes('[[fail]]')).map((r) => ({ ...r, vector: demoVector(r.text, DIMENSIONS) }));

  it('writes an .npy matrix whose header follows the NumPy format 1.0 spec, and an ids file in the same order', async () => {
    expect(await exportTo('npy', 'v.npy')).toBe(4);
    await exportTo('npy_ids', 'v.ids.txt');
    const bytes = readFileSync(path('v.npy'));
    // Magic string, version 1.0, little-endian uint16 header length; magic + 2 + 2 + header is a multiple of 64.
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes.readUInt16LE(8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
    expect(header.endsWith('\n')).toBe(true);
    expect(header.trimEnd()).toBe(`{'descr': '<f4', 'fortran_order': False, 'shape': (4, ${DIMENSIONS}), }`);
    expect(bytes.length).toBe(10 + headerLength + 4 * DIMENSIONS * 4);

    const parsed = parseNpy(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(parsed.shape).toEqual([4, DIMENSIONS]);
    expect(parsed.dtype).toMatch(/^<?f4$/);
    const ids = readFileSync(path('v.ids.txt'), 'utf8').split('\n').filter(Boolean);
    const want = expected();
    expect(ids).toEqual(want.map((w) => w.id));
    want.forEach((w, row) => {
      const got = Array.from((parsed.data as Float32Array).subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS));
      expect(got).toEqual(w.vector);
    });
  });

  it.runIf(numpy)('loads in NumPy: np.load gives the matrix, row i the vector of line i of the ids file', async () => {
    await exportTo('npy', 'n.npy');
    await exportTo('npy_ids', 'n.ids.txt');
    const script = `import json, numpy as np\nv = np.load(${JSON.stringify(path('n.npy'))})\nids = open(${JSON.stringify(path('n.ids.txt'))}).read().splitlines()\nprint(json.dumps({"shape": v.shape, "dtype": str(v.dtype), "ids": ids, "first": v[:, 0].tolist()}))`;
    const out = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const result = JSON.parse(out.stdout) as { shape: number[]; dtype: string; ids: string[]; first: number[] };
    expect(result).toEqual({ shape: [4, DIMENSIONS], dtype: 'float32', ids: expected().map((w) => w.id), first: expected().map((w) => w.vector[0]) });
  });

  it('writes Parquet that hyparquet reads: a list<float> column beside the metadata, ids in job order', async () => {
    expect(await exportTo('parquet', 'v.parquet')).toBe(TEXTS.length);
    const bytes = readFileSync(path('v.parquet'));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const metadata = parquetMetadata(file);
    expect(Number(metadata.num_rows)).toBe(TEXTS.length);
    expect(metadata.schema.find((s) => s.name === 'embedding')).toMatchObject({ repetition_type: 'OPTIONAL', converted_type: 'LIST' });
    expect(metadata.schema.find((s) => s.name === 'element')).toMatchObject({ type: 'FLOAT' });
    const rows = (await parquetReadObjects({ file })) as { job_id: string; status: string; embedding: number[] | null; dimensions: number | null; input_tokens: number; simulated: boolean }[];
    expect(rows.map((r) => r.job_id)).toEqual(TEXTS.map((_, i) => `row-${String.fromCharCode(101 - i)}`));
    const failed = rows.find((r) => r.status === 'failed')!;
    expect(failed.embedding ?? null).toBeNull();
    const byId = new Map(rows.map((r) => [r.job_id, r]));
    for (const w of expected()) {
      expect(byId.get(w.id)!.embedding).toEqual(w.vector);
      expect(byId.get(w.id)!).toMatchObject({ dimensions: DIMENSIONS, simulated: true });
      expect(byId.get(w.id)!.input_tokens).toBeGreaterThan(0);
    }
  });

  it('writes JSONL with the vectors as arrays, and CSV with the metadata only', async () => {
    await exportTo('jsonl', 'v.jsonl');
    const lines = readFileSync(path('v.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { job_id: string; embedding?: number[]; dimensions?: number });
    for (const w of expected()) expect(lines.find((l) => l.job_id === w.id)).toMatchObject({ embedding: w.vector, dimensions: DIMENSIONS });
    await exportTo('csv', 'v.csv');
    const [header] = readFileSync(path('v.csv'), 'utf8').split('\n');
    expect(header).toContain('dimensions');
    expect(header).not.toContain('embedding');
    await expect(writeExportFile(engine.host, { run_id: runId, format: 'csv', columns: ['job_id', 'embedding'] }, path('x.csv'))).rejects.toThrow(/CSV and XLSX hold the metadata only/);
  });

  it('saves the ids file beside the matrix when the desktop app saves an .npy export', async () => {
    const service = createService(engine.host, { saveExportPath: async (name) => path(`saved-${name}`) });
    const result = await service.invoke('runs.export', { run_id: runId, format: 'npy' });
    expect(result).toMatchObject({ ok: true, value: { rows: 4, path: path(`saved-${runId}.npy`) } });
    expect(readFileSync(path(`saved-${runId}.ids.txt`), 'utf8').trim().split('\n')).toEqual(expected().map((w) => w.id));
  });

  it('refuses an .npy export of a run without vectors, saying which formats to use', async () => {
    const { run_id } = await submitRun(engine.host, { files: [], jobs: [{ id: 'c', model: 'demo/echo', messages: [{ role: 'user', content: 'hi' }] }] }, { source: 'library' });
    await expect(writeExportFile(engine.host, { run_id, format: 'npy' }, path('none.npy'))).rejects.toThrow(/has no vectors yet/);
  });
});
