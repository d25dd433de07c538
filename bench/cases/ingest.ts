// Case 2: ingest N OpenAI-format result lines (~1 KB each) into the store.
// Project: the engine's ingestBatch (the OpenAI adapter's parser, cost, idempotent insert, job updates).
// Roofline: stream the lines, JSON.parse, one prepared insert per row of the same columns in one transaction.
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { EngineHost } from '../../src/main/api/engine-host.ts';
import { ingestBatch } from '../../src/main/engine/ingester.ts';
import { Store } from '../../src/main/store/store.ts';
import { databasePath } from '../../src/main/store/data-folder.ts';
import { openDatabase } from '../../src/main/store/database.ts';
import type { Case } from '../harness.ts';

export function project(home: string, size: number): Case {
  let host: EngineHost;
  return {
    async prepare() {
      host = new EngineHost({ home, env: { OPENAI_API_KEY: 'sk-bench' } });
      await host.ctx.registry.provider('openai');
    },
    async run() {
      let stored = 0;
      for (const batch of host.store.batches.forRun(`run_bench_${size}`)) stored += (await ingestBatch(host.ctx, batch)).stored;
      await host.close();
      return { stored };
    },
  };
}

export function roofline(home: string, size: number): Case {
  return { run: () => rooflineIngest(home, size) };
}

async function rooflineIngest(home: string, size: number): Promise<Record<string, number>> {
  const db = openDatabase(databasePath(join(home, 'roofline')));
  const insert = db.prepare(
    `INSERT INTO results (run_id, job_seq, provider_batch_id, outcome, text, input_tokens, output_tokens, cached_input_tokens, cost_usd, raw, created_at)
     VALUES (?, ?, ?, 'succeeded', ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.pragma('foreign_keys = OFF');
  let stored = 0;
  const batches = Store.open(home).batches.forRun(`run_bench_${size}`);
  db.exec('BEGIN');
  for (const batch of batches) {
    const file = join(home, 'runs', batch.run_id, batch.id, `${batch.remote_id}-output.jsonl`);
    for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      const line = JSON.parse(text) as { custom_id: string; response: { body: { choices: { message: { content: string } }[]; usage: { prompt_tokens: number; completion_tokens: number } } } };
      const usage = line.response.body.usage;
      insert.run(batch.run_id, Number(line.custom_id.split('_')[1]), batch.id, line.response.body.choices[0]!.message.content, usage.prompt_tokens, usage.completion_tokens, 0, 0.0001, text, Date.now());
      stored += 1;
    }
  }
  db.exec('COMMIT');
  db.close();
  return { stored };
}
