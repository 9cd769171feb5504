/**
 * Calling-only code reached the long way. A review of the on-demand caller index found each of
 * the first fourteen answering wrong (two with a false `multiple-owners`): a Nest provider that
 * only calls queue code and the module listing it, a middle function in a relevant file, `import
 * { x }; export { x }` barrels, instances built by another module, fields of other services,
 * inherited methods, injected providers. Reviews of the fixes found the rest: anonymous default
 * and CommonJS property exports, a class handed on inside an object, callers more than twelve
 * barrels away; Nest modules listing an undecorated calling-only provider, and an `@Injectable()`
 * service whose only tie is a calling-only helper (the module graph is read from relevant files,
 * so the API lost the provider and the producer ran wherever the library loads). Each
 * expectation is what the tool answered before calling-only code stopped making its importers
 * relevant (8eee09c), checked against the code.
 */
import { type ConstructCase, runCases } from './table.js';

const API_USES_MAIL = JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/mail': '*' } });
const API_USES_SHARED = JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/shared': '*' } });
const MAILER = `import { mailQueue } from './queue';
export class Mailer {
  async deliver(kind: string): Promise<void> {
    await mailQueue.add(kind, {});
  }
}`;
const ALIASED_MAILER = `import { mailQueue } from './queue';
export class Mailer {
  async welcome(): Promise<void> { await mailQueue.add('welcome', {}); }
}`;
/** `@mailer` is the file `src/mailer.ts`: an exact alias, whose last segment is not the file's name. */
const MAIL_ALIAS_TSCONFIG = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@mailer': ['src/mailer.ts'] } } });
const MAIL_LIB = JSON.stringify({ name: '@acme/mail', main: 'src/index.ts' });
const MAIL_QUEUE = `import { Queue } from 'bullmq';
export const mailQueue = new Queue('mail', { connection: {} });`;
const MAIL_TRIM_WORKER = `import { Worker } from 'bullmq';
import { trim } from '@acme/mail';
new Worker('mail', async (job) => trim(job.name), { connection: {} });`;
const MAIL_WORKER = `import { Worker } from 'bullmq';
new Worker('mail', async () => undefined, { connection: {} });`;
const NEST_API_MAIN = `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }
void bootstrap();`;
const REPORTER_APP_MODULE = `import { Module } from '@nestjs/common';
import { Reporter } from '@acme/shared';
@Module({ providers: [Reporter] })
export class AppModule {}`;
const REPORT_QUEUE = `import { Queue } from 'bullmq';
export const reportQueue = new Queue('reports', { connection: {} });`;
const SEND = `import { mailQueue } from './queue';
export async function send(kind: string): Promise<void> {
  await mailQueue.add(kind, {});
}`;
const SHARED_LIB = JSON.stringify({ name: '@acme/shared', main: 'src/index.ts' });
const SHARED_REPORTER_INDEX = `export * from './reporter';
export * from './util';`;
const SHARED_REPORTS_INDEX = `export * from './reports.module';
export * from './reports.service';
export * from './util';`;
const SHARED_TRIM_WORKER = `import { Worker } from 'bullmq';
import { trim } from '@acme/shared';
new Worker('reports', async (job) => trim(job.name), { connection: {} });`;
const TRIM = `export const trim = (s: string): string => s.trim();`;
const WORKER_USES_MAIL = JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/mail': '*' } });
const WORKER_USES_SHARED = JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/shared': '*' } });

/** `apps/api/src/b0.ts` … `b{n-1}.ts`: a chain of `export *` barrels in front of `./send`. */
const sendBehindBarrels = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`apps/api/src/b${i}.ts`, `export * from './${i === 0 ? 'send' : `b${i - 1}`}';`]));

const CASES: ConstructCase[] = [
  {
    name: "a Nest provider that only calls queue code, in a module one app imports from a shared barrel, produces in that app alone",
    files: {
      'libs/shared/package.json': SHARED_LIB,
      'libs/shared/src/queue.ts': `import { Queue } from 'bullmq';
export function reportQueue(): Queue { return new Queue('reports', { connection: {} }); }`,
      'libs/shared/src/reports.service.ts': `import { Injectable } from '@nestjs/common';
import { reportQueue } from './queue';
@Injectable()
export class ReportsService {
  async daily(): Promise<void> {
    await reportQueue().add('daily', {});
  }
}`,
      'libs/shared/src/reports.module.ts': `import { Module } from '@nestjs/common';
import { ReportsService } from './reports.service';
@Module({ providers: [ReportsService] })
export class ReportsModule {}`,
      'libs/shared/src/util.ts': TRIM,
      'libs/shared/src/index.ts': SHARED_REPORTS_INDEX,
      'apps/api/package.json': API_USES_SHARED,
      'apps/worker/package.json': WORKER_USES_SHARED,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { ReportsModule } from '@acme/shared';
@Module({ imports: [ReportsModule] })
export class AppModule {}`,
      'apps/api/src/main.ts': NEST_API_MAIN,
      'apps/worker/src/worker.module.ts': `import { Module } from '@nestjs/common';
@Module({})
export class WorkerModule {}`,
      'apps/worker/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import { trim } from '@acme/shared';
import { WorkerModule } from './worker.module';
async function bootstrap() { await NestFactory.createApplicationContext(WorkerModule); }
void bootstrap();
new Worker('reports', async (job) => trim(job.name), { connection: {} });`
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:7"]],[["api","daily","libs/shared/src/reports.service.ts:6"]]]],
    },
  },
  {
    name: "the same provider imported from its module file directly",
    files: {
      'libs/shared/package.json': SHARED_LIB,
      'libs/shared/src/queue.ts': `import { Queue } from 'bullmq';
export function reportQueue(): Queue { return new Queue('reports', { connection: {} }); }`,
      'libs/shared/src/reports.service.ts': `import { Injectable } from '@nestjs/common';
import { reportQueue } from './queue';
@Injectable()
export class ReportsService {
  async daily(): Promise<void> {
    await reportQueue().add('daily', {});
  }
}`,
      'libs/shared/src/reports.module.ts': `import { Module } from '@nestjs/common';
import { ReportsService } from './reports.service';
@Module({ providers: [ReportsService] })
export class ReportsModule {}`,
      'libs/shared/src/util.ts': TRIM,
      'libs/shared/src/index.ts': SHARED_REPORTS_INDEX,
      'apps/api/package.json': API_USES_SHARED,
      'apps/worker/package.json': WORKER_USES_SHARED,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { ReportsModule } from '@acme/shared/src/reports.module';
@Module({ imports: [ReportsModule] })
export class AppModule {}`,
      'apps/api/src/main.ts': NEST_API_MAIN,
      'apps/worker/src/worker.module.ts': `import { Module } from '@nestjs/common';
@Module({})
export class WorkerModule {}`,
      'apps/worker/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import { trim } from '@acme/shared';
import { WorkerModule } from './worker.module';
async function bootstrap() { await NestFactory.createApplicationContext(WorkerModule); }
void bootstrap();
new Worker('reports', async (job) => trim(job.name), { connection: {} });`
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:7"]],[["api","daily","libs/shared/src/reports.service.ts:6"]]]],
    },
  },
  {
    name: "a function in a relevant file that calls a calling-only function: its caller names the job",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/send.ts': SEND,
      'apps/api/src/users.ts': `import type { Job } from 'bullmq';
import { send } from './send';
export type MailJob = Job;
export async function notifyUser(kind: string): Promise<void> {
  await send(kind);
}`,
      'apps/api/src/main.ts': `import { notifyUser } from './users';
void notifyUser('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "the same when the middle file is relevant through an unrelated queue import",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/send.ts': SEND,
      'apps/api/src/users.ts': `import { mailQueue } from './queue';
import { send } from './send';
export async function count(): Promise<number> { return mailQueue.count(); }
export async function notifyUser(kind: string): Promise<void> {
  await send(kind);
}`,
      'apps/api/src/main.ts': `import { notifyUser } from './users';
void notifyUser('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "an `import { send }; export { send }` barrel between the caller and the calling-only function",
    files: {
      'apps/api/src/mail/queue.ts': MAIL_QUEUE,
      'apps/api/src/mail/send.ts': SEND,
      'apps/api/src/mail/index.ts': `import { send } from './send';
export { send };`,
      'apps/api/src/main.ts': `import { send } from './mail';
void send('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a method reached through an object holding the instance (`export default { mailer }`)",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/mailer.ts': `import { mailQueue } from './queue';
class Mailer {
  async deliver(kind: string): Promise<void> {
    await mailQueue.add(kind, {});
  }
}
const mailer = new Mailer();
const services = { mailer };
export default services;`,
      'apps/api/src/main.ts': `import services from './mailer';
void services.mailer.deliver('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a consumer started two calling-only calls away, in a library both apps load, is the worker's alone",
    files: {
      'libs/jobs/package.json': JSON.stringify({ name: '@acme/jobs', main: 'src/index.ts' }),
      'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/jobs': '*' } }),
      'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/jobs': '*' } }),
      'libs/jobs/src/factory.ts': `import { Worker } from 'bullmq';
export function createWorker(name: string, fn: (job: unknown) => Promise<void>): Worker {
  return new Worker(name, fn, { connection: {} });
}`,
      'libs/jobs/src/mail-worker.ts': `import { createWorker } from './factory';
export function startMailWorker(): void {
  createWorker('mail', async () => undefined);
}`,
      'libs/jobs/src/index.ts': `import { Queue } from 'bullmq';
import { startMailWorker } from './mail-worker';
export const mailQueue = new Queue('mail', { connection: {} });
export function startWorkers(): void {
  startMailWorker();
}`,
      'apps/worker/src/main.ts': `import { startWorkers } from '@acme/jobs';
startWorkers();`,
      'apps/api/src/main.ts': `import { mailQueue } from '@acme/jobs';
void mailQueue.add('welcome', {});`
    },
    expect: {
      queues: [["mail",[["worker","libs/jobs/src/mail-worker.ts:3"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a consumer started in onModuleInit of a provider only the worker's Nest app imports",
    files: {
      'libs/jobs/package.json': JSON.stringify({ name: '@acme/jobs', main: 'src/index.ts' }),
      'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/jobs': '*' } }),
      'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/jobs': '*' } }),
      'libs/jobs/src/factory.ts': `import { Worker } from 'bullmq';
export function createWorker(name: string, fn: (job: unknown) => Promise<void>): Worker {
  return new Worker(name, fn, { connection: {} });
}`,
      'libs/jobs/src/mail-worker.ts': `import { createWorker } from './factory';
export function startMailWorker(): void {
  createWorker('mail', async () => undefined);
}`,
      'libs/jobs/src/queue.ts': MAIL_QUEUE,
      'libs/jobs/src/worker.service.ts': `import { Injectable, OnModuleInit } from '@nestjs/common';
import { createWorker } from './factory';
@Injectable()
export class MailWorkerService implements OnModuleInit {
  onModuleInit(): void {
    createWorker('mail', async () => undefined);
  }
}`,
      'libs/jobs/src/worker.module.ts': `import { Module } from '@nestjs/common';
import { MailWorkerService } from './worker.service';
@Module({ providers: [MailWorkerService] })
export class MailWorkerModule {}`,
      'libs/jobs/src/index.ts': `export * from './queue';
export * from './worker.module';`,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { MailWorkerModule } from '@acme/jobs';
@Module({ imports: [MailWorkerModule] })
export class AppModule {}`,
      'apps/worker/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.createApplicationContext(AppModule);`,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
@Module({})
export class AppModule {}`,
      'apps/api/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { mailQueue } from '@acme/jobs';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));
void mailQueue.add('welcome', {});`
    },
    expect: {
      queues: [["mail",[["worker","libs/jobs/src/worker.service.ts:6"]],[["api","welcome","apps/api/src/main.ts:5"]]]],
      findings: [["unreached-consumer","mail",null]],
    },
  },
  {
    name: "a method called on an instance another module builds",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/mailer.ts': MAILER,
      'apps/api/src/services.ts': `import { Mailer } from './mailer';
export const mailer = new Mailer();`,
      'apps/api/src/main.ts': `import { mailer } from './services';
void mailer.deliver('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a method called through a field of another class (`users.mailer.deliver`)",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/mailer.ts': MAILER,
      'apps/api/src/users.ts': `import { Mailer } from './mailer';
export class Users {
  readonly mailer = new Mailer();
}`,
      'apps/api/src/main.ts': `import { Users } from './users';
const users = new Users();
void users.mailer.deliver('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:3"]]]],
    },
  },
  {
    name: "an inherited calling-only method called on a subclass instance in another file",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/mailer.ts': MAILER,
      'apps/api/src/welcome-mailer.ts': `import { Mailer } from './mailer';
export class WelcomeMailer extends Mailer {
  readonly from = 'hello@x';
}`,
      'apps/api/src/main.ts': `import { WelcomeMailer } from './welcome-mailer';
void new WelcomeMailer().deliver('welcome');`,
      'apps/worker/src/main.ts': MAIL_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a method of an injected provider called from a controller that imports only the service holding it",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/api/src/mailer.ts': `import { Injectable } from '@nestjs/common';
import { mailQueue } from './queue';
@Injectable()
export class Mailer {
  async deliver(kind: string): Promise<void> {
    await mailQueue.add(kind, {});
  }
}`,
      'apps/api/src/users.service.ts': `import { Injectable } from '@nestjs/common';
import { Mailer } from './mailer';
@Injectable()
export class UsersService {
  constructor(readonly mailer: Mailer) {}
}`,
      'apps/api/src/users.controller.ts': `import { Controller, Post } from '@nestjs/common';
import { UsersService } from './users.service';
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}
  @Post() async create(): Promise<void> {
    await this.users.mailer.deliver('welcome');
  }
}`,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { UsersService } from './users.service';
import { UsersController } from './users.controller';
@Module({ providers: [Mailer, UsersService], controllers: [UsersController] })
export class AppModule {}`,
      'apps/api/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
void NestFactory.create(AppModule).then((app) => app.listen(3000));`,
      'apps/worker/src/main.ts': MAIL_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/users.controller.ts:7"]]]],
    },
  },
  {
    name: "a calling-only class constructed by an importer of an `import/export` barrel stays in that app",
    files: {
      'libs/mail/package.json': MAIL_LIB,
      'apps/api/package.json': API_USES_MAIL,
      'apps/worker/package.json': WORKER_USES_MAIL,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/mailer.ts': `import { mailQueue } from './queue';
export class Mailer {
  async sendWelcome(): Promise<void> {
    await mailQueue.add('welcome', {});
  }
}`,
      'libs/mail/src/util.ts': TRIM,
      'libs/mail/src/index.ts': `import { Mailer } from './mailer';
export { Mailer };
export * from './util';`,
      'apps/api/src/main.ts': `import { Mailer } from '@acme/mail';
void new Mailer().sendWelcome();`,
      'apps/worker/src/main.ts': MAIL_TRIM_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/mailer.ts:4"]]]],
    },
  },
  {
    name: "an instance another module of a shared library builds, called by one app only",
    files: {
      'libs/mail/package.json': MAIL_LIB,
      'apps/api/package.json': API_USES_MAIL,
      'apps/worker/package.json': WORKER_USES_MAIL,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/mailer.ts': `import { mailQueue } from './queue';
export class Mailer {
  async sendWelcome(): Promise<void> {
    await mailQueue.add('welcome', {});
  }
}`,
      'libs/mail/src/util.ts': TRIM,
      'libs/mail/src/instance.ts': `import { Mailer } from './mailer';
export const mailer = new Mailer();`,
      'libs/mail/src/index.ts': `export * from './instance';
export * from './util';`,
      'apps/api/src/main.ts': `import { mailer } from '@acme/mail';
void mailer.sendWelcome();`,
      'apps/worker/src/main.ts': MAIL_TRIM_WORKER
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/mailer.ts:4"]]]],
    },
  },
  {
    name: "an anonymous `export default async function (kind)` called by a default importer",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/send.ts': `import { mailQueue } from './queue';
export default async function (kind: string): Promise<void> {
  await mailQueue.add(kind, {});
}`,
      'apps/api/src/main.ts': `import send from './send';
void send('welcome');`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "an anonymous default arrow function called by a default importer",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/send.ts': `import { mailQueue } from './queue';
export default async (kind: string): Promise<void> => {
  await mailQueue.add(kind, {});
};`,
      'apps/api/src/main.ts': `import send from './send';
void send('welcome');`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a method of an anonymous default class constructed by an importer",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/mailer.ts': `import { mailQueue } from './queue';
export default class {
  async deliver(kind: string): Promise<void> { await mailQueue.add(kind, {}); }
}`,
      'apps/api/src/main.ts': `import Mailer from './mailer';
void new Mailer().deliver('welcome');`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a CommonJS `exports.send = async function (kind)` destructured from `require`",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/send.js': `const { mailQueue } = require('./queue');
exports.send = async function (kind) {
  await mailQueue.add(kind, {});
};`,
      'apps/api/src/main.js': `const { send } = require('./send');
void send('welcome');`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.js:2"]]]],
    },
  },
  {
    name: "a CommonJS `module.exports.send = async (kind) =>` called as `mail.send(…)`",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/send.js': `const { mailQueue } = require('./queue');
module.exports.send = async (kind) => { await mailQueue.add(kind, {}); };`,
      'apps/api/src/main.js': `const mail = require('./send');
void mail.send('welcome');`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.js:2"]]]],
    },
  },
  {
    name: "an anonymous default function behind `export { default as sendWelcome }` in a shared library produces only in the app that calls it",
    files: {
      'libs/mail/package.json': MAIL_LIB,
      'apps/api/package.json': API_USES_MAIL,
      'apps/worker/package.json': WORKER_USES_MAIL,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/util.ts': TRIM,
      'apps/worker/src/main.ts': MAIL_TRIM_WORKER,
      'libs/mail/src/welcome.ts': `import { mailQueue } from './queue';
export default async function (): Promise<void> { await mailQueue.add('welcome', {}); }`,
      'libs/mail/src/index.ts': `export { default as sendWelcome } from './welcome';
export * from './util';`,
      'apps/api/src/main.ts': `import { sendWelcome } from '@acme/mail';
void sendWelcome();`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/welcome.ts:2"]]]],
    },
  },
  {
    name: "a CommonJS `exports.sendWelcome` behind `export *` in a shared library produces only in the app that calls it",
    files: {
      'libs/mail/package.json': MAIL_LIB,
      'apps/api/package.json': API_USES_MAIL,
      'apps/worker/package.json': WORKER_USES_MAIL,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/util.ts': TRIM,
      'apps/worker/src/main.ts': MAIL_TRIM_WORKER,
      'libs/mail/src/welcome.js': `const { mailQueue } = require('./queue');
exports.sendWelcome = async function () { await mailQueue.add('welcome', {}); };`,
      'libs/mail/src/index.ts': `export * from './welcome';
export * from './util';`,
      'apps/api/src/main.ts': `import { sendWelcome } from '@acme/mail';
void sendWelcome();`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/welcome.js:2"]]]],
    },
  },
  {
    name: "a class handed on in an object (`export const classes = { Mailer }`) and constructed as `new classes.Mailer()` by one app",
    files: {
      'libs/mail/package.json': MAIL_LIB,
      'apps/api/package.json': API_USES_MAIL,
      'apps/worker/package.json': WORKER_USES_MAIL,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/util.ts': TRIM,
      'apps/worker/src/main.ts': MAIL_TRIM_WORKER,
      'libs/mail/src/mailer.ts': `import { mailQueue } from './queue';
export class Mailer {
  async welcome(): Promise<void> { await mailQueue.add('welcome', {}); }
}`,
      'libs/mail/src/index.ts': `import { Mailer } from './mailer';
export const classes = { Mailer };
export * from './util';`,
      'apps/api/src/main.ts': `import { classes } from '@acme/mail';
void new classes.Mailer().welcome();`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/mailer.ts:3"]]]],
    },
  },
  {
    name: "the same barrel importing the class by an exact `paths` alias (`import { Mailer } from '@mailer'`) beside a re-export of it",
    files: {
      'libs/mail/package.json': MAIL_LIB,
      'libs/mail/tsconfig.json': MAIL_ALIAS_TSCONFIG,
      'apps/api/package.json': API_USES_MAIL,
      'apps/worker/package.json': WORKER_USES_MAIL,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/util.ts': TRIM,
      'apps/worker/src/main.ts': MAIL_TRIM_WORKER,
      'libs/mail/src/mailer.ts': ALIASED_MAILER,
      'libs/mail/src/index.ts': `export { Mailer as BaseMailer } from './mailer';
import { Mailer } from '@mailer';
export const classes = { Mailer };
export * from './util';`,
      'apps/api/src/main.ts': `import { classes } from '@acme/mail';
void new classes.Mailer().welcome();`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/mailer.ts:3"]]]],
    },
  },
  {
    name: "a barrel that reaches the class only by an exact `paths` alias",
    files: {
      'libs/mail/package.json': MAIL_LIB,
      'libs/mail/tsconfig.json': MAIL_ALIAS_TSCONFIG,
      'apps/api/package.json': API_USES_MAIL,
      'apps/worker/package.json': WORKER_USES_MAIL,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/util.ts': TRIM,
      'apps/worker/src/main.ts': MAIL_TRIM_WORKER,
      'libs/mail/src/mailer.ts': ALIASED_MAILER,
      'libs/mail/src/index.ts': `import { Mailer } from '@mailer';
export const classes = { Mailer };
export * from './util';`,
      'apps/api/src/main.ts': `import { classes } from '@acme/mail';
void new classes.Mailer().welcome();`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/mailer.ts:3"]]]],
    },
  },
  {
    name: "the same barrel importing the class through a `paths` pattern that puts text around the star (`@services/*` → `src/services/*.service.ts`)",
    files: {
      'libs/mail/package.json': MAIL_LIB,
      'libs/mail/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@services/*': ['src/services/*.service.ts'] } } }),
      'apps/api/package.json': API_USES_MAIL,
      'apps/worker/package.json': WORKER_USES_MAIL,
      'libs/mail/src/queue.ts': MAIL_QUEUE,
      'libs/mail/src/util.ts': TRIM,
      'apps/worker/src/main.ts': MAIL_TRIM_WORKER,
      'libs/mail/src/services/mailer.service.ts': ALIASED_MAILER.replace("'./queue'", "'../queue'"),
      'libs/mail/src/index.ts': `import { Mailer } from '@services/mailer';
export const classes = { Mailer };
export * from './util';`,
      'apps/api/src/main.ts': `import { classes } from '@acme/mail';
void new classes.Mailer().welcome();`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/services/mailer.service.ts:3"]]]],
    },
  },
  {
    name: "an Nx-style root `paths` pattern to each library's index (`@org/*` → `libs/*/src/index.ts`), libraries without a package.json",
    files: {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@org/*': ['libs/*/src/index.ts'] } } }),
      'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' } }),
      'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' } }),
      'libs/mail/src/index.ts': `import { Queue } from 'bullmq';
const mailQueue = new Queue('mail', { connection: {} });
export async function welcome(): Promise<void> { await mailQueue.add('welcome', {}); }`,
      'apps/api/src/main.ts': `import { welcome } from '@org/mail';
void welcome();`,
      'apps/worker/src/main.ts': MAIL_WORKER,
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","libs/mail/src/index.ts:3"]]]],
    },
  },
  {
    name: "a caller thirteen `export *` barrels away",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/send.ts': SEND,
      ...sendBehindBarrels(13),
      'apps/api/src/main.ts': `import { send } from './b12';
void send('welcome');`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a caller fourteen barrels away",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/send.ts': SEND,
      ...sendBehindBarrels(14),
      'apps/api/src/main.ts': `import { send } from './b13';
void send('welcome');`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a caller reaching the method through fourteen files that each wrap the previous one in an object",
    files: {
      'apps/api/src/queue.ts': MAIL_QUEUE,
      'apps/worker/src/main.ts': MAIL_WORKER,
      'apps/api/src/mailer.ts': `import { mailQueue } from './queue';
class Mailer { async deliver(kind: string): Promise<void> { await mailQueue.add(kind, {}); } }
export const mailer = new Mailer();`,
      'apps/api/src/f0.ts': `import { mailer as x } from './mailer';
export const h0 = { x };`,
      'apps/api/src/f1.ts': `import { h0 as x } from './f0';
export const h1 = { x };`,
      'apps/api/src/f2.ts': `import { h1 as x } from './f1';
export const h2 = { x };`,
      'apps/api/src/f3.ts': `import { h2 as x } from './f2';
export const h3 = { x };`,
      'apps/api/src/f4.ts': `import { h3 as x } from './f3';
export const h4 = { x };`,
      'apps/api/src/f5.ts': `import { h4 as x } from './f4';
export const h5 = { x };`,
      'apps/api/src/f6.ts': `import { h5 as x } from './f5';
export const h6 = { x };`,
      'apps/api/src/f7.ts': `import { h6 as x } from './f6';
export const h7 = { x };`,
      'apps/api/src/f8.ts': `import { h7 as x } from './f7';
export const h8 = { x };`,
      'apps/api/src/f9.ts': `import { h8 as x } from './f8';
export const h9 = { x };`,
      'apps/api/src/f10.ts': `import { h9 as x } from './f9';
export const h10 = { x };`,
      'apps/api/src/f11.ts': `import { h10 as x } from './f10';
export const h11 = { x };`,
      'apps/api/src/f12.ts': `import { h11 as x } from './f11';
export const h12 = { x };`,
      'apps/api/src/f13.ts': `import { h12 as x } from './f12';
export const h13 = { x };`,
      'apps/api/src/main.ts': `import { h13 } from './f13';
void h13.x.x.x.x.x.x.x.x.x.x.x.x.x.x.deliver('welcome');`
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "an undecorated calling-only class listed in `providers` of the API's Nest module produces in the API alone",
    files: {
      'libs/shared/package.json': SHARED_LIB,
      'apps/api/package.json': API_USES_SHARED,
      'apps/worker/package.json': WORKER_USES_SHARED,
      'libs/shared/src/queue.ts': REPORT_QUEUE,
      'libs/shared/src/util.ts': TRIM,
      'libs/shared/src/reporter.ts': `import { reportQueue } from './queue';
export class Reporter {
  async daily(): Promise<void> { await reportQueue.add('daily', {}); }
}`,
      'libs/shared/src/index.ts': SHARED_REPORTER_INDEX,
      'apps/api/src/app.module.ts': REPORTER_APP_MODULE,
      'apps/api/src/main.ts': NEST_API_MAIN,
      'apps/worker/src/main.ts': SHARED_TRIM_WORKER
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reporter.ts:3"]]]],
    },
  },
  {
    name: "the same with an `@OnEvent` method",
    files: {
      'libs/shared/package.json': SHARED_LIB,
      'apps/api/package.json': API_USES_SHARED,
      'apps/worker/package.json': WORKER_USES_SHARED,
      'libs/shared/src/queue.ts': REPORT_QUEUE,
      'libs/shared/src/util.ts': TRIM,
      'libs/shared/src/reporter.ts': `import { OnEvent } from '@nestjs/event-emitter';
import { reportQueue } from './queue';
export class Reporter {
  @OnEvent('order.created')
  async daily(): Promise<void> { await reportQueue.add('daily', {}); }
}`,
      'libs/shared/src/index.ts': SHARED_REPORTER_INDEX,
      'apps/api/src/app.module.ts': REPORTER_APP_MODULE,
      'apps/api/src/main.ts': NEST_API_MAIN,
      'apps/worker/src/main.ts': SHARED_TRIM_WORKER
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reporter.ts:5"]]]],
    },
  },
  {
    name: "the same with a `@Cron` method",
    files: {
      'libs/shared/package.json': SHARED_LIB,
      'apps/api/package.json': API_USES_SHARED,
      'apps/worker/package.json': WORKER_USES_SHARED,
      'libs/shared/src/queue.ts': REPORT_QUEUE,
      'libs/shared/src/util.ts': TRIM,
      'libs/shared/src/reporter.ts': `import { Cron } from '@nestjs/schedule';
import { reportQueue } from './queue';
export class Reporter {
  @Cron('0 * * * *')
  async daily(): Promise<void> { await reportQueue.add('daily', {}); }
}`,
      'libs/shared/src/index.ts': SHARED_REPORTER_INDEX,
      'apps/api/src/app.module.ts': REPORTER_APP_MODULE,
      'apps/api/src/main.ts': NEST_API_MAIN,
      'apps/worker/src/main.ts': SHARED_TRIM_WORKER
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reporter.ts:5"]]]],
    },
  },
  {
    name: "the same provided as `{ provide, useClass }`",
    files: {
      'libs/shared/package.json': SHARED_LIB,
      'apps/api/package.json': API_USES_SHARED,
      'apps/worker/package.json': WORKER_USES_SHARED,
      'libs/shared/src/queue.ts': REPORT_QUEUE,
      'libs/shared/src/util.ts': TRIM,
      'libs/shared/src/reporter.ts': `import { reportQueue } from './queue';
export class Reporter {
  async daily(): Promise<void> { await reportQueue.add('daily', {}); }
}`,
      'libs/shared/src/index.ts': SHARED_REPORTER_INDEX,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { Reporter } from '@acme/shared';
@Module({ providers: [{ provide: 'REPORTER', useClass: Reporter }] })
export class AppModule {}`,
      'apps/api/src/main.ts': NEST_API_MAIN,
      'apps/worker/src/main.ts': SHARED_TRIM_WORKER
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reporter.ts:3"]]]],
    },
  },
  {
    name: "an `@Injectable()` service that calls a calling-only helper, provided by the API's module",
    files: {
      'libs/shared/package.json': SHARED_LIB,
      'apps/api/package.json': API_USES_SHARED,
      'apps/worker/package.json': WORKER_USES_SHARED,
      'libs/shared/src/queue.ts': REPORT_QUEUE,
      'libs/shared/src/util.ts': TRIM,
      'libs/shared/src/send.ts': `import { reportQueue } from './queue';
export async function sendReport(): Promise<void> { await reportQueue.add('daily', {}); }`,
      'libs/shared/src/reports.service.ts': `import { Injectable } from '@nestjs/common';
import { sendReport } from './send';
@Injectable()
export class ReportsService {
  async daily(): Promise<void> { await sendReport(); }
}`,
      'libs/shared/src/index.ts': `export * from './reports.service';
export * from './send';
export * from './util';`,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { ReportsService } from '@acme/shared';
@Module({ providers: [ReportsService] })
export class AppModule {}`,
      'apps/api/src/main.ts': NEST_API_MAIN,
      'apps/worker/src/main.ts': SHARED_TRIM_WORKER
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/send.ts:2"]]]],
    },
  },
  {
    name: "the same service provided by a library module the API imports",
    files: {
      'libs/shared/package.json': SHARED_LIB,
      'apps/api/package.json': API_USES_SHARED,
      'apps/worker/package.json': WORKER_USES_SHARED,
      'libs/shared/src/queue.ts': REPORT_QUEUE,
      'libs/shared/src/util.ts': TRIM,
      'libs/shared/src/send.ts': `import { reportQueue } from './queue';
export async function sendReport(kind: string): Promise<void> { await reportQueue.add(kind, {}); }`,
      'libs/shared/src/reports.service.ts': `import { Injectable } from '@nestjs/common';
import { sendReport } from './send';
@Injectable()
export class ReportsService {
  async daily(): Promise<void> { await sendReport('daily'); }
}`,
      'libs/shared/src/reports.module.ts': `import { Module } from '@nestjs/common';
import { ReportsService } from './reports.service';
@Module({ providers: [ReportsService], exports: [ReportsService] })
export class ReportsModule {}`,
      'libs/shared/src/index.ts': SHARED_REPORTS_INDEX,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { ReportsModule } from '@acme/shared';
@Module({ imports: [ReportsModule] })
export class AppModule {}`,
      'apps/api/src/main.ts': NEST_API_MAIN,
      'apps/worker/src/main.ts': SHARED_TRIM_WORKER
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reports.service.ts:5"]]]],
    },
  },
];

runCases('calling-only code: callers found through modules, barrels, instances and DI', CASES);
