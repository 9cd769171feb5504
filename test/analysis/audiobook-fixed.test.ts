/**
 * One owner per queue (fixtures/audiobook-fixed, see its EXPECTED.md): the API only produces
 * (plus a @QueueEventsListener, which is not a consumer); workers own both queues.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import {
  consumerViews,
  findingViews,
  fixturePath,
  jobViews,
  producerViews,
  queueNamed,
  serviceViews,
} from './helpers.js';

const QUEUE_SERVICE = 'apps/api/src/queue/queue.service.ts';

let result: JobOwnersResult;

beforeAll(async () => {
  result = await analyze({ root: fixturePath('audiobook-fixed') });
});

describe('audiobook-fixed', () => {
  it('finds api and workers as services', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'workers', root: 'apps/workers', source: 'workspace' },
    ]);
  });

  it('has two queues, each owned by workers', () => {
    expect(result.queues.map((q) => ({ queue: q.queue, prefix: q.prefix, library: q.library, owner: q.owner }))).toEqual([
      { queue: 'audio-processing', prefix: 'bull', library: 'bullmq', owner: 'workers' },
      { queue: 'epub-parsing', prefix: 'bull', library: 'bullmq', owner: 'workers' },
    ]);
  });

  it('audio-processing: one Worker in workers, one producer in api', () => {
    const q = queueNamed(result, 'audio-processing');
    expect(consumerViews(q)).toEqual([
      {
        service: 'workers',
        file: 'apps/workers/src/workers/audio-generation.worker.ts',
        line: 6,
        column: 38,
        kind: 'worker',
        library: 'bullmq',
        handles: ['generate-audio'],
        unhandled: 'throws',
      },
    ]);
    expect(producerViews(q)).toEqual([
      { service: 'api', file: QUEUE_SERVICE, line: 31, column: 23, kind: 'add', library: 'bullmq', job: 'generate-audio' },
    ]);
  });

  it('epub-parsing: one Worker in workers, one producer in api', () => {
    const q = queueNamed(result, 'epub-parsing');
    expect(consumerViews(q)).toEqual([
      {
        service: 'workers',
        file: 'apps/workers/src/workers/epub-parsing.worker.ts',
        line: 6,
        column: 34,
        kind: 'worker',
        library: 'bullmq',
        handles: ['parse-epub'],
        unhandled: 'throws',
      },
    ]);
    expect(producerViews(q)).toEqual([
      { service: 'api', file: QUEUE_SERVICE, line: 22, column: 23, kind: 'add', library: 'bullmq', job: 'parse-epub' },
    ]);
  });

  it('maps every job type to workers alone', () => {
    expect(jobViews(result)).toEqual([
      {
        queue: 'audio-processing',
        name: 'generate-audio',
        producers: ['api'],
        receivers: ['workers'],
        handlers: ['workers'],
        status: 'ok',
      },
      {
        queue: 'epub-parsing',
        name: 'parse-epub',
        producers: ['api'],
        receivers: ['workers'],
        handlers: ['workers'],
        status: 'ok',
      },
    ]);
  });

  it('reports nothing', () => {
    expect(findingViews(result)).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });
});
