// files.describe gives the New run screen the input check's own verdict: PDF pages from pdf.js, image dimensions,
// the encoding of text, dataset columns, requests files told from datasets, and the same reason text a run gives.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePath } from '../../../src/main/inputs/describe.ts';
import { badInputs, writeInputs } from '../../helpers/bad-inputs.ts';
import { tinyPdf, tinyPng } from '../../helpers/sample-files.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-describe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('files.describe', () => {
  it('reads pages, dimensions and encoding from the content', async () => {
    await writeFile(join(dir, 'paper.pdf'), tinyPdf('Hello'));
    await writeFile(join(dir, 'figure.png'), tinyPng());
    await writeFile(join(dir, 'notes.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    expect(await describePath(join(dir, 'paper.pdf'))).toMatchObject({ kind: 'pdf', pdf_pages: 1, problems: [] });
    expect(await describePath(join(dir, 'figure.png'))).toMatchObject({ kind: 'image', width: 1, height: 1, problems: [] });
    expect(await describePath(join(dir, 'notes.txt'))).toMatchObject({ kind: 'text', encoding: 'windows-1252', problems: [] });
  });

  it('gives every file of the bad-input corpus the input check reason', async () => {
    for (const [i, path] of writeInputs(dir, badInputs()).entries()) {
      const info = await describePath(path);
      expect(info.problems.join('\n'), path).toMatch(badInputs()[i]!.reason);
    }
  });

  it('tells a requests file from a dataset, and reads a dataset in its encoding', async () => {
    const requests = join(dir, 'batch.jsonl');
    await writeFile(requests, `${JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] } })}\n`);
    expect(await describePath(requests)).toMatchObject({ kind: 'requests', problems: [] });
    const rows = join(dir, 'rows.jsonl');
    await writeFile(rows, '{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n');
    expect(await describePath(rows)).toMatchObject({ kind: 'dataset', columns: ['id', 'text'], problems: [] });
    const tsv = join(dir, 'rows.tsv');
    await writeFile(tsv, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\tcité\n1\tZürich\n', 'utf16le')]));
    expect(await describePath(tsv)).toMatchObject({ kind: 'dataset', columns: ['id', 'cité'], problems: [] });
  });
});
