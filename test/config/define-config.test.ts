import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineConfig } from '../../src/config/define-config.js';
import type { JobOwnersConfig } from '../../src/config/schema.js';

describe('defineConfig', () => {
  it('returns its argument unchanged and types it', () => {
    const config = { owners: { emails: 'workers' }, rules: { 'no-consumer': 'warn' } } as const;
    expect(defineConfig(config)).toBe(config);
    expectTypeOf(defineConfig).parameter(0).toEqualTypeOf<JobOwnersConfig>();
  });

  it('rejects unknown rule ids at compile time', () => {
    // @ts-expect-error -- "multiple-owner" is not a rule id
    defineConfig({ rules: { 'multiple-owner': 'error' } });
    // @ts-expect-error -- a reason is required
    defineConfig({ ignore: [{ rule: 'no-consumer' }] });
  });
});
