// The one money formatter (issue 17): two significant digits below $1, cents from $1, never cut to "$0.005" or
// shown in scientific notation; plurals and durations as people say them.
import { describe, expect, it } from 'vitest';
import { duration, plural, relative, tokensPerMillion, usd } from '../../../src/renderer/src/format.ts';

describe('usd', () => {
  it.each([
    [0, '$0.00'],
    [0.0058, '$0.0058'],
    [0.00579, '$0.0058'],
    [0.000045, '$0.000045'],
    [0.0000403, '$0.000040'],
    [0.01, '$0.010'],
    [0.1, '$0.10'],
    [0.456, '$0.46'],
    [0.999, '$1.00'],
    [1, '$1.00'],
    [12.3, '$12.30'],
    [1204, '$1,204.00'],
    [-0.25, '−$0.25'],
    [null, 'unknown'],
  ])('%s → %s', (value, text) => expect(usd(value)).toBe(text));

  it('prices per 1M tokens with the same rule', () => {
    expect(tokensPerMillion(0.075)).toBe('$0.075/1M');
    expect(tokensPerMillion(2.5)).toBe('$2.50/1M');
  });
});

describe('words', () => {
  it('says 1 job and 2 jobs', () => {
    expect(plural(1, 'job')).toBe('1 job');
    expect(plural(2, 'job')).toBe('2 jobs');
    expect(plural(1204, 'provider batch', 'provider batches')).toBe('1,204 provider batches');
  });

  it('says durations and countdowns', () => {
    expect(duration(45_000)).toBe('45 s');
    expect(duration(12 * 60_000)).toBe('12 min');
    expect(duration(3 * 3600_000 + 20 * 60_000)).toBe('3 h 20 min');
    expect(duration(50 * 3600_000)).toBe('2 d 2 h');
    expect(relative(10_000 + 3 * 3600_000, 10_000)).toBe('in 3 h');
    expect(relative(0, 4 * 60_000)).toBe('4 min ago');
  });
});
