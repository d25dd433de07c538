// Large text inputs (datasets, requests files) read as a stream of decoded text, never held whole: the encoding is
// decided from the first 64 KB (or given), and a later byte that does not fit it stops the read with its line.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { bomOf, checkDecoded, detectEncoding, firstInvalidUtf8, isKnownEncoding, TextEncodingError } from './encoding.ts';

const SAMPLE_BYTES = 64 * 1024;
/** What String.prototype.trim keeps (\s is the same set of characters): a line with none of it is blank. */
const NOT_SPACE = /\S/;

async function sampleOf(path: string): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const { size } = await handle.stat();
    return { bytes: buffer.subarray(0, bytesRead), complete: bytesRead >= size };
  } finally {
    await handle.close();
  }
}

/** The file's encoding: `given` when set (checked to exist), else detected from its first bytes. */
export async function encodingOfFile(path: string, given?: string): Promise<string> {
  if (given !== undefined) {
    if (!isKnownEncoding(given)) throw new TextEncodingError(1, `unknown encoding "${given}" (e.g. utf-8, utf-16le, windows-1252, iso-8859-2)`);
    return given;
  }
  const sample = await sampleOf(path);
  return detectEncoding(sample.bytes, sample.complete);
}

/** The file's text, chunk by chunk, decoded with `encoding` (byte-order mark dropped). */
export async function* decodedChunks(path: string, encoding: string): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  let lines = 0;
  let carry = Buffer.alloc(0);
  let first = true;
  for await (const raw of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let chunk = raw as Buffer;
    if (encoding === 'utf-8') {
      // Strict UTF-8: a cut-off sequence at the end of a chunk waits for the next one.
      chunk = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const start = first && bomOf(chunk)?.encoding === 'utf-8' ? 3 : 0;
      const keep = incompleteTail(chunk);
      // The native check first (a 100 MB file in milliseconds); the byte loop only to find where it goes wrong.
      if (!isUtf8(chunk.subarray(start, chunk.length - keep))) {
        const bad = firstInvalidUtf8(chunk.subarray(start), true);
        if (bad >= 0) {
          const line = lines + chunk.subarray(0, start + bad).toString('latin1').split('\n').length;
          throw new TextEncodingError(line, `line ${line} is not valid UTF-8: give the file's encoding with --encoding NAME (e.g. --encoding windows-1252)`);
        }
      }
      carry = Buffer.from(chunk.subarray(chunk.length - keep));
      chunk = chunk.subarray(0, chunk.length - keep);
    }
    first = false;
    const text = decoder.write(chunk);
    checkDecoded(text, chunk, encoding, lines);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines += 1;
    if (text) yield text;
  }
  if (carry.length) throw new TextEncodingError(lines + 1, `the file ends inside a UTF-8 character (line ${lines + 1}): it is truncated or not UTF-8`);
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Bytes at the end of `chunk` that start a UTF-8 sequence not yet complete. */
function incompleteTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const b = chunk[chunk.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/** A readable of decoded text, for parsers that take a stream (csv-parse). */
export function decodedReadable(path: string, encoding: string): Readable {
  return Readable.from(decodedChunks(path, encoding), { objectMode: false });
}

/**
 * Lines of a decoded text file: 1-based numbers, blank lines skipped (they carry no request or row). A line ends at
 * \n, \r\n or a lone \r, as readline reads them; split straight from the decoded chunks (readline would encode
 * them to bytes and decode them again).
 */
export async function* decodedLines(path: string, encoding: string): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  // The unfinished line, as the chunks it spans: joined once it ends, so one long line is copied once, not per chunk.
  let pieces: string[] = [];
  let afterCr = false;
  const lineEnding = (text: string) => {
    line += 1;
    pieces.push(text);
    // Blank unless a piece holds more than whitespace (a test that stops at the first letter of a long line).
    const blank = !pieces.some((piece) => NOT_SPACE.test(piece));
    const joined = blank ? '' : pieces.length === 1 ? text : pieces.join('');
    pieces = [];
    return blank ? null : { line, text: joined };
  };
  for await (const chunk of decodedChunks(path, encoding)) {
    // A \r that ended the previous chunk already ended its line: a \n right after it is the same line break.
    let start = afterCr && chunk.startsWith('\n') ? 1 : 0;
    afterCr = false;
    let nl = chunk.indexOf('\n', start);
    let cr = chunk.indexOf('\r', start);
    while (nl !== -1 || cr !== -1) {
      const i = nl === -1 ? cr : cr === -1 ? nl : Math.min(nl, cr);
      const ended = lineEnding(chunk.slice(start, i));
      if (ended) yield ended;
      let next = i + 1;
      if (i === cr) {
        if (i + 1 === chunk.length) afterCr = true;
        else if (chunk.charCodeAt(i + 1) === 0x0a) next = i + 2;
      }
      start = next;
      if (nl !== -1 && nl < start) nl = chunk.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = chunk.indexOf('\r', start);
    }
    if (start < chunk.length) pieces.push(chunk.slice(start));
  }
  if (pieces.length) {
    const ended = lineEnding('');
    if (ended) yield ended;
  }
}
