/**
 * Every detection form of issue #2 (fixtures/detection-forms, see its EXPECTED.md). Each queue
 * is asserted in its own test so one unsupported form fails on its own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import {
  cmp,
  consumerViews,
  findingViews,
  fixturePath,
  jobViews,
  producerViews,
  queueNamed,
  serviceViews,
  type ConsumerView,
  type JobView,
  type ProducerView,
} from './helpers.js';

let result: JobOwnersResult;

beforeAll(async () => {
  result = await analyze({ root: fixturePath('detection-forms') });
});

interface ExpectedQueue {
  queue: string;
  owner: string | null;
  consumers: ConsumerView[];
  producers: ProducerView[];
}

const api = (file: string, line: number, column: number, kind: ProducerView['kind'], job: string): ProducerView => ({
  service: 'api',
  file: `apps/api/src/${file}`,
  line,
  column,
  kind,
  library: 'bullmq',
  job,
});

const consumer = (
  service: string,
  file: string,
  line: number,
  column: number,
  kind: ConsumerView['kind'],
  handles: string[] | '*',
  unhandled?: ConsumerView['unhandled'],
): ConsumerView => ({
  service,
  file,
  line,
  column,
  kind,
  library: 'bullmq',
  handles,
  ...(unhandled ? { unhandled } : {}),
});

/** Resolved queues, sorted by name. Producers and consumers in file:line:column order. */
const EXPECTED: ExpectedQueue[] = [
  {
    // pathToFileURL(join(here, 'processors', 'loudness.processor.js')), default arrow export.
    queue: 'audio-loudness',
    owner: 'audio',
    consumers: [
      consumer('audio', 'apps/audio/src/main.ts', 17, 24, 'sandboxed', ['measure-loudness'], 'throws'),
    ],
    producers: [api('audio/pipeline.ts', 27, 9, 'add', 'measure-loudness')],
  },
  {
    // new URL('./processors/waveform.processor.js', import.meta.url); no dispatch on the name.
    queue: 'audio-waveforms',
    owner: 'audio',
    consumers: [consumer('audio', 'apps/audio/src/main.ts', 11, 24, 'sandboxed', '*')],
    producers: [api('audio/pipeline.ts', 26, 9, 'add', 'render-waveform')],
  },
  {
    // Q.billing.invoices; `new bullmq.Worker`; processor imported from ./invoice.processor,
    // `const { name } = job`, if-chain with a final throw; addBulk(orders.map(...)).
    queue: 'billing-invoices',
    owner: 'billing',
    consumers: [
      consumer('billing', 'apps/billing/src/main.ts', 19, 30, 'worker', ['issue-invoice', 'void-invoice'], 'throws'),
    ],
    producers: [
      api('billing/invoices.ts', 8, 9, 'add-bulk', 'issue-invoice'),
      api('billing/invoices.ts', 17, 9, 'add', 'void-invoice'),
    ],
  },
  {
    // Same-file function reference dispatching on job.data.type: handles every name.
    // upsertJobScheduler without a template name: the job is named after the scheduler id.
    queue: 'billing-payouts',
    owner: 'billing',
    consumers: [consumer('billing', 'apps/billing/src/main.ts', 24, 29, 'worker', '*')],
    producers: [api('schedules.ts', 12, 9, 'scheduler', 'nightly-payout')],
  },
  {
    // Flow parent node.
    queue: 'book-assembly',
    owner: 'audio',
    consumers: [consumer('audio', 'apps/audio/src/main.ts', 23, 24, 'worker', '*')],
    producers: [api('audio/pipeline.ts', 10, 10, 'flow', 'assemble-book')],
  },
  {
    // const { Worker } = require('bullmq') in a .cjs file; handler map guarded by a throw.
    queue: 'catalog-sync',
    owner: 'sync',
    consumers: [
      consumer('sync', 'apps/sync/src/main.cjs', 13, 16, 'worker', ['sync-catalog', 'sync-prices'], 'throws'),
    ],
    producers: [
      api('routes/admin.ts', 23, 11, 'add', 'sync-catalog'),
      api('routes/admin.ts', 24, 11, 'add', 'sync-prices'),
    ],
  },
  {
    // Flow child and grandchild, both on chapter-renders.
    queue: 'chapter-renders',
    owner: 'audio',
    consumers: [
      consumer('audio', 'apps/audio/src/main.ts', 25, 23, 'worker', ['normalize-audio', 'render-chapter'], 'throws'),
    ],
    producers: [
      api('audio/pipeline.ts', 10, 10, 'flow', 'normalize-audio'),
      api('audio/pipeline.ts', 10, 10, 'flow', 'render-chapter'),
    ],
  },
  {
    // enum QueueName.Mail; `Worker as BullWorker`; `({ name, data })`; names via the @q/* path
    // alias; Queue exported from queues.ts and used in three files; literal addBulk; scheduler
    // with a template name.
    queue: 'mail',
    owner: 'mailer',
    consumers: [
      consumer(
        'mailer',
        'apps/mailer/src/main.ts',
        7,
        27,
        'worker',
        ['request-review', 'send-digest', 'send-receipt', 'send-welcome'],
        'throws',
      ),
    ],
    producers: [
      api('routes/checkout.ts', 12, 11, 'add-bulk', 'request-review'),
      api('routes/checkout.ts', 12, 11, 'add-bulk', 'send-receipt'),
      api('routes/signup.ts', 8, 11, 'add', 'send-welcome'),
      api('schedules.ts', 5, 9, 'scheduler', 'send-digest'),
    ],
  },
  {
    // path.join(__dirname, 'processors', 'thumbnail.processor.js') → src/processors/thumbnail.processor.ts
    queue: 'media-thumbnails',
    owner: 'media',
    consumers: [
      consumer('media', 'apps/media/src/main.ts', 7, 32, 'sandboxed', ['avatar-thumbnail', 'cover-thumbnail'], 'throws'),
    ],
    producers: [
      api('media/uploads.ts', 5, 11, 'add', 'cover-thumbnail'),
      api('media/uploads.ts', 7, 11, 'add', 'avatar-thumbnail'),
    ],
  },
  {
    // `${__dirname}/processors/transcode.processor.js`; if / else if / else throw.
    queue: 'media-transcode',
    owner: 'media',
    consumers: [
      consumer('media', 'apps/media/src/main.ts', 13, 32, 'sandboxed', ['transcode-aac', 'transcode-mp3'], 'throws'),
    ],
    producers: [
      api('media/uploads.ts', 12, 9, 'add', 'transcode-mp3'),
      api('media/uploads.ts', 13, 9, 'add', 'transcode-aac'),
    ],
  },
  {
    // `${PREFIX}-reports`; new Worker(reportsQueue.name, …); unguarded handler map → throws (calling the missing handler raises a TypeError, which fails the job).
    queue: 'nightly-reports',
    owner: 'reports',
    consumers: [
      consumer('reports', 'apps/reports/src/main.ts', 14, 30, 'worker', ['inventory-report', 'sales-report'], 'throws'),
    ],
    producers: [
      api('routes/admin.ts', 8, 23, 'add', 'sales-report'),
      api('routes/admin.ts', 13, 23, 'add', 'inventory-report'),
    ],
  },
];

describe('detection-forms', () => {
  it('finds the seven apps as services (the queues library is not one)', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'audio', root: 'apps/audio', source: 'workspace' },
      { name: 'billing', root: 'apps/billing', source: 'workspace' },
      { name: 'mailer', root: 'apps/mailer', source: 'workspace' },
      { name: 'media', root: 'apps/media', source: 'workspace' },
      { name: 'reports', root: 'apps/reports', source: 'workspace' },
      { name: 'sync', root: 'apps/sync', source: 'workspace' },
    ]);
  });

  it('resolves every queue name, plus one <unresolved> queue', () => {
    expect(result.queues.map((q) => q.queue).filter((name) => name !== '<unresolved>')).toEqual(
      EXPECTED.map((q) => q.queue),
    );
    expect(result.queues.filter((q) => q.queue === '<unresolved>')).toHaveLength(1);
  });

  it.each(EXPECTED.map((q) => [q.queue, q] as const))('queue %s', (name, expected) => {
    const q = queueNamed(result, name);
    expect({ prefix: q.prefix, library: q.library, owner: q.owner }).toEqual({
      prefix: 'bull',
      library: 'bullmq',
      owner: expected.owner,
    });
    expect(consumerViews(q)).toEqual(expected.consumers);
    expect(producerViews(q)).toEqual(expected.producers);
  });

  it('keeps the env-named Worker under <unresolved>, owned by nobody', () => {
    const q = queueNamed(result, '<unresolved>');
    expect(q.owner).toBeNull();
    expect(q.producers).toEqual([]);
    expect(consumerViews(q)).toEqual([consumer('reports', 'apps/reports/src/main.ts', 19, 28, 'worker', '*')]);
  });

  it('maps every produced job type to the single owner of its queue', () => {
    const expectedJobs: JobView[] = EXPECTED.flatMap((q) =>
      [...new Set(q.producers.map((p) => p.job))].map((name) => ({
        queue: q.queue,
        name,
        producers: ['api'],
        receivers: [q.owner!],
        handlers: [q.owner!],
        status: 'ok' as const,
      })),
    ).sort((a, b) => cmp(a.queue, b.queue) || cmp(a.name, b.name));
    expect(expectedJobs).toHaveLength(20);
    expect(jobViews(result)).toEqual(expectedJobs);
  });

  it('reports only the unresolved queue name', () => {
    expect(findingViews(result)).toEqual([
      {
        rule: 'unresolved-name',
        severity: 'warn',
        queue: null,
        job: null,
        services: ['reports'],
        locations: [{ file: 'apps/reports/src/main.ts', line: 19, column: 39 }],
      },
    ]);
    expect(result.summary).toEqual({ errors: 0, warnings: 1, suppressed: 0 });
  });
});
