// Datasets and requests files are split into lines straight from the decoded 1 MB chunks: a line ends at \n, \r\n or
// a lone \r wherever the chunks are cut (a \r\n split across two chunks is one break), blank lines are skipped but
// counted, and a line longer than a chunk comes back whole.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodedLines } from '../../../src/main/inputs/text/decoded-stream.ts';
import { tempDir } from '../../helpers/cli.ts';

const CHUNK = 1 << 20;
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

async function linesOf(content: string): Promise<{ line: number; text: string }[]> {
  const dir = tempDir();
  dirs.push(dir);
  const path = join(dir.path, 'lines.txt');
  writeFileSync(path, content);
  const lines = [];
  for await (const line of decodedLines(path, 'utf-8')) lines.push(line);
  return lines;
}

describe('decodedLines', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, skips blank lines, and keeps the last line without a break', async () => {
    expect(await linesOf('one\ntwo\r\nthree\rfour\n\n  \nfive')).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
      { line: 3, text: 'three' },
      { line: 4, text: 'four' },
      { line: 7, text: 'five' },
    ]);
  });

  it('skips lines that are only whitespace of any kind (as String.prototype.trim reads it), and an empty file', async () => {
    expect(await linesOf('\uFEFF\n\u00A0\u3000\t\nword\n')).toEqual([{ line: 3, text: 'word' }]);
    expect(await linesOf('')).toEqual([]);
    expect(await linesOf('\n\r\n  ')).toEqual([]);
  });

  it('keeps a line whose first megabytes are spaces and whose text comes after them', async () => {
    const line = ' '.repeat(2 * CHUNK) + 'text';
    expect(await linesOf(`${line}\n`)).toEqual([{ line: 1, text: line }]);
  });

  it('reads a \\r\\n cut between two chunks as one break', async () => {
    const first = 'x'.repeat(CHUNK - 1);
    expect(await linesOf(`${first}\r\nnext\n`)).toEqual([
      { line: 1, text: first },
      { line: 2, text: 'next' },
    ]);
  });

  it('gives back a line spanning several chunks whole, with the lines around it', async () => {
    const long = 'é'.repeat(3 * CHUNK) + 'end';
    const lines = await linesOf(`before\n${long}\nafter`);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(lines[1]!.text).toBe(long);
    expect(lines[2]!.text).toBe('after');
  });
});
