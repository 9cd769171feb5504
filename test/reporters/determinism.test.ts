import { describe, expect, it } from 'vitest';
import { reporters } from '../../src/reporters/index.js';
import type { FormatName } from '../../src/reporters/types.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { ctx, reverseKeysDeep, shuffleResult, sortResult } from './helpers.js';

const fixtures = [
  ['clean', cleanResult],
  ['audiobook', audiobookResult],
  ['awkward', awkwardResult],
] as const;
const formats: FormatName[] = ['stylish', 'json', 'markdown', 'github', 'sarif'];

describe('determinism', () => {
  it.each(fixtures)('the %s fixture is sorted as SPEC §8 requires', (_, make) => {
    expect(sortResult(make())).toEqual(make());
  });

  for (const format of formats) {
    it.each(fixtures)(`${format}: same bytes after shuffling arrays, re-sorting and reversing keys (%s)`, (_, make) => {
      const context = ctx({ linkBase: '..', color: true });
      const expected = reporters[format](make(), context);
      const scrambled = sortResult(shuffleResult(reverseKeysDeep(make())));
      expect(reporters[format](scrambled, context)).toBe(expected);
      expect(reporters[format](make(), context)).toBe(expected);
    });
  }

  it('does not mutate the result', () => {
    for (const [, make] of fixtures) {
      const result = make();
      for (const format of formats) reporters[format](result, ctx());
      expect(result).toEqual(make());
    }
  });
});
