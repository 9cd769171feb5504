import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderJsonSchema } from '../../src/config/json-schema.js';

const schemaFile = fileURLToPath(new URL('../../schema.json', import.meta.url));

describe('schema.json', () => {
  it('matches the zod schema (regenerate: npm run build && node scripts/generate-schema.mjs, or UPDATE_SCHEMA=1 npx vitest run test/config/schema-sync.test.ts)', () => {
    const expected = renderJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(schemaFile, expected);
    expect(readFileSync(schemaFile, 'utf8')).toBe(expected);
  });

  it('is a draft-07 schema that rejects unknown keys', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual(['$schema', '$comment', 'services', 'include', 'exclude', 'owners', 'rules', 'ignore', 'workers']);
  });
});
