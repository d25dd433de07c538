// Seed 004 "advanced usage", in TypeScript against the library API: a cost limit, defaults, a progress callback,
// a structured-output job (zod schema) and a messages job on another model, polled until complete.
//   node examples/advanced-usage.ts
import { join } from 'node:path';
import { z } from 'zod';
import { Batch } from '../src/main/api/index.ts';

const Invoice = z.object({
  vendor: z.string(),
  total: z.number(),
  paid: z.boolean(),
});

const batch = new Batch({ resultsDir: './output', maxConcurrent: 10 })
  .addCostLimit({ usd: 5 })
  .defaults({ model: 'demo/echo', temperature: 0.7, max_tokens: 500 })
  .onProgress((stats) => console.log(`Progress: ${stats.completed}/${stats.total}`))
  .addJob({ file: join(import.meta.dirname, 'docs', 'invoice.txt'), prompt: 'Extract data', responseModel: Invoice })
  .addJob({ messages: [{ role: 'user', content: 'Hello' }], model: 'demo/mini' });

const run = await batch.run();
while (!run.isComplete) {
  run.status({ print: true });
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const results = run.results(); // Record<job id, JobResult>
for (const [id, result] of Object.entries(results)) {
  console.log(id, result.status, result.parsed ? JSON.stringify(result.parsed) : result.text);
}
await run.shutdown();
