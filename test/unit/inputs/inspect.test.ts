// The input check on each file of the bad-input corpus, and on good files: content decides the kind, and the facts
// estimates need (pages, text, dimensions, encoding) are read from the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectFile } from '../../../src/main/inputs/inspect/index.ts';
import { badInputs, writeInputs } from '../../helpers/bad-inputs.ts';
import { tempDir } from '../../helpers/cli.ts';
import { tinyPdf, tinyPng } from '../../helpers/sample-files.ts';

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir('bd-inspect-');
});
afterAll(() => dir.cleanup());

describe('inspectFile refuses the bad-input corpus with its reason', () => {
  it.each(badInputs().map((b) => [b.name, b] as const))('%s', async (_name, input) => {
    const [path] = writeInputs(dir.path, [input]);
    await expect(inspectFile(path!)).rejects.toThrow(input.reason);
  });
});

describe('inspectFile on good files', () => {
  it('reads a PDF: pages, text and page size', async () => {
    const path = join(dir.path, 'paper.pdf');
    writeFileSync(path, tinyPdf('Glacier retreat measured'));
    expect(await inspectFile(path)).toMatchObject({ media_type: 'application/pdf', pages: 1, text_chars: 'Glacier retreat measured'.length, width: 200, height: 200 });
  });

  it('reads an image: its media type by content and its dimensions', async () => {
    const path = join(dir.path, 'figure.jpg');
    writeFileSync(path, tinyPng());
    // A PNG named .jpg is sent as what it is: an image either way.
    expect(await inspectFile(path)).toMatchObject({ media_type: 'image/png', width: 1, height: 1 });
  });

  it('reads text in the encoding it is in, with or without a byte-order mark', async () => {
    const cases: [string, Buffer, string][] = [
      ['utf8.txt', Buffer.from('Café €2 Zürich', 'utf8'), 'utf-8'],
      ['bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café €2 Zürich', 'utf8')]), 'utf-8'],
      ['utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Café €2 Zürich', 'utf16le')]), 'utf-16le'],
      ['cp1252.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x32, 0x20, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]), 'windows-1252'],
    ];
    for (const [name, bytes, encoding] of cases) {
      const path = join(dir.path, name);
      writeFileSync(path, bytes);
      expect(await inspectFile(path), name).toMatchObject({ media_type: 'text/plain', encoding, text_chars: 'Café €2 Zürich'.length });
    }
  });

  it('refuses text whose encoding it cannot tell, naming the line and the --encoding option', async () => {
    const path = join(dir.path, 'cyrillic.txt');
    // KOI8-R Cyrillic: not UTF-8, and not a Western European encoding.
    writeFileSync(path, Buffer.concat([Buffer.from('first line\n'), Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x20, 0xcd, 0xc9, 0xd2, 0x21, 0x0a])]));
    await expect(inspectFile(path)).rejects.toThrow(/cyrillic\.txt: line 2 is not valid UTF-8 .*--encoding/);
    expect(await inspectFile(path, { encoding: 'koi8-r' })).toMatchObject({ encoding: 'koi8-r' });
  });

  it('refuses a binary file without magic bytes as text', async () => {
    const path = join(dir.path, 'data.txt');
    writeFileSync(path, Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43]));
    await expect(inspectFile(path)).rejects.toThrow(/data\.txt contains NUL bytes/);
  });
});
