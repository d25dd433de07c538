// Labels from free-text answers (runs without structured output).
import { describe, expect, it } from 'vitest';
import { extractLabel } from '../../../src/main/analysis/agreement/index.ts';
import { InputError } from '../../../src/main/core/errors.ts';

const SENTIMENT = ['positive', 'negative', 'neutral', 'very positive'];

describe('extractLabel', () => {
  it('matches the whole answer after normalising case, spaces, quotes, emphasis and a final full stop', () => {
    expect(extractLabel('Positive', SENTIMENT)).toBe('positive');
    expect(extractLabel('  **NEGATIVE**.\n', SENTIMENT)).toBe('negative');
    expect(extractLabel('"very   positive"', SENTIMENT)).toBe('very positive');
    expect(extractLabel('ｎｅｕｔｒａｌ', SENTIMENT)).toBe('neutral');
  });

  it('otherwise takes the first whole-word occurrence, preferring the longer label at the same place', () => {
    expect(extractLabel('The sentiment is negative, not positive.', SENTIMENT)).toBe('negative');
    expect(extractLabel('I would say: very positive overall', SENTIMENT)).toBe('very positive');
    expect(extractLabel('Label: neutral', SENTIMENT)).toBe('neutral');
  });

  it('does not match inside other words', () => {
    expect(extractLabel('It is a non-neutrality statement about positives', SENTIMENT)).toBeNull();
    expect(extractLabel('positively', SENTIMENT)).toBeNull();
  });

  it('returns null when no label is named, or there is no text', () => {
    expect(extractLabel('I cannot tell.', SENTIMENT)).toBeNull();
    expect(extractLabel(null, SENTIMENT)).toBeNull();
    expect(extractLabel('', SENTIMENT)).toBeNull();
  });

  it('handles numeric and boolean labels and returns them as given', () => {
    expect(extractLabel('I rate it 4 out of 5', [1, 2, 3, 4, 5])).toBe(4);
    expect(extractLabel('True', [true, false])).toBe(true);
    expect(extractLabel('Score: 10', [1, 10])).toBe(10);
  });

  it('refuses labels that cannot be told apart in free text', () => {
    expect(() => extractLabel('yes', ['Yes', 'yes'])).toThrow(InputError);
    expect(() => extractLabel('yes', ['yes', '**'])).toThrow(/empty after normalising/);
  });
});
