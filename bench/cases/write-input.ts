// Case 1: plan and write provider input files for N jobs with 1 KB prompts.
// Project: planBatches over the stored jobs, then the submitter's writeInputFile (the OpenAI adapter builds each
// request line; lines stream from SQLite to the file). Roofline: JSON.stringify of the same lines + streamed write.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { EngineHost } from '../../src/main/api/engine-host.ts';
import { planBatches } from '../../src/main/core/planner.ts';
import { writeInputFile } from '../../src/main/engine/submitter.ts';
import { MODEL, prompt } from '../data.ts';

export async function project(home: string, size: number): Promise<Record<string, number>> {
  const host = new EngineHost({ home, env: { OPENAI_API_KEY: 'sk-bench' } });
  const runId = `run_bench_${size}`;
  const provider = await host.ctx.registry.provider('openai');
  const items = (function* () {
    for (const job of host.store.jobs.iterate(runId)) yield { seq: job.seq, provider: job.provider, model: job.model, endpoint: job.spec.endpoint, bytes: 1400, estimated_usd: job.estimated_usd };
  })();
  const plan = planBatches(items, () => provider.limits);
  let bytes = 0;
  for (const batch of host.store.batches.forRun(runId)) {
    const path = await writeInputFile(host.ctx, batch);
    bytes += (await import('node:fs')).statSync(path).size;
  }
  await host.close();
  return { batches: plan.length, mb: bytes / 1e6 };
}

export async function roofline(home: string, size: number): Promise<Record<string, number>> {
  const out = createWriteStream(join(home, 'roofline-input.jsonl'));
  let chunk = '';
  for (let seq = 0; seq < size; seq++) {
    const line = { custom_id: `bench_${seq}`, method: 'POST', url: '/v1/chat/completions', body: { model: MODEL.slice(7), messages: [{ role: 'user', content: prompt(seq) }], max_completion_tokens: 200 } };
    chunk += `${JSON.stringify(line)}\n`;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return {};
}
