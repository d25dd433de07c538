// A label from a free-text answer, for runs without structured output: given the allowed labels (a field's enum
// values), the answer's label is
//   1. the label the whole answer equals after normalising both (Unicode NFKC, case, spaces, and wrapping quotes,
//      brackets, Markdown emphasis or a final full stop), else
//   2. the label that occurs first in the answer as a whole word or phrase (the longer label when two start at the
//      same place, so "very positive" wins over "positive"), else
//   3. null: the answer names none of the labels, which the statistics count as missing.
// Step 2 reads "not positive" as "positive": prompts should ask for the bare label.
import { InputError } from '../../core/errors.ts';
import type { RatingValue } from './table.ts';

const WRAPPING = /^[\s"'`*_([{<«“‘]+|[\s"'`*_)\]}>»”’.!]+$/gu;

export function normaliseAnswer(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').replace(WRAPPING, '');
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Matcher<T> {
  label: T;
  normalised: string;
  pattern: RegExp;
}

function matchersFor<T extends RatingValue>(labels: readonly T[]): Matcher<T>[] {
  const byNormalised = new Map<string, T>();
  return labels.map((label) => {
    const normalised = normaliseAnswer(String(label));
    if (!normalised) throw new InputError(`label ${JSON.stringify(label)} is empty after normalising; labels must contain a letter or digit`);
    const clash = byNormalised.get(normalised);
    if (clash !== undefined) throw new InputError(`labels ${JSON.stringify(clash)} and ${JSON.stringify(label)} read the same in free text; make them differ by more than case or spacing`);
    byNormalised.set(normalised, label);
    const words = normalised.split(' ').map(escapeRegExp).join('\\s+');
    return { label, normalised, pattern: new RegExp(`(?<![\\p{L}\\p{N}_])${words}(?![\\p{L}\\p{N}_])`, 'u') };
  });
}

/** The label a free-text answer gives, or null when it names none. Throws when two labels cannot be told apart. */
export function extractLabel<T extends RatingValue>(text: string | null | undefined, labels: readonly T[]): T | null {
  const matchers = matchersFor(labels);
  if (text === null || text === undefined) return null;
  const answer = normaliseAnswer(text);
  const exact = matchers.find((m) => m.normalised === answer);
  if (exact) return exact.label;
  let best: { label: T; at: number; length: number } | null = null;
  for (const m of matchers) {
    const found = m.pattern.exec(answer);
    if (!found) continue;
    const candidate = { label: m.label, at: found.index, length: found[0].length };
    if (!best || candidate.at < best.at || (candidate.at === best.at && candidate.length > best.length)) best = candidate;
  }
  return best ? best.label : null;
}
