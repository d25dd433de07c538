// Seed 004 "simple usage", in TypeScript against the library API. Runs on the demo provider without keys:
//   node examples/simple-usage.ts [files...]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Batch } from '../src/main/api/index.ts';

const inputs = process.argv.slice(2);
const files = inputs.length ? inputs : readdirSync(join(import.meta.dirname, 'docs')).map((f) => join(import.meta.dirname, 'docs', f));

const batch = new Batch({ resultsDir: './output', maxConcurrent: 10 })
  .defaults({ model: 'demo/echo' })
  .addCostLimit({ usd: 15 });

for (const file of files) batch.addJob({ file, prompt: 'Summarize' });

const run = await batch.run({ wait: true });
console.log(run.status({ print: true }).status); // Shows progress and costs
await run.shutdown();
