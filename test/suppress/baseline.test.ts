import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/job-owners-error.js';
import {
  applyBaseline,
  createBaseline,
  pruneBaseline,
  serializeBaseline,
  writeBaseline,
} from '../../src/suppress/baseline.js';
import { parseBaseline, readBaseline } from '../../src/suppress/baseline-file.js';
import { finding } from './findings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'job-owners-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const owners = finding('multiple-owners', { job: null, queue: 'audio', services: ['workers', 'api'], at: ['apps/api/src/a.ts', 5] });
const orphan = finding('orphan-handler', { queue: 'audio', job: 'legacy', services: ['workers'], severity: 'warn' });
const noConsumer = finding('no-consumer', { queue: 'emails', job: 'send', services: ['api'] });

describe('createBaseline / serializeBaseline', () => {
  it('keys entries by identity with sorted services, sorted entries, fixed key order, trailing newline', () => {
    const text = serializeBaseline(createBaseline([orphan, owners, noConsumer]));
    expect(text).toBe(
      [
        '{',
        '  "version": 1,',
        '  "findings": [',
        '    {',
        '      "rule": "multiple-owners",',
        '      "queue": "audio",',
        '      "job": null,',
        '      "services": [',
        '        "api",',
        '        "workers"',
        '      ]',
        '    },',
        '    {',
        '      "rule": "no-consumer",',
        '      "queue": "emails",',
        '      "job": "send",',
        '      "services": [',
        '        "api"',
        '      ]',
        '    },',
        '    {',
        '      "rule": "orphan-handler",',
        '      "queue": "audio",',
        '      "job": "legacy",',
        '      "services": [',
        '        "workers"',
        '      ]',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('is independent of input order', () => {
    expect(serializeBaseline(createBaseline([noConsumer, orphan, owners]))).toBe(serializeBaseline(createBaseline([owners, noConsumer, orphan])));
  });
});

describe('applyBaseline', () => {
  it('suppresses known findings regardless of line, message or service order', () => {
    const baseline = createBaseline([owners, noConsumer]);
    const moved = { ...owners, services: ['api', 'workers'], message: 'reworded', locations: [{ file: 'apps/api/src/a.ts', line: 99, column: 1 }] };
    const outcome = applyBaseline([moved, orphan, noConsumer], baseline);
    expect(outcome.suppressed).toEqual([moved, noConsumer]);
    expect(outcome.kept).toEqual([orphan]);
    expect(outcome.stale).toEqual([]);
  });

  it('a new service on a known conflict is a new finding', () => {
    const outcome = applyBaseline([{ ...owners, services: ['api', 'billing', 'workers'] }], createBaseline([owners]));
    expect(outcome.kept).toHaveLength(1);
    expect(outcome.stale).toEqual([{ rule: 'multiple-owners', queue: 'audio', job: null, services: ['api', 'workers'] }]);
  });

  it('matches each entry at most once (multiset)', () => {
    const outcome = applyBaseline([noConsumer, noConsumer, noConsumer], createBaseline([noConsumer, noConsumer]));
    expect(outcome.suppressed).toHaveLength(2);
    expect(outcome.kept).toHaveLength(1);
    expect(outcome.stale).toEqual([]);
  });

  it('reports entries that no finding matches as stale', () => {
    const outcome = applyBaseline([noConsumer], createBaseline([noConsumer, noConsumer, orphan]));
    expect(outcome.stale).toEqual([
      { rule: 'no-consumer', queue: 'emails', job: 'send', services: ['api'] },
      { rule: 'orphan-handler', queue: 'audio', job: 'legacy', services: ['workers'] },
    ]);
  });

  it('pruneBaseline drops stale entries and adds nothing', () => {
    const baseline = createBaseline([noConsumer, noConsumer, orphan]);
    expect(pruneBaseline(baseline, [noConsumer, owners])).toEqual(createBaseline([noConsumer]));
  });
});

describe('readBaseline / writeBaseline', () => {
  it('round-trips through the file', async () => {
    const file = path.join(dir, 'job-owners-baseline.json');
    const baseline = createBaseline([owners, orphan]);
    await writeBaseline(file, baseline);
    expect(await readBaseline(file)).toEqual(baseline);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
  });

  async function readError(file: string): Promise<UsageError> {
    const error = await readBaseline(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('JO-BASE-001');
    return error as UsageError;
  }

  it('a missing file says how to create it', async () => {
    const file = path.join(dir, 'nope.json');
    expect((await readError(file)).message).toBe(`Cannot read baseline ${file}: it does not exist. Create it with --update-baseline.`);
  });

  it('invalid JSON', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "version": 1, ');
    expect((await readError(file)).message).toBe(
      `Baseline ${file} is not valid JSON (line 1, column 17: Expected double-quoted property name). Regenerate it with --update-baseline.`,
    );
  });

  it('valid JSON of the wrong shape', () => {
    expect(() => parseBaseline('{ "version": 2, "findings": [] }', 'b.json')).toThrow(
      'Baseline b.json is not a job-owners baseline (expected { "version": 1, "findings": [{ rule, queue, job, services }] }). Regenerate it with --update-baseline.',
    );
  });
});
