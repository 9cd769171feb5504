/**
 * Code that only calls queue code (issue 11.3): a function or method whose one tie to a queue is
 * a call whose result it drops (`await mailQueue.add(kind, {})`) hands no queue to its importers,
 * so they are not relevant through it — yet they call it, and when a name is their argument, or
 * the process a producer runs in is where they call it, the engine reads them on demand
 * (values/call-sites.ts). Every case here must give the same answer as if all importers were
 * parsed; test/analysis/calling-only-reads.test.ts checks which files are read.
 */
import { app, type ConstructCase, runCases } from './table.js';

/** Both apps depend on the shared `@acme/mail` library. */
const WITH_LIB = {
  'apps/api/package.json': app('api', { dependencies: { '@acme/mail': '*' } }),
  'apps/worker/package.json': app('worker', { dependencies: { '@acme/mail': '*' } }),
  'libs/mail/package.json': JSON.stringify({ name: '@acme/mail', main: 'src/index.ts' }),
};

const MAIL_QUEUE = `import { Queue } from 'bullmq';
export const mailQueue = new Queue('mail', { connection: {} });`;

/** `send(kind)`: adds a job named by its caller to the mail queue, and drops the result. */
const SEND = `import { mailQueue } from './queue';
export async function send(kind: string): Promise<void> {
  await mailQueue.add(kind, {});
}`;

const MAIL_WORKER = `import { Worker } from 'bullmq';
new Worker('mail', async () => undefined, { connection: {} });`;

const CASES: ConstructCase[] = [
  {
    name: 'a job name that is the parameter of a calling-only function comes from its caller in a file that never names bullmq',
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/send.ts': SEND,
      'apps/api/src/main.ts': `import { send } from './send';
void send('welcome');
void send('reset-password');`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2'], ['api', 'reset-password', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: 'two calling-only layers: the name is the argument of the outer function, read from the file calling it',
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/send.ts': SEND,
      'apps/api/src/users.ts': `import { send } from './send';
export async function notifyUser(kind: string): Promise<void> {
  await send(kind);
}`,
      'apps/api/src/main.ts': `import { notifyUser } from './users';
void notifyUser('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'through a barrel that renames it (`export { send as deliver } from`), the caller of the calling-only function is still read',
    files: {
      'apps/api/src/mail/queue.ts': MAIL_QUEUE,
      'apps/api/src/mail/send.ts': SEND,
      'apps/api/src/mail/index.ts': `export { send as deliver } from './send';`,
      'apps/api/src/main.ts': `import { deliver } from './mail';
void deliver('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'a method of an exported service instance (`export default new Mailer()`) called with the job name by an importer',
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/mailer.ts': `import { mailQueue } from './queue';
export class Mailer {
  async deliver(kind: string): Promise<void> {
    await mailQueue.add(kind, {});
  }
}
export default new Mailer();`,
      'apps/api/src/main.ts': `import mailer from './mailer';
void mailer.deliver('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'a static wrapper method called with constant names (`await Queue.addJob(Q, JOB)` in a service) keeps its producer and its service',
    files: {
      'apps/api/src/queue.ts': `import { Queue as BullQueue } from 'bullmq';
export default class Queue {
  static async addJob(queueName: string, jobName: string, data: object): Promise<void> {
    await new BullQueue(queueName, { connection: {} }).add(jobName, data);
  }
}`,
      'apps/api/src/severity.ts': `import Queue from './queue';
export class SeverityService {
  protected async onCreateSuccess(item: { id: string }): Promise<void> {
    await Queue.addJob('mail', 'severity-created', { id: item.id });
  }
}
export default new SeverityService();`,
      'apps/api/src/main.ts': `import severity from './severity';
export const service = severity;`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'severity-created', 'apps/api/src/severity.ts:4']]]],
    },
  },
  {
    name: 'a calling-only function the worker imports but only the API calls produces in the API alone',
    files: {
      ...WITH_LIB,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/index.ts': `import { mailQueue } from './queue';
export const formatAddress = (a: string): string => a.trim();
export async function sendWelcome(to: string): Promise<void> {
  await mailQueue.add('welcome', { to });
}`,
      'apps/api/src/main.ts': `import { sendWelcome } from '@acme/mail';
void sendWelcome('a@b.c');`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { formatAddress } from '@acme/mail';
new Worker('mail', async (job) => formatAddress(job.data.to), { connection: {} });`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'libs/mail/src/index.ts:4']]]],
    },
  },
  {
    name: 'a consumer started by a calling-only function that both apps import and only the worker calls is the worker\'s alone',
    files: {
      ...WITH_LIB,
      'libs/mail/src/factory.ts': `import { Worker } from 'bullmq';
export function createWorker(name: string, handle: () => Promise<void>): Worker {
  return new Worker(name, handle, { connection: {} });
}`,
      'libs/mail/src/index.ts': `import { createWorker } from './factory';
export const MAIL = 'mail';
export function startMailWorker(): void {
  createWorker(MAIL, async () => undefined);
}`,
      'apps/worker/src/main.ts': `import { startMailWorker } from '@acme/mail';
startMailWorker();`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { MAIL } from '@acme/mail';
void new Queue(MAIL, { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'libs/mail/src/index.ts:4']], [['api', 'welcome', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: 'a dropped `.then().catch()` chain only calls: the caller that names the job is read on demand',
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/send.ts': `import { mailQueue } from './queue';
export function send(kind: string): void {
  mailQueue.add(kind, {}).then(() => undefined).catch(() => undefined);
}`,
      'apps/api/src/main.ts': `import { send } from './send';
send('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'a function that returns the queue escapes: its importers are relevant and `.add` on the result is a producer',
    files: {
      'apps/api/src/queue.ts': `import { Queue } from 'bullmq';
export function mailQueue(): Queue {
  return new Queue('mail', { connection: {} });
}`,
      'apps/api/src/main.ts': `import { mailQueue } from './queue';
void mailQueue().add('welcome', {});`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'a subclass in an importer gives the job name a calling-only base method reads from `this`',
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/job.ts': `import { mailQueue } from './queue';
export abstract class MailJob {
  abstract readonly kind: string;
  async enqueue(): Promise<void> {
    await mailQueue.add(this.kind, {});
  }
}`,
      'apps/api/src/welcome.ts': `import { MailJob } from './job';
class WelcomeJob extends MailJob {
  readonly kind = 'welcome';
}
void new WelcomeJob().enqueue();`,
      'apps/api/src/main.ts': `import './welcome';`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/welcome.ts:5']]]],
    },
  },
];

runCases('calling-only code: importers read on demand', CASES);
