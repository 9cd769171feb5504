/**
 * The incident of SPEC §1 (fixtures/audiobook-incident, see its EXPECTED.md): a live NestJS
 * processor in the API and a plain Worker in the workers service on one BullMQ queue.
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

const API_PROCESSOR = 'apps/api/src/queue/epub-processor.service.ts';
const WORKERS_MAIN = 'apps/workers/src/main.ts';
const QUEUE_SERVICE = 'apps/api/src/queue/queue.service.ts';

let result: JobOwnersResult;

beforeAll(async () => {
  result = await analyze({ root: fixturePath('audiobook-incident') });
});

describe('audiobook-incident', () => {
  it('returns a schemaVersion 1 result', () => {
    expect(result.schemaVersion).toBe(1);
    expect(result.tool.name).toBe('job-owners');
  });

  it('finds the two apps as services and the contracts package as a library', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'workers', root: 'apps/workers', source: 'workspace' },
    ]);
    const contracts = result.services.find((s) => s.name === '@audiobook/contracts');
    // Only constants live there: no fact is attributed to the library, so it is not listed.
    expect(contracts).toBeUndefined();
  });

  it('has exactly one queue, audio-processing, with no single owner', () => {
    expect(result.queues.map((q) => q.queue)).toEqual(['audio-processing']);
    const q = queueNamed(result, 'audio-processing');
    expect(q.prefix).toBe('bull');
    expect(q.library).toBe('bullmq');
    expect(q.owner).toBeNull();
  });

  it('sees the live Nest processor in api and the Worker in workers', () => {
    expect(consumerViews(queueNamed(result, 'audio-processing'))).toEqual([
      {
        service: 'api',
        file: API_PROCESSOR,
        line: 6,
        column: 1,
        kind: 'nest-processor',
        library: 'bullmq',
        handles: ['parse-epub'],
        unhandled: 'completes',
      },
      {
        service: 'workers',
        file: WORKERS_MAIN,
        line: 7,
        column: 16,
        kind: 'worker',
        library: 'bullmq',
        handles: ['generate-audio', 'parse-epub'],
        unhandled: 'throws',
      },
    ]);
  });

  it('records where each handled name was seen', () => {
    const q = queueNamed(result, 'audio-processing');
    const evidence = (service: string) =>
      q.consumers
        .find((c) => c.service === service)!
        .evidence.map((e) => ({ name: e.name, file: e.file, line: e.line }))
        .sort((a, b) => a.line - b.line);
    expect(evidence('api')).toEqual([{ name: 'parse-epub', file: API_PROCESSOR, line: 11 }]);
    expect(evidence('workers')).toEqual([
      { name: 'parse-epub', file: WORKERS_MAIN, line: 11 },
      { name: 'generate-audio', file: WORKERS_MAIN, line: 13 },
    ]);
  });

  it('sees both @InjectQueue producers in api (and not the Set#add in BooksService)', () => {
    expect(producerViews(queueNamed(result, 'audio-processing'))).toEqual([
      { service: 'api', file: QUEUE_SERVICE, line: 18, column: 23, kind: 'add', library: 'bullmq', job: 'parse-epub' },
      { service: 'api', file: QUEUE_SERVICE, line: 27, column: 23, kind: 'add', library: 'bullmq', job: 'generate-audio' },
    ]);
  });

  it('maps each job type to every receiving service and its handlers', () => {
    expect(jobViews(result)).toEqual([
      {
        queue: 'audio-processing',
        name: 'generate-audio',
        producers: ['api'],
        receivers: ['api', 'workers'],
        handlers: ['workers'],
        status: 'conflict',
      },
      {
        queue: 'audio-processing',
        name: 'parse-epub',
        producers: ['api'],
        receivers: ['api', 'workers'],
        handlers: ['api', 'workers'],
        status: 'conflict',
      },
    ]);
  });

  it('reports multiple-owners and silent-completion, and nothing else', () => {
    expect(findingViews(result)).toEqual([
      {
        rule: 'multiple-owners',
        severity: 'error',
        queue: 'audio-processing',
        job: null,
        services: ['api', 'workers'],
        locations: [
          { file: API_PROCESSOR, line: 6, column: 1 },
          { file: WORKERS_MAIN, line: 7, column: 16 },
        ],
      },
      {
        rule: 'silent-completion',
        severity: 'warn',
        queue: 'audio-processing',
        job: null,
        services: ['api'],
        locations: [{ file: API_PROCESSOR, line: 6, column: 1 }],
      },
    ]);
    for (const f of result.findings) expect(f.message.trim()).not.toBe('');
  });

  it('counts one error and one warning', () => {
    expect(result.summary).toEqual({ errors: 1, warnings: 1, suppressed: 0 });
  });
});
