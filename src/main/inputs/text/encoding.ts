// Which encoding a text input is in, and decoding it without ever sending U+FFFD (or mojibake) silently (issue 12).
// Byte-order marks (UTF-8, UTF-16 LE/BE) win; then strict UTF-8; then Windows-1252 (the superset browsers use for
// ISO-8859-1) when the bytes read as Western European text: every non-ASCII byte a letter or common typographic
// sign, and accents sitting inside words of ASCII letters rather than making up whole words (as Cyrillic or Greek
// in an 8-bit encoding would). Anything else is refused with the first bad line, chardet's guess, and the way on:
// `--encoding NAME`. chardet alone is not trusted for the choice: on a few hundred bytes it often names a wrong
// neighbour (Windows-1250 for a French CSV).
import chardet from 'chardet';
import iconv from 'iconv-lite';

export const DEFAULT_LEGACY_ENCODING = 'windows-1252';
/** Signs Western European text uses outside ASCII letters (Windows-1252's 0x80–0xBF and ×, ÷). */
const WESTERN_SIGNS = new Set([...'€‚„…†‡‰‹‘’“”•–—˜™›\u00a0¡¢£¥§©«®°±²³´µ·¹º»¼½¾¿×÷']);

export class TextEncodingError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'TextEncodingError';
    this.line = line;
  }
}

/** The encoding a byte-order mark names, and the mark's length. */
export function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Offset of the first byte that is not part of valid UTF-8, or -1. `partialEnd` accepts a sequence cut off by the
 * end of the buffer (a sample of a longer file).
 */
export function firstInvalidUtf8(bytes: Uint8Array, partialEnd = false): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length && need > 0) return partialEnd ? -1 : i;
    for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong three- and four-byte forms, surrogates and code points above U+10FFFF.
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line += 1;
  return line;
}

export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name);
}

/**
 * The encoding of `sample` (the first bytes of a file, `complete` when it is the whole file). Throws
 * TextEncodingError when the bytes are not UTF-8 and no Western European legacy encoding fits.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): string {
  const bom = bomOf(sample);
  if (bom) return bom.encoding;
  const bad = firstInvalidUtf8(sample, !complete);
  if (bad < 0) return 'utf-8';
  if (readsAsWestern(sample)) return DEFAULT_LEGACY_ENCODING;
  const guess = chardet.analyse(sample)[0]?.name;
  throw new TextEncodingError(
    lineAt(sample, bad),
    `line ${lineAt(sample, bad)} is not valid UTF-8 and its encoding is unclear${guess && guess !== 'ASCII' ? ` (it may be ${guess})` : ''}: give it with --encoding NAME (e.g. --encoding windows-1252), or save the file as UTF-8`,
  );
}

/** Whether non-UTF-8 bytes read as Western European text in Windows-1252 (see the header). */
export function readsAsWestern(bytes: Uint8Array): boolean {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), DEFAULT_LEGACY_ENCODING);
  let accentedWords = 0;
  let wholeAccentedWords = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    const high = [...word].filter((c) => c > '\u007f').length;
    if (high === 0) continue;
    accentedWords += 1;
    if (high / [...word].length > 0.6) wholeAccentedWords += 1;
  }
  for (const c of text) if (c > '\u007f' && !/\p{L}/u.test(c) && !WESTERN_SIGNS.has(c)) return false;
  return accentedWords > 0 ? wholeAccentedWords / accentedWords <= 0.2 : true;
}

/** Decode a whole buffer (its byte-order mark dropped). Throws TextEncodingError on bytes the encoding lacks. */
export function decodeText(bytes: Uint8Array, encoding: string): string {
  if (!isKnownEncoding(encoding)) throw new TextEncodingError(1, `unknown encoding "${encoding}" (e.g. utf-8, utf-16le, windows-1252, iso-8859-2)`);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: true });
  checkDecoded(text, bytes, encoding);
  return text;
}

/** A U+FFFD the file did not hold itself means a byte the encoding could not map. */
export function checkDecoded(text: string, bytes: Uint8Array, encoding: string, lineOffset = 0): void {
  const replacement = text.indexOf('\uFFFD');
  if (replacement < 0) return;
  if (encoding === 'utf-8' && Buffer.from(bytes).includes(Buffer.from([0xef, 0xbf, 0xbd]))) return;
  const line = lineOffset + text.slice(0, replacement).split('\n').length;
  throw new TextEncodingError(line, `line ${line} holds a byte that ${encoding} does not define: give the file's real encoding with --encoding NAME`);
}
