// Issue 2 acceptance: seed 004's "simple usage" and "advanced usage", written against the library API, run to
// completion on the demo provider.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, tempDir } from '../../helpers/cli.ts';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples');

function runExample(name: string, cwd: string, home: string) {
  return spawnSync(process.execPath, [join(EXAMPLES, name)], { cwd, env: cleanEnv({ BATCHDESK_HOME: home }), encoding: 'utf8', timeout: 60_000 });
}

describe('seed 004 examples on the library API', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('simple usage runs to completion and writes the results folder', () => {
    const result = runExample('simple-usage.ts', dir.path, join(dir.path, 'home'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/completed: 2\/2 succeeded/);
    expect(result.stdout).toMatch(/\(simulated\)/);
    const csv = readFileSync(join(dir.path, 'output', 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(existsSync(join(dir.path, 'output', 'results.json'))).toBe(true);
  });

  it('advanced usage reports progress, structured output and per-job models', () => {
    const result = runExample('advanced-usage.ts', dir.path, join(dir.path, 'home'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Progress: 2\/2/);
    const lines = result.stdout.trim().split('\n');
    const invoice = lines.find((l) => l.startsWith('job-1 '))!;
    expect(invoice).toMatch(/^job-1 succeeded \{/);
    const parsed = JSON.parse(invoice.slice('job-1 succeeded '.length)) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['paid', 'total', 'vendor']);
    expect(typeof parsed.total).toBe('number');
    expect(lines.find((l) => l.startsWith('job-2 '))).toMatch(/^job-2 succeeded \[simulated demo\/mini\] Hello/);
  });
});
