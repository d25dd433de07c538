// Case 1: plan and write provider input files for N jobs with 1 KB prompts, as run creation does it.
// Project: planBatches, then writeInputFile for each planned batch from the jobs in memory (the OpenAI adapter
// builds each request line). Roofline: JSON.stringify of equivalent lines + a streamed write.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineHost } from '../../src/main/api/engine-host.ts';
import { planBatches } from '../../src/main/core/planner.ts';
import type { Provider } from '../../src/main/core/provider.ts';
import { writeInputFile } from '../../src/main/engine/input-files.ts';
import type { JobSpec } from '../../src/shared/domain.ts';
import type { Case } from '../harness.ts';
import { MODEL, prompt } from '../data.ts';

function specs(size: number): JobSpec[] {
  return Array.from({ length: size }, (_, seq) => ({ id: `row-${seq}`, label: `row-${seq}`, model: MODEL, endpoint: 'chat', params: { max_tokens: 200 }, messages: [{ role: 'user', content: prompt(seq) }] }));
}

export function project(home: string, size: number): Case {
  let host: EngineHost;
  let provider: Provider;
  let jobs: JobSpec[];
  return {
    async prepare() {
      host = new EngineHost({ home, env: { OPENAI_API_KEY: 'sk-bench' } });
      provider = await host.ctx.registry.provider('openai');
      jobs = specs(size);
    },
    async run() {
      const items = jobs.map((job, seq) => ({ seq, provider: 'openai' as const, model: job.model, endpoint: job.endpoint, bytes: 1400, estimated_usd: 0.0001 }));
      const plan = planBatches(items, () => provider.limits);
      let bytes = 0;
      for (const batch of plan) {
        const ref = { run_id: 'run_bench_write', id: randomUUID(), provider: batch.provider, model: batch.model };
        const path = await writeInputFile(host.ctx, ref, batch.seqs.map((seq) => ({ seq, spec: jobs[seq]! })));
        bytes += (await stat(path)).size;
      }
      await host.close();
      return { batches: plan.length, mb: bytes / 1e6 };
    },
  };
}

export function roofline(home: string, size: number): Case {
  let jobs: JobSpec[];
  return {
    prepare: async () => void (jobs = specs(size)),
    async run() {
      const out = createWriteStream(join(home, 'roofline-input.jsonl'));
      let chunk = '';
      for (let seq = 0; seq < size; seq++) {
        const job = jobs[seq]!;
        const line = { custom_id: `bench_${seq}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4.1-mini', messages: job.messages, max_completion_tokens: 200 } };
        chunk += `${JSON.stringify(line)}\n`;
        if (chunk.length >= 1 << 20) {
          if (!out.write(chunk)) await once(out, 'drain');
          chunk = '';
        }
      }
      out.end(chunk);
      await once(out, 'finish');
      return {};
    },
  };
}
