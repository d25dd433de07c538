// Run creation spools checked jobs to disk and reads them back: every job must come back exactly as written,
// whatever its characters and size (lines cross the 1 MB read chunks; one line is larger than a chunk).
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { JobSpool } from '../../../src/main/engine/job-spool.ts';
import { tempDir } from '../../helpers/cli.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('JobSpool', () => {
  it('gives back 20,000 jobs in order, with multi-byte text, tabs and newlines, and one 3 MB job', () => {
    const dir = tempDir();
    dirs.push(dir);
    const spool = new JobSpool(dir.path);
    const text = (i: number) => (i === 777 ? 'é'.repeat(1_500_000) : `job ${i}\tnaïve café 東京 🚀\nline two ${'x'.repeat(i % 300)}`);
    for (let i = 0; i < 20_000; i++) spool.add({ model: i % 3, ruleTokens: i * 7, json: JSON.stringify({ id: `j${i}`, text: text(i) }) });
    expect(spool.count).toBe(20_000);
    let i = 0;
    for (const job of spool.jobs()) {
      expect(job.model).toBe(i % 3);
      expect(job.ruleTokens).toBe(i * 7);
      expect((JSON.parse(job.json) as { text: string }).text).toBe(text(i));
      i += 1;
    }
    expect(i).toBe(20_000);
    spool.dispose();
    expect(existsSync(spool.path)).toBe(false);
  });
});
