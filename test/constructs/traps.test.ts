/**
 * Look-alikes that are never queues, workers or jobs. Each trap either stands alone (the
 * result must be empty) or sits next to real BullMQ code in the same file (the real queue must
 * come out exactly, and the trap must add nothing to it and report nothing).
 */
import { type ConstructCase, runCases } from './table.js';

/** A worker app consuming 'mail' with a catch-all processor: the real queue of the mixed cases. */
const MAIL_WORKER = `import { Worker } from 'bullmq';
new Worker('mail', async () => undefined, { connection: {} });
`;

const CASES: ConstructCase[] = [
  {
    name: 'browser `new Worker(url)` in a web app is not a consumer',
    files: {
      'apps/web/package.json': JSON.stringify({ name: 'web', scripts: { start: 'vite preview' } }),
      'apps/web/src/main.ts': `const worker = new Worker(new URL('./hash.worker.js', import.meta.url), { type: 'module' });
worker.postMessage({ text: 'hello' });
const legacy = new Worker('x.js');
legacy.onmessage = (e) => console.log(e.data);`,
    },
    expect: {},
  },
  {
    name: 'worker_threads Worker in a file that also imports bullmq is not a consumer',
    files: {
      'apps/worker/src/main.ts': `import { Worker as ThreadWorker } from 'node:worker_threads';
import { Worker } from 'bullmq';
const pool = new ThreadWorker('./hash.js', { workerData: { rounds: 10 } });
pool.on('message', () => undefined);
new Worker('mail', async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
new Queue('mail', { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:5']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: '`Worker` imported from worker_threads under its own name is not a consumer',
    files: {
      'apps/worker/src/main.ts': `import { Worker } from 'worker_threads';
import { Queue } from 'bullmq';
const t = new Worker('./cpu.js');
t.postMessage('go');
export const queue = new Queue('audit', { connection: {} });
void queue.add('record', {});`,
    },
    expect: {
      queues: [['audit', [], [['worker', 'record', 'apps/worker/src/main.ts:6']]]],
      findings: [['no-consumer', 'audit', 'record']],
    },
  },
  {
    name: '`Set#add` next to a real queue in the same file is not a producer',
    files: {
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const queue = new Queue('mail', { connection: {} });
const seen = new Set<string>();
seen.add('welcome');
const ids: Set<number> = new Set();
ids.add(1);
void queue.add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:7']]]],
    },
  },
  {
    name: 'a class field named `queue` holding a Set is not a queue, even in a file importing bullmq',
    files: {
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
class Pending {
  private queue = new Set<string>();
  enqueue(id: string) { this.queue.add(id); }
}
const pending = new Pending();
pending.enqueue('a');
void new Queue('mail', { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:8']]]],
    },
  },
  {
    name: '`dayjs().add(1, "day")` in a file that produces jobs is not a producer',
    files: {
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/main.ts': `import dayjs from 'dayjs';
import { Queue } from 'bullmq';
const queue = new Queue('mail', { connection: {} });
const tomorrow = dayjs().add(1, 'day');
const later = dayjs(tomorrow).add(2, 'hour').toDate();
void queue.add('welcome', {}, { delay: later.getTime() - Date.now() });`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:6']]]],
    },
  },
  {
    name: 'a look-alike `Queue`/`Worker` from another package is nothing',
    files: {
      'apps/api/src/main.ts': `import { Queue, Worker } from 'groupmq';
const q = new Queue({ namespace: 'orders' });
void q.add({ groupId: 'g1', data: {} });
new Worker({ queue: q, handler: async () => undefined });
const q2 = new Queue('emails');
void q2.add('welcome', {});`,
    },
    expect: {},
  },
  {
    name: 'an in-house `Queue` class in a workspace library is nothing',
    files: {
      'libs/ds/package.json': JSON.stringify({ name: '@acme/ds', main: 'src/index.ts' }),
      'libs/ds/src/index.ts': `export class Queue<T> {
  private items: T[] = [];
  constructor(readonly name: string) {}
  add(item: T) { this.items.push(item); }
}`,
      'apps/api/src/main.ts': `import { Queue } from '@acme/ds';
const q = new Queue<string>('emails');
q.add('welcome');`,
    },
    expect: {},
  },
  {
    name: 'an OpenTelemetry counter `.add(1, attrs)` in a file that imports bullmq is not a producer',
    files: {
      'apps/worker/src/main.ts': `import { metrics } from '@opentelemetry/api';
import { Worker } from 'bullmq';
const meter = metrics.getMeter('worker');
const processed = meter.createCounter('jobs_processed');
new Worker('mail', async (job) => {
  processed.add(1, { queue: 'mail', job: job.name });
}, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { metrics } from '@opentelemetry/api';
const enqueued = metrics.getMeter('api').createUpDownCounter('jobs_enqueued');
const queue = new Queue('mail', { connection: {} });
export async function send() {
  await queue.add('welcome', {});
  enqueued.add(1, { queue: 'mail' });
}
void send();`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:5']], [['api', 'welcome', 'apps/api/src/main.ts:6']]]],
    },
  },
  {
    name: 'an OpenTelemetry counter held in a class field is not a producer either',
    files: {
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { metrics, type Counter } from '@opentelemetry/api';
class Mailer {
  private readonly sent: Counter = metrics.getMeter('api').createCounter('mail_sent');
  private readonly queue = new Queue('mail', { connection: {} });
  async welcome() {
    await this.queue.add('welcome', {});
    this.sent.add(1, { kind: 'welcome' });
  }
}
void new Mailer().welcome();`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:7']]]],
    },
  },
  {
    name: 'a global `new Worker(url)` in a file that imports only Queue from bullmq is not a consumer',
    files: {
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const thumbnails = new Worker('./thumbnail-worker.js');
thumbnails.postMessage('start');
void new Queue('mail', { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:4']]]],
    },
  },
  {
    name: '`bucket.add(id)` on a Set parameter in a file that imports bullmq, called with a Set, is not a producer',
    files: {
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const queue = new Queue('mail', { connection: {} });
function remember(bucket: Set<string>, id: string) {
  bucket.add(id);
}
const seen = new Set<string>();
remember(seen, 'welcome');
void queue.add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:8']]]],
    },
  },
  {
    name: '`d.add(1, "day")` on a Dayjs parameter in a file that imports bullmq is not a producer',
    files: {
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/main.ts': `import dayjs, { type Dayjs } from 'dayjs';
import { Queue } from 'bullmq';
const queue = new Queue('mail', { connection: {} });
const nextDay = (d: Dayjs) => d.add(1, 'day');
const at = nextDay(dayjs());
void queue.add('welcome', {}, { delay: at.diff(dayjs()) });`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:6']]]],
    },
  },
  {
    name: 'an OpenTelemetry counter passed to a helper as a parameter is not a producer',
    files: {
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { metrics, type Counter } from '@opentelemetry/api';
const queue = new Queue('mail', { connection: {} });
function count(counter: Counter, kind: string) {
  counter.add(1, { kind });
}
const sent = metrics.getMeter('api').createCounter('mail_sent');
void queue.add('welcome', {});
count(sent, 'welcome');`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:8']]]],
    },
  },
];

runCases('constructs: traps', CASES);
