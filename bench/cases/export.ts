// Case 3: export N results to CSV and to JSONL. Project: export/write.ts (the CLI's `results`). Roofline: iterate
// the same rows from SQLite (same query) and write them with JSON.stringify / a naive CSV join.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { exportRun } from '../../src/main/export/write.ts';
import { Store } from '../../src/main/store/store.ts';
import { databasePath } from '../../src/main/store/data-folder.ts';
import { openDatabase } from '../../src/main/store/database.ts';
import type { Case } from '../harness.ts';

export function project(home: string, size: number, format: 'csv' | 'jsonl'): Case {
  return { run: () => projectExport(home, size, format) };
}

async function projectExport(home: string, size: number, format: 'csv' | 'jsonl'): Promise<Record<string, number>> {
  const store = Store.open(home);
  const out = createWriteStream(join(home, `export.${format}`));
  const rows = await exportRun(store, `run_bench_${size}`, out, { format });
  out.end();
  await finished(out);
  store.close();
  return { rows };
}

export function roofline(home: string, size: number, format: 'csv' | 'jsonl'): Case {
  return { run: () => rooflineExport(home, size, format) };
}

async function rooflineExport(home: string, size: number, format: 'csv' | 'jsonl'): Promise<Record<string, number>> {
  const db = openDatabase(databasePath(home));
  const statement = db.prepare(
    `SELECT j.run_id, j.id, j.label, j.model, j.provider, j.status, r.text, r.input_tokens, r.output_tokens, r.cost_usd, j.error
     FROM jobs j LEFT JOIN results r ON r.run_id = j.run_id AND r.job_seq = j.seq AND r.provider_batch_id = j.provider_batch_id
     WHERE j.run_id = ? ORDER BY j.seq`,
  );
  const out = createWriteStream(join(home, `roofline.${format}`));
  let chunk = '';
  let rows = 0;
  const quote = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  for (const row of statement.iterate(`run_bench_${size}`) as Iterable<Record<string, unknown>>) {
    chunk += format === 'jsonl' ? `${JSON.stringify(row)}\n` : `${Object.values(row).map(quote).join(',')}\n`;
    rows += 1;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
  db.close();
  return { rows };
}
