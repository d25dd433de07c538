// The inputs of the user-path cases, written before anything is measured: an OpenAI batch input file of N requests
// and a CSV dataset of N rows (both with ~1 KB prompts, bench/data.ts), and a folder of files (PDFs and text).
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { pdfDocument } from '../../test/helpers/sample-files.ts';
import { prompt } from '../data.ts';

export const REQUEST_MODEL = 'gpt-4.1-mini';
export const DATASET_TEMPLATE = 'Classify the experience described in this answer: {{answer}}';

async function writeLines(path: string, count: number, line: (i: number) => string): Promise<string> {
  const out = createWriteStream(path);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return path;
}

/** N OpenAI batch request lines ({custom_id, method, url, body}), ~1.2 KB each. */
export function writeRequests(dir: string, count: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  return writeLines(join(dir, `requests-${count}.jsonl`), count, (i) =>
    JSON.stringify({ custom_id: `req-${i}`, method: 'POST', url: '/v1/chat/completions', body: { model: REQUEST_MODEL, max_tokens: 200, messages: [{ role: 'user', content: prompt(i) }] } }),
  );
}

/** A CSV of N rows: id, answer (~1 KB, quoted), group. */
export function writeDataset(dir: string, count: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  return writeLines(join(dir, `rows-${count}.csv`), count + 1, (i) => (i === 0 ? 'id,answer,group' : `r${i},"${prompt(i).replace(/"/g, '""')}",g${i % 7}`));
}

/** A folder of `count` files: half small PDFs (1–3 pages of text), half plain-text notes. */
export function writeFiles(dir: string, count: number): string {
  const folder = join(dir, `files-${count}`);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const pages = Array.from({ length: 1 + (i % 3) }, (_, p) => ({ text: `Report ${i}, page ${p + 1}. ${prompt(i).slice(0, 300)}` }));
      writeFileSync(join(folder, `report-${i}.pdf`), pdfDocument(pages));
    } else {
      writeFileSync(join(folder, `note-${i}.txt`), `${prompt(i)}\n`);
    }
  }
  return folder;
}
