import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/config/rule-ids.js';
import { configSchema } from '../../src/config/schema.js';
import { validateConfig } from '../../src/config/validate.js';

const exampleFile = fileURLToPath(new URL('../../.jobownershiprc.example.json', import.meta.url));
const example = JSON.parse(readFileSync(exampleFile, 'utf8')) as Record<string, unknown>;

describe('.jobownershiprc.example.json', () => {
  it('is valid (schema and globs)', () => {
    expect(() => validateConfig(example, exampleFile)).not.toThrow();
  });

  it('shows every key, every rule, and both service and worker forms', () => {
    expect(Object.keys(example).sort()).toEqual(Object.keys(configSchema.shape).sort());
    expect(Object.keys(example.rules as object).sort()).toEqual([...RULE_IDS].sort());
    expect(example.$schema).toBe('./node_modules/job-owners/schema.json');
    const services = Object.values(example.services as object);
    expect(services.some(Array.isArray)).toBe(true);
    expect(services.some((s) => !Array.isArray(s))).toBe(true);
    const roles = (example.workers as { role: string }[]).map((w) => w.role);
    expect(roles).toEqual(expect.arrayContaining(['consumer', 'producer']));
  });
});
