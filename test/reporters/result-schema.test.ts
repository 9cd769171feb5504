/**
 * result.schema.json (shipped in the package) describes the `--format json` output: the CLI's
 * JSON for every fixture validates, hand-built results with every optional field validate, and
 * the schema names exactly the keys the JSON reporter orders (so neither can drift).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { json } from '../../src/reporters/json.js';
import { type KeyOrder, RESULT_KEY_ORDER } from '../../src/reporters/key-order.js';
import { largeResult } from '../fixtures-results/large.js';
import { smallResult } from '../fixtures-results/small.js';
import { ctx } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'result.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const errors = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('result.schema.json', () => {
  const fixtures = fs.readdirSync(path.join(ROOT, 'fixtures'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it.each(fixtures)('validates the JSON of fixtures/%s', (name) => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/job-owners.js'), 'check', '-f', 'json', '--no-cache'], { cwd: path.join(ROOT, 'fixtures', name), encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    expect([0, 1]).toContain(run.status);
    expect(errors(JSON.parse(run.stdout))).toEqual([]);
  });

  it.each([['small', smallResult], ['large', largeResult]])('validates a result with every optional field (%s)', (_, build) => {
    expect(errors(JSON.parse(json(build(), ctx())))).toEqual([]);
  });

  it('rejects what the contract does not allow', () => {
    const result = JSON.parse(json(smallResult(), ctx()));
    result.findings[0].severity = 'fatal';
    delete result.summary.errors;
    expect(errors(result)).toEqual(['/findings/0/severity must be equal to one of the allowed values', '/summary must have required property \'errors\'']);
  });

  it('names exactly the keys the JSON reporter writes, at every level', () => {
    const deref = (node: Record<string, unknown>): Record<string, unknown> => {
      const target = node.$ref as string | undefined;
      return target ? deref(schema.definitions[target.replace('#/definitions/', '')]) : node;
    };
    const walk = (order: KeyOrder, node: Record<string, unknown>, at: string) => {
      const object = deref(node.type === 'array' ? (node.items as Record<string, unknown>) : node);
      const properties = (object.properties ?? {}) as Record<string, Record<string, unknown>>;
      expect(Object.keys(properties).sort(), at).toEqual([...order.keys].sort());
      for (const [key, child] of Object.entries(order.children ?? {})) walk(child, deref(properties[key]!), `${at}.${key}`);
    };
    walk(RESULT_KEY_ORDER, schema, 'result');
  });
});
