/**
 * The team's own "fix" (fixtures/audiobook-half-fixed, see its EXPECTED.md): each service now
 * "handles" a different name of the same queue. BullMQ does not route by name, so the queue
 * still has two owners; no name is unhandled, because handlers are computed per service.
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

const API_PROCESSOR = 'apps/api/src/queue/audio-processor.service.ts';
const WORKERS_MAIN = 'apps/workers/src/main.ts';
const QUEUE_SERVICE = 'apps/api/src/queue/queue.service.ts';

let result: JobOwnersResult;

beforeAll(async () => {
  result = await analyze({ root: fixturePath('audiobook-half-fixed') });
});

describe('audiobook-half-fixed', () => {
  it('finds api and workers as services', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'workers', root: 'apps/workers', source: 'workspace' },
    ]);
  });

  it('still has two consumers on audio-processing (the @OnWorkerEvent listener is not one)', () => {
    expect(result.queues.map((q) => q.queue)).toEqual(['audio-processing']);
    const q = queueNamed(result, 'audio-processing');
    expect(q.owner).toBeNull();
    expect(q.library).toBe('bullmq');
    expect(consumerViews(q)).toEqual([
      {
        service: 'api',
        file: API_PROCESSOR,
        line: 7,
        column: 1,
        kind: 'nest-processor',
        library: 'bullmq',
        handles: ['generate-audio'],
        unhandled: 'completes',
      },
      {
        service: 'workers',
        file: WORKERS_MAIN,
        line: 7,
        column: 16,
        kind: 'worker',
        library: 'bullmq',
        handles: ['parse-epub'],
        unhandled: 'throws',
      },
    ]);
  });

  it('keeps the two producers of the API', () => {
    expect(producerViews(queueNamed(result, 'audio-processing'))).toEqual([
      { service: 'api', file: QUEUE_SERVICE, line: 18, column: 23, kind: 'add', library: 'bullmq', job: 'parse-epub' },
      { service: 'api', file: QUEUE_SERVICE, line: 27, column: 23, kind: 'add', library: 'bullmq', job: 'generate-audio' },
    ]);
  });

  it('has both services receiving every job, each name handled by one of them', () => {
    expect(jobViews(result)).toEqual([
      {
        queue: 'audio-processing',
        name: 'generate-audio',
        producers: ['api'],
        receivers: ['api', 'workers'],
        handlers: ['api'],
        status: 'conflict',
      },
      {
        queue: 'audio-processing',
        name: 'parse-epub',
        producers: ['api'],
        receivers: ['api', 'workers'],
        handlers: ['workers'],
        status: 'conflict',
      },
    ]);
  });

  it('reports multiple-owners and silent-completion; no unhandled-job', () => {
    expect(findingViews(result)).toEqual([
      {
        rule: 'multiple-owners',
        severity: 'error',
        queue: 'audio-processing',
        job: null,
        services: ['api', 'workers'],
        locations: [
          { file: API_PROCESSOR, line: 7, column: 1 },
          { file: WORKERS_MAIN, line: 7, column: 16 },
        ],
      },
      {
        rule: 'silent-completion',
        severity: 'warn',
        queue: 'audio-processing',
        job: null,
        services: ['api'],
        locations: [{ file: API_PROCESSOR, line: 7, column: 1 }],
      },
    ]);
    expect(result.summary).toEqual({ errors: 1, warnings: 1, suppressed: 0 });
  });
});
