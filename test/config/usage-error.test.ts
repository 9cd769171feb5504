import { describe, expect, it } from 'vitest';
import { ERROR_CODES, UsageError, errorMessage, isUsageError } from '../../src/errors/job-owners-error.js';

describe('UsageError', () => {
  it('carries a stable code and the message the CLI prints', () => {
    const error = new UsageError(ERROR_CODES.CONFIG_NOT_FOUND, 'Config file not found: x.json');
    expect(error).toBeInstanceOf(Error);
    expect(isUsageError(error)).toBe(true);
    expect(isUsageError(new Error('x'))).toBe(false);
    expect(error.name).toBe('UsageError');
    expect(error.code).toBe('JO-CFG-003');
    expect(error.message).toBe('Config file not found: x.json');
  });

  it('codes are unique', () => {
    const codes = Object.values(ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('errorMessage copes with non-Error throws from user configs', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('a string')).toBe('a string');
  });
});
