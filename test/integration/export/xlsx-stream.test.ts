// XLSX exports stream (issue 17, item 6): the sheet is generated only as fast as the destination takes it. With a
// destination that stops reading, the writer pulls a bounded number of rows (zip buffers, not the run) and waits.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../../../src/main/export/xlsx.ts';
import { csvChunks } from '../../../src/main/export/csv.ts';

describe('streaming XLSX', () => {
  it('stops pulling rows while the destination does not drain', async () => {
    let pulled = 0;
    function* records(): Generator<unknown[]> {
      for (let i = 0; i < 1_000_000; i++) {
        pulled += 1;
        yield [`job_${i}`, 'succeeded', `an answer of some length for row ${i}, with words in it`, i, 0.00012];
      }
    }
    const stuck: (() => void)[] = [];
    const out = new Writable({ highWaterMark: 16 * 1024, write: (_chunk, _enc, done) => void stuck.push(done) });
    const writing = writeXlsx(out, ['job_id', 'status', 'output', 'n', 'cost_usd'], records());
    await new Promise((r) => setTimeout(r, 500));
    const first = pulled;
    await new Promise((r) => setTimeout(r, 500));
    expect(pulled).toBe(first);
    expect(pulled).toBeLessThan(20_000);
    out.destroy();
    void writing.catch(() => {});
  });

  it('starts a CSV with the UTF-8 byte-order mark only when asked', () => {
    expect([...csvChunks(['a'], [['é']], { bom: true })].join('')).toBe('\uFEFFa\né\n');
    expect([...csvChunks(['a'], [['é']])].join('')).toBe('a\né\n');
  });
});
