/**
 * Look-alikes that are never jobs (fixtures/traps, see its EXPECTED.md): browser and
 * worker_threads Workers, Set#add, dayjs().add, groupmq's Queue/Worker, an in-house queue,
 * QueueEvents, and BullMQ code in *.spec.ts and __tests__/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { findingViews, fixturePath, jobViews } from './helpers.js';

let result: JobOwnersResult;

beforeAll(async () => {
  result = await analyze({ root: fixturePath('traps') });
});

describe('traps', () => {
  it('finds the api service and the shared library', () => {
    expect(result.services.find((s) => s.name === 'api')).toMatchObject({
      root: 'apps/api',
      source: 'workspace',
      kind: 'service',
    });
    const shared = result.services.find((s) => s.name === '@lumen/shared');
    // A library is listed only when a fact is attributed to it; the traps produce none.
    expect(shared).toBeUndefined();
  });

  it('finds no queue at all', () => {
    expect(result.queues.map((q) => q.queue)).toEqual([]);
  });

  it('finds no job type', () => {
    expect(jobViews(result)).toEqual([]);
  });

  it('reports nothing', () => {
    expect(findingViews(result)).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });
});
