// docs/security.md claims a control per threat and names the test that covers it. This keeps the page honest:
// every row of a threat table names at least one test, and every named test file and test title exists (a title
// ending in "…" names a test by its beginning).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const DOC = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');
const TEST_FILES = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.test.ts'))
  .map((path) => join('test', path));

interface Reference {
  file: string;
  names: string[];
}

/** `test/x/y.test.ts` › "title", "title" (or a bare file name found under test/). */
function references(text: string): Reference[] {
  const found: Reference[] = [];
  for (const match of text.matchAll(/`?([\w./-]*\.test\.ts)`?((?:\s*›\s*"[^"]+"(?:,\s*"[^"]+")*)?)/g)) {
    const names = [...(match[2] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    found.push({ file: match[1]!, names });
  }
  return found;
}

function resolveFile(file: string): string | null {
  if (file.includes('/')) return TEST_FILES.includes(file) ? file : null;
  const hits = TEST_FILES.filter((path) => basename(path) === file);
  return hits.length === 1 ? hits[0]! : null;
}

function titlesOf(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return [...source.matchAll(/\bit(?:\.each\([^)]*\))?\(\s*(['"`])((?:(?!\1).)*)\1/g)].map((m) => m[2]!);
}

/** The body rows of every table whose last column is "test". */
function claimRows(text: string): string[] {
  const rows: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\|.*\|\s*test\s*\|$/.test(lines[i]!)) continue;
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(lines[j]!);
  }
  return rows;
}

describe('docs/security.md', () => {
  it('names a test in every row of its threat tables', () => {
    const rows = claimRows(DOC);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) {
      const lastCell = row.split('|').slice(-2)[0]!;
      expect(references(lastCell).length, row).toBeGreaterThan(0);
    }
  });

  it('names only test files and test titles that exist', () => {
    const refs = references(DOC);
    expect(refs.length).toBeGreaterThanOrEqual(25);
    for (const ref of refs) {
      const file = resolveFile(ref.file);
      expect(file, `${ref.file} (from docs/security.md)`).not.toBeNull();
      const titles = titlesOf(file!);
      for (const name of ref.names) {
        const matches = titles.some((title) => (name.endsWith('…') ? title.startsWith(name.slice(0, -1)) : title === name));
        expect(matches, `"${name}" in ${file}`).toBe(true);
      }
    }
  });
});
