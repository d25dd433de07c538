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
await import(entry);
