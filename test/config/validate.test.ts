import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { validateConfig } from '../../src/config/validate.js';
import { UsageError } from '../../src/errors/job-owners-error.js';
import { tempRepo } from './helpers.js';

const FILE = '/repo/.jobownershiprc.json';

/** The message a user sees for this config content, or 'valid'. */
function messageFor(raw: unknown): string {
  try {
    validateConfig(raw, FILE);
    return 'valid';
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('JO-CFG-001');
    return (error as Error).message;
  }
}

const header = `Invalid configuration in ${FILE}:`;

describe('validateConfig: bad shapes', () => {
  it('unknown top-level key, with a suggestion', () => {
    expect(messageFor({ rulez: {} })).toBe(`${header}\n  • rulez: unknown key. Did you mean "rules"?`);
  });

  it('unknown key with nothing close lists the allowed keys', () => {
    expect(messageFor({ banana: 1 })).toBe(
      `${header}\n  • banana: unknown key. Allowed keys: $schema, $comment, services, include, exclude, owners, rules, ignore, workers.`,
    );
  });

  it('unknown rule id, with a suggestion, and a misspelt severity', () => {
    expect(messageFor({ rules: { 'multiple-owner': 'error', 'no-consumer': 'warning' } })).toBe(
      [
        header,
        '  • rules.no-consumer: expected one of "off", "warn", "error", received a string ("warning"). Did you mean "warn"?',
        '  • rules.multiple-owner: unknown rule id. Did you mean "multiple-owners"?',
      ].join('\n'),
    );
  });

  it('wrong types, with what was received', () => {
    expect(messageFor({ include: 'src/**', exclude: [1], owners: { 'emails:send': 3 } })).toBe(
      [
        header,
        '  • include: expected an array, received a string ("src/**")',
        '  • exclude[0]: expected a string, received a number (1)',
        '  • owners["emails:send"]: expected a string, received a number (3)',
      ].join('\n'),
    );
  });

  it('services: either globs or { root, entry }, and the inner error when the shape is right', () => {
    expect(messageFor({ services: { api: 5, web: { root: 1, entri: [] }, empty: [], noRoot: {} } })).toBe(
      [
        header,
        '  • services.api: expected an array of globs or an object { root, entry? }, received a number (5)',
        '  • services.web.root: expected a string, received a number (1)',
        '  • services.web.entri: unknown key. Did you mean "entry"?',
        '  • services.empty: list at least one glob',
        '  • services.noRoot.root: is required (expected a string)',
      ].join('\n'),
    );
  });

  it('ignore entries need a known rule and a non-empty reason', () => {
    expect(messageFor({ ignore: [{ rule: 'no-consumr', queue: 'x' }, { rule: 'no-consumer', reason: '  ' }, 'x'] })).toBe(
      [
        header,
        '  • ignore[0].rule: unknown rule id "no-consumr". Did you mean "no-consumer"?',
        '  • ignore[0].reason: is required (expected a string)',
        '  • ignore[1].reason: give a reason: why is this finding acceptable?',
        '  • ignore[2]: expected an object, received a string ("x")',
      ].join('\n'),
    );
  });

  it('workers declarations', () => {
    expect(messageFor({ workers: [{ module: 'm', export: 'e', role: 'both', queueArg: -1, procesorArg: 1 }] })).toBe(
      [
        header,
        '  • workers[0].role: expected one of "consumer", "producer", received a string ("both")',
        '  • workers[0].queueArg: argument indexes are 0-based and cannot be negative',
        '  • workers[0].procesorArg: unknown key. Did you mean "processorArg"?',
      ].join('\n'),
    );
  });

  it('an empty owners key', () => {
    expect(messageFor({ owners: { '': 'api' } })).toBe(`${header}\n  • owners[""]: invalid key: a queue must not be empty`);
  });

  it('a config that is not an object', () => {
    expect(messageFor([])).toBe(`${header}\n  • (root): expected an object, received an array`);
  });

  it('invalid globs (checked after the schema, with picomatch)', () => {
    expect(messageFor({ include: ['src/[abc'], services: { api: ['apps/(api'] } })).toBe(
      [
        header,
        '  • include[0]: invalid glob "src/[abc": Missing closing: "]" - use "\\\\]" to match literal characters',
        '  • services.api[0]: invalid glob "apps/(api": Missing closing: ")" - use "\\\\)" to match literal characters',
      ].join('\n'),
    );
  });
});

describe('validateConfig: good config', () => {
  it('fills defaults and keeps only given optional keys', () => {
    const config = validateConfig(
      {
        $schema: './node_modules/job-owners/schema.json',
        services: { api: { root: 'apps/api' } },
        ignore: [{ rule: 'no-consumer', queue: 'emails', reason: ' partner consumes it ' }],
        workers: [{ module: '@acme/q', export: 'createWorker', role: 'consumer', queueArg: 0 }],
      },
      FILE,
    );
    expect(config).toEqual({
      filepath: FILE,
      services: { api: { root: 'apps/api' } },
      include: [],
      exclude: [],
      owners: {},
      rules: {},
      ignore: [{ rule: 'no-consumer', queue: 'emails', reason: 'partner consumes it' }],
      workers: [{ module: '@acme/q', export: 'createWorker', role: 'consumer', queueArg: 0 }],
    });
    expect('job' in config.ignore[0]!).toBe(false);
  });
});

describe('loadConfig reports schema errors with the file path', () => {
  it('shows the path relative to the working directory when inside it, else absolute', async () => {
    const root = tempRepo({ '.jobownershiprc.yaml': 'rules:\n  orphan-handlers: off\n' });
    const error = await loadConfig({ cwd: root }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Invalid configuration in ${path.join(root, '.jobownershiprc.yaml')}:\n  • rules.orphan-handlers: unknown rule id. Did you mean "orphan-handler"?`,
    );
  });
});
