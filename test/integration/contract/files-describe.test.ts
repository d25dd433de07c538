// files.describe's PDF page count: page objects are counted, not the /Pages tree nodes, also when a token is
// split across two read chunks of a large file; compressed PDFs fall back to the page tree's /Count.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPdfPages } from '../../../src/main/api/service/pdf-pages.ts';
import { describePath, MAX_BINARY_BYTES } from '../../../src/main/api/service/files.ts';

const CHUNK = 1 << 20;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function pdfWithPages(pages: number, paddingBefore = 0): string {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj`);
  return ['%PDF-1.7', '%'.padEnd(paddingBefore, 'x'), '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', `2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj`, ...objects, '%%EOF'].join('\n');
}

describe('PDF page count', () => {
  it('counts page objects and not the /Pages node', async () => {
    const path = join(dir, 'five.pdf');
    await writeFile(path, pdfWithPages(5));
    expect(await countPdfPages(path)).toBe(5);
  });

  it('counts a page token split across the read-chunk boundary exactly once', async () => {
    for (const cut of [1, 5, 10, 11, 12]) {
      const head = '%PDF-1.7\n';
      const token = '/Type /Page';
      const filler = 'x'.repeat(CHUNK - head.length - cut);
      const text = `${head}${filler}${token} >> endobj\n3 0 obj << /Type /Pages /Count 1 >> endobj\n%%EOF`;
      const path = join(dir, `split-${cut}.pdf`);
      await writeFile(path, text, 'latin1');
      expect(await countPdfPages(path), `cut ${cut}`).toBe(1);
    }
  });

  it('does not count "/Type /Pages" split as "/Type /Page" + "s" at a chunk boundary', async () => {
    const head = '%PDF-1.7\n';
    const filler = 'x'.repeat(CHUNK - head.length - '/Type /Page'.length);
    const path = join(dir, 'pages-split.pdf');
    await writeFile(path, `${head}${filler}/Type /Pages /Count 2 >>\n4 0 obj << /Type /Page >>\n5 0 obj << /Type /Page >>\n%%EOF`, 'latin1');
    expect(await countPdfPages(path)).toBe(2);
  });

  it('falls back to the page tree /Count when page objects are compressed; null when unreadable', async () => {
    const compressed = join(dir, 'compressed.pdf');
    await writeFile(compressed, '%PDF-1.7\n2 0 obj << /Type /Pages /Count 12 /Kids [] >> endobj\n5 0 obj << /Type /ObjStm /N 12 >> stream\nxx\nendstream\n%%EOF');
    expect(await countPdfPages(compressed)).toBe(12);
    const junk = join(dir, 'junk.pdf');
    await writeFile(junk, 'not a pdf at all');
    expect(await countPdfPages(junk)).toBeNull();
    expect((await describePath(junk)).problems.join()).toMatch(/cannot read its pages/);
  });

  it('flags a PDF larger than a provider takes', async () => {
    const big = join(dir, 'big.pdf');
    await writeFile(big, pdfWithPages(1, MAX_BINARY_BYTES + 10));
    const info = await describePath(big);
    expect(info).toMatchObject({ kind: 'pdf', pdf_pages: 1 });
    expect(info.problems.join()).toMatch(/larger than the 32 MB/);
  });

  it('tells a requests file from a dataset', async () => {
    const requests = join(dir, 'batch.jsonl');
    await writeFile(requests, `${JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] } })}\n`);
    expect(await describePath(requests)).toMatchObject({ kind: 'requests', problems: [] });
    const rows = join(dir, 'rows.jsonl');
    await writeFile(rows, '{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n');
    expect(await describePath(rows)).toMatchObject({ kind: 'dataset', columns: ['id', 'text'], problems: [] });
  });
});
