// One benchmark case in its own process (see harness.ts): node bench/case.ts CASE MODE SIZE DIR
import { report, type Case } from './harness.ts';
import * as exportCase from './cases/export.ts';
import * as idle from './cases/idle.ts';
import * as ingest from './cases/ingest.ts';
import * as resume from './cases/resume.ts';
import * as writeInput from './cases/write-input.ts';

const [caseName, mode, sizeText, dir] = process.argv.slice(2) as [string, 'project' | 'roofline', string, string];
const size = Number(sizeText);

const cases: Record<string, () => Case> = {
  'write-input': () => writeInput[mode](dir, size),
  ingest: () => ingest[mode](dir, size),
  'export-csv': () => exportCase[mode](dir, size, 'csv'),
  'export-jsonl': () => exportCase[mode](dir, size, 'jsonl'),
  resume: () => resume[mode](dir, size, 'resume'),
  counts: () => resume[mode](dir, size, 'counts'),
  idle: () => idle[mode](dir, size),
};

const work = cases[caseName];
if (!work) throw new Error(`unknown case ${caseName}`);
await report(work());
