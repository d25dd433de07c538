// Memory of the streaming XLSX writer (docs/export.md): `node --expose-gc bench/xlsx-memory.ts [ROWS]` writes
// ROWS synthetic rows of 9 columns to a temp file and prints heap, external memory and RSS every 100,000 rows.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeXlsx } from '../src/main/export/xlsx.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const mb = (n: number) => Math.round(n / 1e6);

function* records(): Generator<unknown[]> {
  for (let i = 0; i < rows; i++) {
    if (i % 100_000 === 0) {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      console.log(`row ${i}: heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB, rss ${mb(m.rss)} MB`);
    }
    yield ['run_x', `job_${i}`, `input ${i}.txt`, 'demo/echo', 'succeeded', `Answer number ${i} with some text é ü <&> and more words `.repeat(3), 100 + i, 50, 0.00012];
  }
}

const started = performance.now();
const path = join(tmpdir(), 'batchdesk-xlsx-memory.xlsx');
const out = createWriteStream(path);
await writeXlsx(out, ['run_id', 'job_id', 'input', 'model', 'status', 'output', 'input_tokens', 'output_tokens', 'cost_usd'], records());
out.end();
await once(out, 'finish');
console.log(`${rows} rows in ${Math.round(performance.now() - started)} ms → ${path}`);
