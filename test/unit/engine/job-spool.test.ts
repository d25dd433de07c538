// Run creation spools checked jobs to disk and reads them back: every job must come back exactly as added, in order,
// whatever its characters and size (lines cross the 1 MB read chunks; one line is larger than a chunk). A huge job
// is held in memory instead of spooled (its JSON is never made for an estimate), up to a budget.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import type { JobSpec } from '../../../src/shared/domain.ts';
import { HELD_BUDGET_CHARS, HELD_JOB_CHARS, JobSpool } from '../../../src/main/engine/job-spool.ts';
import { tempDir } from '../../helpers/cli.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function spoolIn(): JobSpool {
  const dir = tempDir();
  dirs.push(dir);
  return new JobSpool(dir.path);
}

const job = (i: number, prompt: string): JobSpec => ({ id: `j${i}`, label: `j${i}`, model: 'm', endpoint: 'chat', params: {}, prompt });

describe('JobSpool', () => {
  it('gives back 20,000 jobs in order, with multi-byte text, tabs and newlines, and one 3 MB job', () => {
    const spool = spoolIn();
    const text = (i: number) => (i === 777 ? 'é'.repeat(1_500_000) : `job ${i}\tnaïve café 東京 🚀\nline two ${'x'.repeat(i % 300)}`);
    for (let i = 0; i < 20_000; i++) spool.add(i % 3, i * 7, job(i, text(i)));
    expect(spool.count).toBe(20_000);
    // Read twice (the cost limit's pass, then the plan's): the same jobs both times.
    for (let pass = 0; pass < 2; pass++) {
      let i = 0;
      for (const spooled of spool.jobs()) {
        expect(spooled.model).toBe(i % 3);
        expect(spooled.ruleTokens).toBe(i * 7);
        expect(spooled.spec).toEqual(job(i, text(i)));
        expect(JSON.parse(spooled.json())).toEqual(job(i, text(i)));
        i += 1;
      }
      expect(i).toBe(20_000);
    }
    spool.dispose();
    expect(existsSync(spool.path)).toBe(false);
  });

  it('holds huge jobs in memory, in their place among the others, and spools them once the budget is spent', () => {
    const spool = spoolIn();
    const huge = 'a'.repeat(HELD_JOB_CHARS * 4);
    const count = Math.ceil(HELD_BUDGET_CHARS / huge.length) + 2;
    for (let i = 0; i < count; i++) {
      spool.add(0, i, job(2 * i, `small ${i}`));
      spool.add(1, i, job(2 * i + 1, huge));
    }
    spool.jobs().next(); // flushes the last chunk to the file
    const heldJobs = Math.floor(HELD_BUDGET_CHARS / huge.length);
    // Only the huge jobs beyond the budget reach the file.
    expect(statSync(spool.path).size).toBeLessThan((count - heldJobs + 1) * huge.length + 100_000);
    expect(statSync(spool.path).size).toBeGreaterThan((count - heldJobs) * huge.length);
    let i = 0;
    for (const spooled of spool.jobs()) {
      expect(spooled.model).toBe(i % 2);
      expect(spooled.ruleTokens).toBe(Math.floor(i / 2));
      expect(spooled.spec.id).toBe(`j${i}`);
      expect(spooled.spec.prompt!.length).toBe(i % 2 ? huge.length : `small ${Math.floor(i / 2)}`.length);
      i += 1;
    }
    expect(i).toBe(2 * count);
    const held = [...spool.jobs()][1]!;
    expect(JSON.parse(held.json())).toEqual(job(1, huge));
    spool.dispose();
  });
});
