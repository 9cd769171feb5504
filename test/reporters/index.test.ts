import { describe, expect, it } from 'vitest';
import { isFormatName, reporters, stepSummary } from '../../src/reporters/index.js';

describe('reporter registry', () => {
  it('has every format of SPEC §5', () => {
    expect(Object.keys(reporters).sort()).toEqual(['github', 'json', 'markdown', 'sarif', 'stylish']);
    expect(typeof stepSummary).toBe('function');
  });

  it('recognises format names, and nothing inherited', () => {
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('html')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('__proto__')).toBe(false);
  });
});
