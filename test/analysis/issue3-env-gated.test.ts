/**
 * Issue #3: env-gated providers are still consumers (with conditions); dynamic modules,
 * const arrays, forwardRef and { provide, useClass } all reach processors
 * (fixtures/issue3-env-gated, see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const SRC = 'apps/media/src';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-env-gated') });
});

const nest = (file: string, extra: { conditions?: string[] } = {}) => ({
  service: 'media',
  file: `${SRC}/${file}`,
  line: 5,
  column: 1,
  kind: 'nest-processor' as const,
  library: 'bullmq' as const,
  handles: '*' as const,
  attribution: 'nest-module' as const,
  ...extra,
});

describe('issue3-env-gated', () => {
  it('has one service, media, owning all five queues', () => {
    expect(serviceViews(result)).toEqual([{ name: 'media', root: 'apps/media', source: 'workspace' }]);
    expect(result.queues.map((q) => [q.queue, q.owner])).toEqual([
      ['catalog-export', 'media'],
      ['catalog-import', 'media'],
      ['cleanup', 'media'],
      ['thumbnails', 'media'],
      ['webhooks', 'media'],
    ]);
  });

  it('keeps `providers: cond ? [P] : []` as a consumer with its condition', () => {
    expect(consumers(queueNamed(result, 'catalog-import'))).toEqual([
      nest('imports/import.processor.ts', { conditions: ["process.env.APP_ROLE === 'worker'"] }),
    ]);
  });

  it('keeps `...(isWorker ? [P] : [])` as a consumer; the condition is its source text', () => {
    expect(consumers(queueNamed(result, 'catalog-export'))).toEqual([
      nest('exports/export.processor.ts', { conditions: ['isWorker'] }),
    ]);
  });

  it('negates the condition for a processor in the else branch', () => {
    expect(consumers(queueNamed(result, 'webhooks'))).toEqual([
      nest('webhooks/webhook.processor.ts', { conditions: ['!(process.env.DISABLE_WEBHOOK_WORKER)'] }),
    ]);
  });

  it('follows QueueModule.forRoot() into the returned { module, imports, providers } (a const array)', () => {
    expect(consumers(queueNamed(result, 'thumbnails'))).toEqual([nest('queue/thumb.processor.ts')]);
  });

  it('follows forwardRef(() => JobsModule) and { provide, useClass }', () => {
    expect(consumers(queueNamed(result, 'cleanup'))).toEqual([nest('jobs/cleanup.processor.ts')]);
  });

  it('sees the producers', () => {
    const all = result.queues.flatMap((q) => producerViews(q).map((p) => ({ queue: q.queue, ...p })));
    expect(all).toEqual([
      { queue: 'catalog-export', service: 'media', file: `${SRC}/exports/exports.service.ts`, line: 11, column: 11, kind: 'add', library: 'bullmq', job: 'export-csv' },
      { queue: 'catalog-import', service: 'media', file: `${SRC}/imports/imports.controller.ts`, line: 12, column: 23, kind: 'add', library: 'bullmq', job: 'import-csv' },
      { queue: 'cleanup', service: 'media', file: `${SRC}/jobs/cleanup.scheduler.ts`, line: 11, column: 11, kind: 'scheduler', library: 'bullmq', job: 'purge-tmp' },
      { queue: 'thumbnails', service: 'media', file: `${SRC}/queue/thumbnails.service.ts`, line: 11, column: 11, kind: 'add', library: 'bullmq', job: 'thumbnail' },
      { queue: 'webhooks', service: 'media', file: `${SRC}/webhooks/webhooks.service.ts`, line: 11, column: 11, kind: 'add', library: 'bullmq', job: 'deliver-webhook' },
    ]);
  });

  it('maps every job type to media', () => {
    expect(jobViews(result).map((j) => [j.queue, j.name, j.status, j.handlers.join()])).toEqual([
      ['catalog-export', 'export-csv', 'ok', 'media'],
      ['catalog-import', 'import-csv', 'ok', 'media'],
      ['cleanup', 'purge-tmp', 'ok', 'media'],
      ['thumbnails', 'thumbnail', 'ok', 'media'],
      ['webhooks', 'deliver-webhook', 'ok', 'media'],
    ]);
  });

  it('reports nothing: no unregistered-processor, no no-consumer', () => {
    expect(findingViews(result)).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });
});
