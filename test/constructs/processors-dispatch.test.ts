/**
 * What a consumer handles and where it runs: processors wrapped by a helper, an early `if`
 * followed by a `switch` (one dispatch), schedulers upserted in a loop over a static array
 * (BullMQ names a scheduler's jobs `jobTemplate?.name ?? jobSchedulerId`), Bull `add(data, opts)`
 * (`__default__`) through a wrapper, a shared Bull queue consumed only where `.process()` is
 * called, and `require.main === module` guards.
 *
 * `handles` rows are `[service, 'file:line', handles, unhandled]`. Bull's `add(data, opts)` wrapper
 * producers are located at the wrapper's caller: the first argument, the wrapper's parameter,
 * decides whether Bull sees a name or `__default__`, so the caller supplies the job name.
 */
import { app, type ConstructCase, type ProducerRow, runCases } from './table.js';

const WRAP = `import type { Job } from 'bullmq';
export const wrap = (processor: (job: Job) => Promise<unknown>, queue: string) => async (job: Job) => {
  console.log('start', queue, job.id);
  return processor(job);
};`;

const PROCESS_MAIL = `import type { Job } from 'bullmq';
export async function processMail(job: Job) {
  switch (job.name) {
    case 'welcome': return 1;
    case 'reset': return 2;
    default: throw new Error(\`unknown job \${job.name}\`);
  }
}`;

/** The API adds three jobs to `media`: probe, resize, crop (lines 3–5). */
const MEDIA_PRODUCER = `import { Queue } from 'bullmq';
const media = new Queue('media', { connection: {} });
void media.add('probe', {});
void media.add('resize', {});
void media.add('crop', {});`;
const MEDIA_PRODUCERS: ProducerRow[] = [
  ['api', 'probe', 'apps/api/src/main.ts:3'],
  ['api', 'resize', 'apps/api/src/main.ts:4'],
  ['api', 'crop', 'apps/api/src/main.ts:5'],
];

const CASES: ConstructCase[] = [
  {
    name: 'new Worker(q, wrap(processor, q)): the wrapped processor dispatch is the consumer dispatch',
    files: {
      'apps/worker/src/wrap.ts': WRAP,
      'apps/worker/src/mail.ts': PROCESS_MAIL,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { wrap } from './wrap';
import { processMail } from './mail';
const q = 'mail';
new Worker(q, wrap(processMail, q), { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const mail = new Queue('mail', { connection: {} });
void mail.add('welcome', {});
void mail.add('reset', {});`,
    },
    expect: {
      queues: [
        [
          'mail',
          [['worker', 'apps/worker/src/main.ts:5']],
          [
            ['api', 'welcome', 'apps/api/src/main.ts:3'],
            ['api', 'reset', 'apps/api/src/main.ts:4'],
          ],
        ],
      ],
      handles: { mail: [['worker', 'apps/worker/src/main.ts:5', 'reset,welcome', 'throws']] },
    },
  },
  {
    name: 'a job the wrapped processor does not handle is unhandled-job (it throws)',
    files: {
      'apps/worker/src/wrap.ts': WRAP,
      'apps/worker/src/mail.ts': PROCESS_MAIL,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { wrap } from './wrap';
import { processMail } from './mail';
new Worker('mail', wrap(processMail, 'mail'), { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const mail = new Queue('mail', { connection: {} });
void mail.add('welcome', {});
void mail.add('reset', {});
void mail.add('digest', {});`,
    },
    expect: {
      queues: [
        [
          'mail',
          [['worker', 'apps/worker/src/main.ts:4']],
          [
            ['api', 'welcome', 'apps/api/src/main.ts:3'],
            ['api', 'reset', 'apps/api/src/main.ts:4'],
            ['api', 'digest', 'apps/api/src/main.ts:5'],
          ],
        ],
      ],
      handles: { mail: [['worker', 'apps/worker/src/main.ts:4', 'reset,welcome', 'throws']] },
      findings: [['unhandled-job', 'mail', 'digest']],
    },
  },
  {
    name: 'a leading `if (job.name === X) { …; return; }` then a switch without default: all names handled, others complete',
    files: {
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
new Worker('media', async (job) => {
  if (job.name === 'probe') {
    console.log('probing', job.id);
    return;
  }
  switch (job.name) {
    case 'resize': return 'resized';
    case 'crop': return 'cropped';
  }
}, { connection: {} });`,
      'apps/api/src/main.ts': MEDIA_PRODUCER,
    },
    expect: {
      queues: [
        [
          'media',
          [['worker', 'apps/worker/src/main.ts:2']],
          MEDIA_PRODUCERS,
        ],
      ],
      handles: { media: [['worker', 'apps/worker/src/main.ts:2', 'crop,probe,resize', 'completes']] },
      findings: [['silent-completion', 'media', null]],
    },
  },
  {
    name: 'a leading `if` then a switch whose default throws: every name handled, no finding',
    files: {
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
new Worker('media', async (job) => {
  if (job.name === 'probe') {
    console.log('probing', job.id);
    return;
  }
  switch (job.name) {
    case 'resize': return 'resized';
    default: throw new Error(\`unexpected \${job.name}\`);
  }
}, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const media = new Queue('media', { connection: {} });
void media.add('probe', {});
void media.add('resize', {});`,
    },
    expect: {
      queues: [
        [
          'media',
          [['worker', 'apps/worker/src/main.ts:2']],
          [
            ['api', 'probe', 'apps/api/src/main.ts:3'],
            ['api', 'resize', 'apps/api/src/main.ts:4'],
          ],
        ],
      ],
      handles: { media: [['worker', 'apps/worker/src/main.ts:2', 'probe,resize', 'throws']] },
    },
  },
  {
    name: 'a Nest WorkerHost with a leading if and a switch: the same dispatch, at the @Processor',
    files: {
      'apps/worker/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.createApplicationContext(AppModule);`,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { MediaProcessor } from './media.processor';
@Module({ imports: [BullModule.registerQueue({ name: 'media' })], providers: [MediaProcessor] })
export class AppModule {}`,
      'apps/worker/src/media.processor.ts': `import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
@Processor('media')
export class MediaProcessor extends WorkerHost {
  async process(job: Job) {
    if (job.name === 'probe') { return this.probe(); }
    switch (job.name) {
      case 'resize': return 'resized';
      case 'crop': return 'cropped';
    }
  }
  private probe() { return 'probed'; }
}`,
      'apps/api/src/main.ts': MEDIA_PRODUCER,
    },
    expect: {
      queues: [
        [
          'media',
          [['worker', 'apps/worker/src/media.processor.ts:3']],
          MEDIA_PRODUCERS,
        ],
      ],
      handles: { media: [['worker', 'apps/worker/src/media.processor.ts:3', 'crop,probe,resize', 'completes']] },
      findings: [['silent-completion', 'media', null]],
    },
  },
  {
    name: 'for (const job of JOBS) queue.upsertJobScheduler(job.type, …, { name: job.type }): one scheduler per entry',
    files: {
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
const JOBS = [
  { type: 'cleanup', every: 60_000 },
  { type: 'digest', every: 3_600_000 },
] as const;
const queue = new Queue('maintenance', { connection: {} });
for (const job of JOBS) {
  void queue.upsertJobScheduler(job.type, { every: job.every }, { name: job.type, data: {} });
}
new Worker('maintenance', async (job) => {
  switch (job.name) {
    case 'cleanup': return 1;
    case 'digest': return 2;
    default: throw new Error(job.name);
  }
}, { connection: {} });`,
    },
    expect: {
      queues: [
        [
          'maintenance',
          [['worker', 'apps/worker/src/main.ts:10']],
          [
            ['worker', 'cleanup', 'apps/worker/src/main.ts:8'],
            ['worker', 'digest', 'apps/worker/src/main.ts:8'],
          ],
        ],
      ],
      handles: { maintenance: [['worker', 'apps/worker/src/main.ts:10', 'cleanup,digest', 'throws']] },
    },
  },
  {
    name: 'upsertJobScheduler(job.type, repeat) without a template names its jobs after the scheduler id',
    files: {
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
const JOBS = [{ type: 'cleanup' }, { type: 'digest' }];
const queue = new Queue('maintenance', { connection: {} });
for (const job of JOBS) void queue.upsertJobScheduler(job.type, { every: 60_000 });
new Worker('maintenance', async (job) => {
  switch (job.name) {
    case 'cleanup': return 1;
    default: throw new Error(job.name);
  }
}, { connection: {} });`,
    },
    expect: {
      queues: [
        [
          'maintenance',
          [['worker', 'apps/worker/src/main.ts:5']],
          [
            ['worker', 'cleanup', 'apps/worker/src/main.ts:4'],
            ['worker', 'digest', 'apps/worker/src/main.ts:4'],
          ],
        ],
      ],
      handles: { maintenance: [['worker', 'apps/worker/src/main.ts:5', 'cleanup', 'throws']] },
      findings: [['unhandled-job', 'maintenance', 'digest']],
    },
  },
  {
    name: 'Bull `queue.add(data, opts)` through a wrapper is the `__default__` job, consumed by `.process(fn)`',
    files: {
      'apps/worker/src/main.ts': `import Queue from 'bull';
const reports = new Queue('reports', 'redis://localhost:6379');
reports.process(async (job) => job.data);`,
      'apps/api/src/main.ts': `import Queue from 'bull';
const reports = new Queue('reports', 'redis://localhost:6379');
function enqueueReport(data: { id: number }) {
  return reports.add(data, { attempts: 3 });
}
void enqueueReport({ id: 1 });`,
    },
    expect: {
      queues: [['reports', [['worker', 'apps/worker/src/main.ts:3']], [['api', '__default__', 'apps/api/src/main.ts:6']]]],
      handles: { reports: [['worker', 'apps/worker/src/main.ts:3', '__default__', 'throws']] },
    },
  },
  {
    name: 'Bull `add(data, opts)` through a wrapper reaching a consumer with only named handlers is unhandled',
    files: {
      'apps/worker/src/main.ts': `import Queue from 'bull';
const reports = new Queue('reports', 'redis://localhost:6379');
reports.process('monthly', async (job) => job.data);`,
      'apps/api/src/main.ts': `import Queue from 'bull';
const reports = new Queue('reports', 'redis://localhost:6379');
const enqueue = (data: object) => reports.add(data, { removeOnComplete: true });
void reports.add('monthly', {});
void enqueue({ id: 1 });`,
    },
    expect: {
      queues: [
        [
          'reports',
          [['worker', 'apps/worker/src/main.ts:3']],
          [
            ['api', 'monthly', 'apps/api/src/main.ts:4'],
            ['api', '__default__', 'apps/api/src/main.ts:5'],
          ],
        ],
      ],
      handles: { reports: [['worker', 'apps/worker/src/main.ts:3', 'monthly', 'throws']] },
      findings: [['unhandled-job', 'reports', '__default__']],
    },
  },
  {
    name: 'a shared Bull queue instance is consumed only by the process that calls .process() on it',
    files: {
      'apps/api/package.json': app('api', { dependencies: { '@acme/queues': '*' } }),
      'apps/worker/package.json': app('worker', { dependencies: { '@acme/queues': '*' } }),
      'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
      'libs/queues/src/index.ts': `import Queue from 'bull';
export const reports = new Queue('reports', 'redis://localhost:6379');`,
      'apps/worker/src/main.ts': `import { reports } from '@acme/queues';
void reports.process(async (job) => job.data);`,
      'apps/api/src/main.ts': `import { reports } from '@acme/queues';
void reports.add({ id: 1 });`,
    },
    expect: {
      queues: [['reports', [['worker', 'apps/worker/src/main.ts:2']], [['api', '__default__', 'apps/api/src/main.ts:2']]]],
      handles: { reports: [['worker', 'apps/worker/src/main.ts:2', '__default__', 'throws']] },
    },
  },
  {
    name: '`if (require.main === module) startWorker()` runs in the process whose entry is that file, not in an importer',
    files: {
      'apps/worker/package.json': JSON.stringify({ name: 'worker', main: 'src/mail.worker.ts', scripts: { start: 'node dist/mail.worker.js' } }),
      'apps/worker/src/mail.worker.ts': `import { Worker } from 'bullmq';
export const MAIL_QUEUE = 'mail';
export function startWorker() {
  return new Worker(MAIL_QUEUE, async () => undefined, { connection: {} });
}
if (require.main === module) {
  startWorker();
}`,
      'apps/api/package.json': app('api', { dependencies: { worker: '*' } }),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { MAIL_QUEUE } from 'worker';
void new Queue(MAIL_QUEUE, { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/mail.worker.ts:4']], [['api', 'welcome', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: 'a require.main guard in a file only imported (its own package starts another entry) runs nowhere',
    files: {
      'apps/worker/src/main.ts': `import { MAIL_QUEUE } from './mail.worker';
console.log('worker up, mail queue is', MAIL_QUEUE);`,
      'apps/worker/src/mail.worker.ts': `import { Worker } from 'bullmq';
export const MAIL_QUEUE = 'mail';
function startWorker() {
  return new Worker(MAIL_QUEUE, async () => undefined, { connection: {} });
}
if (require.main === module) startWorker();`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('mail', { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
      findings: [
        ['no-consumer', 'mail', 'welcome'],
        ['unreached-consumer', 'mail', null],
      ],
      unreached: [['consumer', 'mail', 'apps/worker/src/mail.worker.ts:4']],
    },
  },
];

runCases('constructs: processors and dispatch', CASES);
