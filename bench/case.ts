// One benchmark case in its own process (see harness.ts): node bench/case.ts CASE MODE SIZE DIR
// Only the case's own module is loaded, so no case pays for another's imports in its peak RSS (the browser case
// alone brings playwright and the local server).
import { report, type Case } from './harness.ts';

const [caseName, mode, sizeText, dir] = process.argv.slice(2) as [string, 'project' | 'roofline', string, string];
const size = Number(sizeText);

const cases: Record<string, () => Promise<Case>> = {
  'write-input': async () => (await import('./cases/write-input.ts'))[mode](dir, size),
  ingest: async () => (await import('./cases/ingest.ts'))[mode](dir, size),
  'export-csv': async () => (await import('./cases/export.ts'))[mode](dir, size, 'csv'),
  'export-jsonl': async () => (await import('./cases/export.ts'))[mode](dir, size, 'jsonl'),
  resume: async () => (await import('./cases/resume.ts'))[mode](dir, size, 'resume'),
  counts: async () => (await import('./cases/resume.ts'))[mode](dir, size, 'counts'),
  'run-detail': async () => (await import('./cases/run-detail.ts'))[mode](dir, size),
  idle: async () => (await import('./cases/idle.ts'))[mode](dir, size),
  'embeddings-ingest': async () => (await import('./cases/embeddings.ts'))[mode](dir, size, 'ingest'),
  'embeddings-parquet': async () => (await import('./cases/embeddings.ts'))[mode](dir, size, 'parquet'),
  'new-run-ui': async () => (await import('./user-path/new-run-ui.ts'))[mode](dir, size),
};

const work = cases[caseName];
if (!work) throw new Error(`unknown case ${caseName}`);
await report(await work());
