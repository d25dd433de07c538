#!/usr/bin/env node
// Launcher for the batchdesk CLI. The CLI is TypeScript run by Node's own type stripping (Node >= 22.18 does it
// by default; 22.12-22.17 need --experimental-strip-types, so re-run with it there).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/main/cli/index.ts', import.meta.url));
if (!process.features.typescript) {
  const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

// V8 sizes its young generation by the machine's memory (up to ~200 MB on a 24 GB machine), and a 100,000-job run
// streams garbage through it that dies young anyway: 16 MB semi-spaces cut the CLI's peak RSS by ~100 MB at no cost
// in time measured (docs/performance.md). The flag only works at start-up, so the process replaces itself once
// (same pid, same stdio: signals and exit codes are unchanged). Where execve is missing (Windows), it runs as is.
const SEMI_SPACE = '--max-semi-space-size=16';
if (typeof process.execve === 'function' && !process.execArgv.some((flag) => flag.startsWith('--max-semi-space-size'))) {
  process.execve(process.execPath, [process.execPath, SEMI_SPACE, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], process.env);
}
await import(entry);
