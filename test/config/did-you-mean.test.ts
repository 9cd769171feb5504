import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, levenshtein } from '../../src/config/did-you-mean.js';

describe('did-you-mean', () => {
  it('computes edit distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('suggests the closest candidate for typos and case slips', () => {
    expect(closestMatch('rulez', ['rules', 'owners'])).toBe('rules');
    expect(closestMatch('multiple-owner', ['multiple-owners', 'no-consumer'])).toBe('multiple-owners');
    expect(closestMatch('Owners', ['rules', 'owners'])).toBe('owners');
  });

  it('suggests nothing when nothing is close', () => {
    expect(closestMatch('banana', ['rules', 'owners'])).toBeUndefined();
    expect(didYouMean('banana', ['rules'])).toBe('');
    expect(didYouMean('rule', ['rules'])).toBe(' Did you mean "rules"?');
  });
});
