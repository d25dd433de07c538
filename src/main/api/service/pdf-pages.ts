// Page count of a PDF without a PDF library: count the page objects (`/Type /Page`, not the `/Pages` tree nodes),
// streaming, so a 500 MB file is never held whole. PDFs that hide their pages in compressed object streams fall
// back to the largest `/Count` of the page tree; null when neither is readable.
import { createReadStream } from 'node:fs';

const PAGE = /\/Type\s*\/Page(?![A-Za-z])/g;
const TREE_COUNT = /\/Type\s*\/Pages\b[^>]{0,400}?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]{0,400}?\/Type\s*\/Pages\b/g;
/** Characters kept from one chunk to the next so a token split across chunks is still seen. */
const OVERLAP = 1024;

/** Matches that end in (from, to]: each match is counted once, and only once the character after it is known. */
function countEndingIn(text: string, from: number, to: number): number {
  let n = 0;
  for (const match of text.matchAll(PAGE)) {
    const end = match.index + match[0].length;
    if (end > from && end <= to) n += 1;
  }
  return n;
}

export async function countPdfPages(path: string): Promise<number | null> {
  let pages = 0;
  let treeCount = 0;
  let tail = '';
  for await (const chunk of createReadStream(path, { encoding: 'latin1', highWaterMark: 1 << 20 })) {
    const text = tail + (chunk as string);
    pages += countEndingIn(text, tail.length - 1, text.length - 1);
    for (const match of text.matchAll(TREE_COUNT)) treeCount = Math.max(treeCount, Number(match[1] ?? match[2]));
    tail = text.slice(-OVERLAP);
  }
  pages += countEndingIn(tail, tail.length - 1, tail.length);
  if (pages > 0) return pages;
  return treeCount > 0 ? treeCount : null;
}
