/**
 * Issue #3: several @nestjs/bull processor classes of one app on one queue share one Bull Queue
 * instance; their @Process handlers merge, so there is no duplicate-consumer. A listener-only
 * @Processor class is not a consumer (fixtures/issue3-nest-bull-merge, see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const DIR = 'apps/media/src/media';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-nest-bull-merge') });
});

describe('issue3-nest-bull-merge', () => {
  it('has one service and one Bull queue, media, owned by media', () => {
    expect(serviceViews(result)).toEqual([{ name: 'media', root: 'apps/media', source: 'workspace' }]);
    expect(result.queues.map((q) => q.queue)).toEqual(['media']);
    const q = queueNamed(result, 'media');
    expect(q.library).toBe('bull');
    expect(q.prefix).toBe('bull');
    expect(q.owner).toBe('media');
  });

  it('sees the two @Process classes (not the listener-only class) as nest-processor consumers', () => {
    expect(consumers(queueNamed(result, 'media'))).toEqual([
      {
        service: 'media',
        file: `${DIR}/resize.processor.ts`,
        line: 6,
        column: 1,
        kind: 'nest-processor',
        library: 'bull',
        handles: ['resize'],
        unhandled: 'throws',
        attribution: 'nest-module',
      },
      {
        service: 'media',
        file: `${DIR}/transcode.processor.ts`,
        line: 5,
        column: 1,
        kind: 'nest-processor',
        library: 'bull',
        handles: ['transcode'],
        unhandled: 'throws',
        attribution: 'nest-module',
      },
    ]);
  });

  it('reads @Process(\'resize\') and @Process({ name: \'transcode\', concurrency: 2 }) as handled names', () => {
    const evidence = queueNamed(result, 'media')
      .consumers.flatMap((c) => c.evidence.map((e) => `${e.name} ${e.file}:${e.line}:${e.column}`))
      .sort();
    expect(evidence).toEqual([`resize ${DIR}/resize.processor.ts:10:3`, `transcode ${DIR}/transcode.processor.ts:7:3`]);
  });

  it('sees both producers', () => {
    expect(producerViews(queueNamed(result, 'media'))).toEqual([
      { service: 'media', file: `${DIR}/media.service.ts`, line: 11, column: 11, kind: 'add', library: 'bull', job: 'resize' },
      { service: 'media', file: `${DIR}/media.service.ts`, line: 15, column: 11, kind: 'add', library: 'bull', job: 'transcode' },
    ]);
  });

  it('handles both produced names through the merged dispatch table', () => {
    expect(jobViews(result)).toEqual([
      { queue: 'media', name: 'resize', producers: ['media'], receivers: ['media'], handlers: ['media'], status: 'ok' },
      { queue: 'media', name: 'transcode', producers: ['media'], receivers: ['media'], handlers: ['media'], status: 'ok' },
    ]);
  });

  it('reports nothing: no duplicate-consumer, no unhandled-job, no unregistered-processor for the listener', () => {
    expect(findingViews(result)).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });
});
