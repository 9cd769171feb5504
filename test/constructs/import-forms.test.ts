/**
 * Module resolution as TypeScript (and Next.js) does it: tsconfig `baseUrl` and `paths`, a
 * jsconfig.json alias, `export default`, `export * as ns`, tsconfig `extends` from a workspace
 * package, a singleton used from a file that never names bullmq, `file:` dependencies in a
 * repository without workspaces, and a Next.js app whose route files and instrumentation hook
 * run in the `next start` process.
 */
import { app, type ConstructCase, literalProducers, runCases } from './table.js';

const MAIL_WORKER = (from: string): string => `import { Worker } from 'bullmq';
import { MAIL_QUEUE } from '${from}';
new Worker(MAIL_QUEUE, async () => undefined, { connection: {} });`;

const API_PRODUCER = literalProducers(['mail', 'welcome']);

const NEXT_APP = JSON.stringify({ name: 'web', scripts: { dev: 'next dev', build: 'next build', start: 'next start' }, dependencies: { next: '15.0.0', bullmq: '5.0.0' } });

const CASES: ConstructCase[] = [
  {
    name: 'tsconfig baseUrl: `import "workers/mail"` and `from "queues/names"` resolve under src/',
    files: {
      'apps/worker/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: 'src' } }),
      'apps/worker/src/queues/names.ts': `export const MAIL_QUEUE = 'mail';`,
      'apps/worker/src/workers/mail.ts': MAIL_WORKER('queues/names'),
      'apps/worker/src/main.ts': `import 'workers/mail';`,
      'apps/api/src/main.ts': API_PRODUCER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/workers/mail.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'tsconfig paths `@app/*` (with baseUrl) resolve names and make the worker reachable',
    files: {
      'apps/worker/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } } }),
      'apps/worker/src/config/queues.ts': `export const MAIL_QUEUE = 'mail';`,
      'apps/worker/src/workers/mail.ts': MAIL_WORKER('@app/config/queues'),
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import '@app/workers/mail';
export type Unused = Worker;`,
      'apps/api/src/main.ts': API_PRODUCER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/workers/mail.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'tsconfig paths without baseUrl are relative to the tsconfig',
    files: {
      'apps/worker/tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '#jobs/*': ['./src/jobs/*'] } } }),
      'apps/worker/src/jobs/names.ts': `export const MAIL_QUEUE = 'mail';`,
      'apps/worker/src/jobs/mail.ts': MAIL_WORKER('#jobs/names'),
      'apps/worker/src/main.ts': `import '#jobs/mail';`,
      'apps/api/src/main.ts': API_PRODUCER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/jobs/mail.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'a jsconfig.json `~/*` alias in a JavaScript app',
    files: {
      'apps/worker/package.json': JSON.stringify({ name: 'worker', type: 'module', scripts: { start: 'node src/main.js' } }),
      'apps/worker/jsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~/*': ['src/*'] } } }),
      'apps/worker/src/names.js': `export const MAIL_QUEUE = 'mail';`,
      'apps/worker/src/workers/mail.js': MAIL_WORKER('~/names.js'),
      'apps/worker/src/main.js': `import '~/workers/mail.js';`,
      'apps/api/src/main.ts': API_PRODUCER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/workers/mail.js:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: '`export default queue` imported under another name',
    files: {
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
new Worker('mail', async () => undefined, { connection: {} });`,
      'apps/api/src/mail-queue.ts': `import { Queue } from 'bullmq';
const queue = new Queue('mail', { connection: {} });
export default queue;`,
      'apps/api/src/main.ts': `import mailQueue from './mail-queue';
void mailQueue.add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: '`export * as Queues from "./names"` in a workspace library',
    files: {
      'apps/api/package.json': app('api', { dependencies: { '@acme/queues': '*' } }),
      'apps/worker/package.json': app('worker', { dependencies: { '@acme/queues': '*' } }),
      'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
      'libs/queues/src/names.ts': `export const MAIL = 'mail';
export const JOBS = { WELCOME: 'welcome' } as const;`,
      'libs/queues/src/index.ts': `export * as Queues from './names';`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { Queues } from '@acme/queues';
new Worker(Queues.MAIL, async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { Queues } from '@acme/queues';
void new Queue(Queues.MAIL, { connection: {} }).add(Queues.JOBS.WELCOME, {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: 'a barrel of barrels: the name is in the second `export *` of the index, not in the first star chain',
    files: {
      'apps/worker/package.json': app('worker', { dependencies: { '@acme/core': '*' } }),
      'libs/core/package.json': JSON.stringify({ name: '@acme/core', main: 'src/index.ts' }),
      'libs/core/src/index.ts': `export * from './lib/crud';
export * from './lib/queues';`,
      'libs/core/src/lib/crud/index.ts': `export * from './repository';`,
      'libs/core/src/lib/crud/repository.ts': `export class Repository {}`,
      'libs/core/src/lib/queues/index.ts': `export const MAIL_QUEUE = 'mail';`,
      'apps/worker/src/main.ts': MAIL_WORKER('@acme/core'),
      'apps/api/src/main.ts': API_PRODUCER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'tsconfig `extends` from a workspace package brings its `paths` (relative to the base file)',
    files: {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'libs/*', 'packages/*'] }),
      'packages/tsconfig/package.json': JSON.stringify({ name: '@acme/tsconfig', files: ['base.json'] }),
      'packages/tsconfig/base.json': JSON.stringify({ compilerOptions: { strict: true, paths: { '@shared/*': ['../../libs/shared/src/*'] } } }),
      'libs/shared/package.json': JSON.stringify({ name: '@acme/shared-internal', private: true }),
      'libs/shared/src/names.ts': `export const MAIL_QUEUE = 'mail';`,
      'apps/worker/tsconfig.json': JSON.stringify({ extends: '@acme/tsconfig/base.json', include: ['src'] }),
      'apps/worker/package.json': app('worker', { devDependencies: { '@acme/tsconfig': '*' } }),
      'apps/worker/src/main.ts': MAIL_WORKER('@shared/names'),
      'apps/api/src/main.ts': API_PRODUCER,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'X.getInstance().add(...) in a file that never names bullmq',
    files: {
      'apps/api/package.json': app('api', { dependencies: { '@acme/queues': '*' } }),
      'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
      'libs/queues/src/index.ts': `import { Queue } from 'bullmq';
export class MailQueue {
  private static queue: Queue | undefined;
  static getInstance(): Queue {
    if (!MailQueue.queue) MailQueue.queue = new Queue('mail', { connection: {} });
    return MailQueue.queue;
  }
}`,
      'apps/api/src/signup.ts': `import { MailQueue } from '@acme/queues';
export async function signup(email: string) {
  await MailQueue.getInstance().add('welcome', { email });
}`,
      'apps/api/src/main.ts': `import { signup } from './signup';
void signup('a@b.c');`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
new Worker('mail', async () => undefined, { connection: {} });`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/signup.ts:3']]]],
    },
  },
  {
    name: '`file:../Common` dependencies in a repository without workspaces',
    bare: true,
    files: {
      'Common/package.json': JSON.stringify({ name: 'common', version: '1.0.0', main: 'index.ts' }),
      'Common/index.ts': `export const MAIL_QUEUE = 'mail';
export { startMailWorker } from './mail-worker';`,
      'Common/mail-worker.ts': `import { Worker } from 'bullmq';
import { MAIL_QUEUE } from './index';
export function startMailWorker() {
  return new Worker(MAIL_QUEUE, async () => undefined, { connection: {} });
}`,
      'Api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' }, dependencies: { common: 'file:../Common', bullmq: '5.0.0' } }),
      'Api/src/main.ts': `import { Queue } from 'bullmq';
import { MAIL_QUEUE } from 'common';
void new Queue(MAIL_QUEUE, { connection: {} }).add('welcome', {});`,
      'Worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' }, dependencies: { common: 'file:../Common' } }),
      'Worker/src/main.ts': `import { startMailWorker } from 'common';
startMailWorker();`,
    },
    expect: {
      queues: [['mail', [['worker', 'Common/mail-worker.ts:4']], [['api', 'welcome', 'Api/src/main.ts:3']]]],
    },
  },
  {
    name: 'Next.js (`next start`): instrumentation.ts starts a Worker, an app route adds jobs, both in the Next package',
    files: {
      'apps/web/package.json': NEXT_APP,
      'apps/web/instrumentation.ts': `import { Worker } from 'bullmq';
export function register() {
  new Worker('emails', async () => undefined, { connection: {} });
}`,
      'apps/web/app/api/signup/route.ts': `import { Queue } from 'bullmq';
const emails = new Queue('emails', { connection: {} });
export async function POST() {
  await emails.add('welcome', {});
  return Response.json({ ok: true });
}`,
    },
    expect: {
      queues: [['emails', [['web', 'apps/web/instrumentation.ts:3']], [['web', 'welcome', 'apps/web/app/api/signup/route.ts:4']]]],
    },
  },
  {
    name: 'Next.js: src/instrumentation.ts importing the worker module in the nodejs runtime',
    files: {
      'apps/web/package.json': NEXT_APP,
      'apps/web/src/instrumentation.ts': `export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./lib/worker');
  }
}`,
      'apps/web/src/lib/worker.ts': `import { Worker } from 'bullmq';
export const worker = new Worker('emails', async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('emails', { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['emails', [['web', 'apps/web/src/lib/worker.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'Next.js: a route file that starts a Worker at module level runs it in the Next process',
    files: {
      'apps/web/package.json': NEXT_APP,
      'apps/web/app/api/health/route.ts': `import { Worker } from 'bullmq';
const worker = new Worker('emails', async () => undefined, { connection: {} });
export function GET() {
  return Response.json({ running: worker.isRunning() });
}`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('emails', { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['emails', [['web', 'apps/web/app/api/health/route.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'Next.js: a module in a private `_lib` folder under app/ that nothing imports is not loaded by Next',
    files: {
      'apps/web/package.json': NEXT_APP,
      'apps/web/app/page.tsx': `export default function Page() { return null; }`,
      'apps/web/app/_lib/legacy-worker.ts': `import { Worker } from 'bullmq';
export const worker = new Worker('emails', async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('emails', { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['emails', [], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
      findings: [
        ['no-consumer', 'emails', 'welcome'],
        ['unreached-consumer', 'emails', null],
      ],
      unreached: [['consumer', 'emails', 'apps/web/app/_lib/legacy-worker.ts:2']],
    },
  },
];

runCases('constructs: import forms', CASES);
