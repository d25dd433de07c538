// npm run bench [-- --size N --idle-seconds S --no-write]: generate data, measure each case twice in this run
// (Batchdesk's real code path and a bare roofline), print a table, and (at full size) write docs/performance.md.
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measure, type Measurement } from './harness.ts';
import { setupIdle, setupIngest, setupResume, setupWrite } from './setup.ts';

const { values } = parseArgs({ options: { size: { type: 'string', default: '100000' }, 'idle-seconds': { type: 'string', default: '120' }, 'no-write': { type: 'boolean', default: false } } });
const size = Number(values.size);
const idleMs = Number(values['idle-seconds']) * 1000;
const root = resolve(import.meta.dirname, 'data', String(size));
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

interface Row {
  name: string;
  project: Measurement;
  roofline: Measurement;
  shown: 'ms' | 'counts_ms' | 'cpu_percent';
  target: string;
  met: boolean;
  bound: string;
}

const rows: Row[] = [];
const log = (text: string) => process.stderr.write(`${text}\n`);
const both = (name: string, dir: string, n = size) => ({ project: measure(name, 'project', n, dir), roofline: measure(name, 'roofline', n, dir) });
const ratio = (r: Pick<Row, 'project' | 'roofline'>) => r.project.ms / r.roofline.ms;

log(`generating data for ${size} jobs in ${root}`);
const write = setupWrite(join(root, 'write'), size);
let m = both('write-input', write);
rows.push({ name: `plan and write input files (${size} jobs, 1 KB prompts)`, ...m, shown: 'ms', target: '≤ 1.5× roofline, ≤ 300 MB', met: ratio(m) <= 1.5 && m.project.rss_mb <= 300, bound: 'building request lines and JSON.stringify' });

const ingestDir = await setupIngest(join(root, 'ingest'), size);
m = both('ingest', ingestDir);
rows.push({ name: `ingest ${size} OpenAI result lines`, ...m, shown: 'ms', target: '≤ 1.5× roofline, ≤ 300 MB', met: ratio(m) <= 1.5 && m.project.rss_mb <= 300, bound: 'JSON.parse and SQLite inserts' });

for (const format of ['csv', 'jsonl'] as const) {
  m = both(`export-${format}`, ingestDir);
  rows.push({ name: `export ${size} results to ${format.toUpperCase()}`, ...m, shown: 'ms', target: '≤ 2× roofline', met: ratio(m) <= 2, bound: 'SQLite row reads and serialisation' });
}

const resumeDir = setupResume(join(root, 'resume'), size);
m = both('resume', resumeDir);
rows.push({ name: `open a ${size}-job store and resume the monitor`, ...m, shown: 'ms', target: '≤ 300 ms', met: m.project.ms <= 300, bound: 'opening SQLite and one monitor pass' });
m = both('counts', resumeDir);
rows.push({ name: `job counts by status (${size}-job run)`, ...m, shown: 'counts_ms', target: '≤ 50 ms', met: (m.project.extra?.counts_ms ?? Infinity) <= 50, bound: 'the (run_id, status) index scan' });

const idleDir = await setupIdle(join(root, 'idle'));
const idle = { project: measure('idle', 'project', idleMs, idleDir), roofline: measure('idle', 'roofline', idleMs, idleDir) };
rows.push({ name: `monitor at rest, 20 live batches, 60 s interval, ${idleMs / 1000} s`, ...idle, shown: 'cpu_percent', target: '≤ 1% CPU', met: (idle.project.extra?.cpu_percent ?? Infinity) <= 1, bound: 'timers only' });

const fmt = (row: Row, which: 'project' | 'roofline') => {
  const x = row[which];
  if (row.shown === 'ms') return `${x.ms.toFixed(0)} ms`;
  if (row.shown === 'counts_ms') return `${(x.extra?.counts_ms ?? 0).toFixed(1)} ms`;
  return `${(x.extra?.cpu_percent ?? 0).toFixed(2)} %`;
};
const value = (row: Row, which: 'project' | 'roofline') => (row.shown === 'ms' ? row[which].ms : (row[which].extra?.[row.shown] ?? 0));
const table = [
  '| case | Batchdesk | roofline | ratio | peak RSS | target | met |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${fmt(r, 'project')} | ${fmt(r, 'roofline')} | ${(value(r, 'project') / Math.max(value(r, 'roofline'), 1e-9)).toFixed(2)}× | ${r.project.rss_mb.toFixed(0)} MB | ${r.target} | ${r.met ? 'yes' : '**no**'} |`),
].join('\n');
process.stdout.write(`${table}\n`);

if (size >= 100_000 && !values['no-write']) {
  const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`;
  const bounds = rows.map((r) => `- **${r.name}**: bounded by ${r.bound}.`).join('\n');
  writeFileSync(resolve(import.meta.dirname, '../docs/performance.md'), `# Performance\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${machine}.\nEach case runs in its own process; "roofline" does only the unavoidable work (see bench/cases/).\n\n${table}\n\n## What bounds each case\n\n${bounds}\n`);
  log('written docs/performance.md');
}
rmSync(root, { recursive: true, force: true });
