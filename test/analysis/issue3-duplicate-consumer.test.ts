/**
 * Issue #3: two different consumer definitions on one queue inside one service warn
 * (duplicate-consumer); replicas of one definition started in a loop do not
 * (fixtures/issue3-duplicate-consumer, see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const MAIN = 'apps/exporter/src/main.ts';
const LEGACY = 'apps/exporter/src/legacy.ts';
const API = 'apps/api/src/main.ts';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-duplicate-consumer') });
});

const worker = (file: string, line: number, column: number) => ({
  service: 'exporter',
  file,
  line,
  column,
  kind: 'worker' as const,
  library: 'bullmq' as const,
  handles: '*' as const,
  attribution: 'package' as const,
});

describe('issue3-duplicate-consumer', () => {
  it('finds api and exporter; both queues are owned by exporter', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'exporter', root: 'apps/exporter', source: 'workspace' },
    ]);
    expect(result.queues.map((q) => [q.queue, q.owner])).toEqual([
      ['exports', 'exporter'],
      ['imports', 'exporter'],
    ]);
  });

  it('lists both definitions on exports', () => {
    const q = queueNamed(result, 'exports');
    expect(consumers(q)).toEqual([worker(LEGACY, 6, 35), worker(MAIN, 7, 29)]);
    expect(new Set(q.consumers.map((c) => c.definition)).size).toBe(2);
  });

  it('lists the loop as one definition on imports', () => {
    expect(consumers(queueNamed(result, 'imports'))).toEqual([worker(MAIN, 11, 3)]);
  });

  it('sees the api producers', () => {
    expect(producerViews(queueNamed(result, 'exports'))).toEqual([
      { service: 'api', file: API, line: 9, column: 37, kind: 'add', library: 'bullmq', job: 'export-orders' },
    ]);
    expect(producerViews(queueNamed(result, 'imports'))).toEqual([
      { service: 'api', file: API, line: 10, column: 37, kind: 'add', library: 'bullmq', job: 'import-products' },
    ]);
  });

  it('maps both job types to exporter', () => {
    expect(jobViews(result)).toEqual([
      { queue: 'exports', name: 'export-orders', producers: ['api'], receivers: ['exporter'], handlers: ['exporter'], status: 'ok' },
      { queue: 'imports', name: 'import-products', producers: ['api'], receivers: ['exporter'], handlers: ['exporter'], status: 'ok' },
    ]);
  });

  it('warns duplicate-consumer on exports only (no multiple-owners: one service)', () => {
    expect(findingViews(result)).toEqual([
      {
        rule: 'duplicate-consumer',
        severity: 'warn',
        queue: 'exports',
        job: null,
        services: ['exporter'],
        locations: [
          { file: LEGACY, line: 6, column: 35 },
          { file: MAIN, line: 7, column: 29 },
        ],
      },
    ]);
    expect(result.summary).toEqual({ errors: 0, warnings: 1, suppressed: 0 });
  });
});
