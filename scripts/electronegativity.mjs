#!/usr/bin/env node
// Electron security scan of src/ with @doyensec/electronegativity; exits 1 on any finding of MEDIUM severity or
// above, or on a file it could not parse (a file it cannot read is a file it did not check).
//
// Usage: node scripts/electronegativity.mjs [input-dir] [report.csv]
//
// Why not `npx electronegativity -i src -o report.csv` and parse that CSV, as its README suggests:
// - its CLI requires `commander` without declaring it, so it gets this project's commander 15, whose API it
//   cannot use ("_commander2.default.version is not a function");
// - its CSV writer races with itself (the header is written by an un-awaited writeFile without the append flag
//   while the rows are appended), so the CSV can come out with its first rows cut away.
// So this runs its scanner (dist/runner.js, the function its CLI calls, with the same options as `-i src`) and
// reads the findings it returns; the CSV report is written here, for CI artifacts and people.
//
// Offline on purpose: the tool fetches translations and Electron's release list from the internet. Both go
// through `got`, which is replaced by an immediate failure (the tool then uses its bundled English texts), and
// AvailableSecurityFixesGlobalCheck, which needs that release list, is left out: keeping Electron current is
// `npm outdated`'s job. Every other check runs, against the Electron version installed here.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const input = resolve(process.argv[2] ?? join(root, 'src'));
const reportPath = resolve(process.argv[3] ?? join(tmpdir(), `electronegativity-${process.pid}.csv`));
const FAIL_AT = 'MEDIUM';
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const require = createRequire(join(root, 'package.json'));
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const toolRequire = createRequire(join(toolDir, 'dist', 'runner.js'));

const gotPath = toolRequire.resolve('got');
const offline = () =>
  Promise.reject(new Error('offline: batchdesk runs electronegativity without network access'));
toolRequire.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(offline, { default: offline }),
};

const run = toolRequire('./runner.js');
const { severity } = toolRequire('./finder/attributes.js');
const electronVersion = require('electron/package.json').version;

const result = await run(
  {
    input,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    isRelative: true,
    isVerbose: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

const csvField = (value) => `"${String(value ?? '').replace(/"/g, '""')}"`;
const rows = result.issues.map((issue) => [
  issue.id,
  issue.severity.name,
  issue.confidence.name,
  issue.file,
  `${issue.location.line}:${issue.location.column}`,
  issue.sample ?? '',
  issue.description,
  issue.shortenedURL,
]);
writeFileSync(
  reportPath,
  [['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'], ...rows]
    .map((row) => row.map(csvField).join(','))
    .join('\n') + '\n',
);

const failing = result.issues.filter((issue) => issue.severity.value >= severity[FAIL_AT].value);
const unreadable = result.errors.filter((error) => !error.tolerable);

console.log(
  `electronegativity ${toolRequire('../package.json').version}: ${result.globalChecks + result.atomicChecks} checks on ${input} (Electron ${electronVersion})`,
);
for (const issue of result.issues) {
  const mark = failing.includes(issue) ? 'FAIL' : 'note';
  console.log(
    `${mark} ${issue.severity.name}/${issue.confidence.name} ${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column}\n     ${issue.description} ${issue.shortenedURL}`,
  );
}
for (const error of unreadable) console.log(`FAIL could not parse ${error.file}: ${error.message}`);
console.log(`report: ${reportPath}`);

if (failing.length || unreadable.length) {
  console.log(
    `${failing.length} finding(s) of ${FAIL_AT} severity or above, ${unreadable.length} unreadable file(s)`,
  );
  process.exit(1);
}
console.log(`no finding of ${FAIL_AT} severity or above`);
