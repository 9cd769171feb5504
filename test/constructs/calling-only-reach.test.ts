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

const CASES: ConstructCase[] = [
  {
    name: "a Nest provider that only calls queue code, in a module one app imports from a shared barrel, produces in that app alone",
    files: {
      "libs/shared/package.json": "{\"name\":\"@acme/shared\",\"main\":\"src/index.ts\"}",
      "libs/shared/src/queue.ts": "import { Queue } from 'bullmq';\nexport function reportQueue(): Queue { return new Queue('reports', { connection: {} }); }",
      "libs/shared/src/reports.service.ts": "import { Injectable } from '@nestjs/common';\nimport { reportQueue } from './queue';\n@Injectable()\nexport class ReportsService {\n  async daily(): Promise<void> {\n    await reportQueue().add('daily', {});\n  }\n}",
      "libs/shared/src/reports.module.ts": "import { Module } from '@nestjs/common';\nimport { ReportsService } from './reports.service';\n@Module({ providers: [ReportsService] })\nexport class ReportsModule {}",
      "libs/shared/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/shared/src/index.ts": "export * from './reports.module';\nexport * from './reports.service';\nexport * from './util';",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { ReportsModule } from '@acme/shared';\n@Module({ imports: [ReportsModule] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nvoid bootstrap();",
      "apps/worker/src/worker.module.ts": "import { Module } from '@nestjs/common';\n@Module({})\nexport class WorkerModule {}",
      "apps/worker/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { Worker } from 'bullmq';\nimport { trim } from '@acme/shared';\nimport { WorkerModule } from './worker.module';\nasync function bootstrap() { await NestFactory.createApplicationContext(WorkerModule); }\nvoid bootstrap();\nnew Worker('reports', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:7"]],[["api","daily","libs/shared/src/reports.service.ts:6"]]]],
    },
  },
  {
    name: "the same provider imported from its module file directly",
    files: {
      "libs/shared/package.json": "{\"name\":\"@acme/shared\",\"main\":\"src/index.ts\"}",
      "libs/shared/src/queue.ts": "import { Queue } from 'bullmq';\nexport function reportQueue(): Queue { return new Queue('reports', { connection: {} }); }",
      "libs/shared/src/reports.service.ts": "import { Injectable } from '@nestjs/common';\nimport { reportQueue } from './queue';\n@Injectable()\nexport class ReportsService {\n  async daily(): Promise<void> {\n    await reportQueue().add('daily', {});\n  }\n}",
      "libs/shared/src/reports.module.ts": "import { Module } from '@nestjs/common';\nimport { ReportsService } from './reports.service';\n@Module({ providers: [ReportsService] })\nexport class ReportsModule {}",
      "libs/shared/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/shared/src/index.ts": "export * from './reports.module';\nexport * from './reports.service';\nexport * from './util';",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { ReportsModule } from '@acme/shared/src/reports.module';\n@Module({ imports: [ReportsModule] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nvoid bootstrap();",
      "apps/worker/src/worker.module.ts": "import { Module } from '@nestjs/common';\n@Module({})\nexport class WorkerModule {}",
      "apps/worker/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { Worker } from 'bullmq';\nimport { trim } from '@acme/shared';\nimport { WorkerModule } from './worker.module';\nasync function bootstrap() { await NestFactory.createApplicationContext(WorkerModule); }\nvoid bootstrap();\nnew Worker('reports', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:7"]],[["api","daily","libs/shared/src/reports.service.ts:6"]]]],
    },
  },
  {
    name: "a function in a relevant file that calls a calling-only function: its caller names the job",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/api/src/send.ts": "import { mailQueue } from './queue';\nexport async function send(kind: string): Promise<void> {\n  await mailQueue.add(kind, {});\n}",
      "apps/api/src/users.ts": "import type { Job } from 'bullmq';\nimport { send } from './send';\nexport type MailJob = Job;\nexport async function notifyUser(kind: string): Promise<void> {\n  await send(kind);\n}",
      "apps/api/src/main.ts": "import { notifyUser } from './users';\nvoid notifyUser('welcome');",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "the same when the middle file is relevant through an unrelated queue import",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/api/src/send.ts": "import { mailQueue } from './queue';\nexport async function send(kind: string): Promise<void> {\n  await mailQueue.add(kind, {});\n}",
      "apps/api/src/users.ts": "import { mailQueue } from './queue';\nimport { send } from './send';\nexport async function count(): Promise<number> { return mailQueue.count(); }\nexport async function notifyUser(kind: string): Promise<void> {\n  await send(kind);\n}",
      "apps/api/src/main.ts": "import { notifyUser } from './users';\nvoid notifyUser('welcome');",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "an `import { send }; export { send }` barrel between the caller and the calling-only function",
    files: {
      "apps/api/src/mail/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/api/src/mail/send.ts": "import { mailQueue } from './queue';\nexport async function send(kind: string): Promise<void> {\n  await mailQueue.add(kind, {});\n}",
      "apps/api/src/mail/index.ts": "import { send } from './send';\nexport { send };",
      "apps/api/src/main.ts": "import { send } from './mail';\nvoid send('welcome');",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a method reached through an object holding the instance (`export default { mailer }`)",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/api/src/mailer.ts": "import { mailQueue } from './queue';\nclass Mailer {\n  async deliver(kind: string): Promise<void> {\n    await mailQueue.add(kind, {});\n  }\n}\nconst mailer = new Mailer();\nconst services = { mailer };\nexport default services;",
      "apps/api/src/main.ts": "import services from './mailer';\nvoid services.mailer.deliver('welcome');",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a consumer started two calling-only calls away, in a library both apps load, is the worker's alone",
    files: {
      "libs/jobs/package.json": "{\"name\":\"@acme/jobs\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/jobs\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/jobs\":\"*\"}}",
      "libs/jobs/src/factory.ts": "import { Worker } from 'bullmq';\nexport function createWorker(name: string, fn: (job: unknown) => Promise<void>): Worker {\n  return new Worker(name, fn, { connection: {} });\n}",
      "libs/jobs/src/mail-worker.ts": "import { createWorker } from './factory';\nexport function startMailWorker(): void {\n  createWorker('mail', async () => undefined);\n}",
      "libs/jobs/src/index.ts": "import { Queue } from 'bullmq';\nimport { startMailWorker } from './mail-worker';\nexport const mailQueue = new Queue('mail', { connection: {} });\nexport function startWorkers(): void {\n  startMailWorker();\n}",
      "apps/worker/src/main.ts": "import { startWorkers } from '@acme/jobs';\nstartWorkers();",
      "apps/api/src/main.ts": "import { mailQueue } from '@acme/jobs';\nvoid mailQueue.add('welcome', {});"
    },
    expect: {
      queues: [["mail",[["worker","libs/jobs/src/mail-worker.ts:3"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a consumer started in onModuleInit of a provider only the worker's Nest app imports",
    files: {
      "libs/jobs/package.json": "{\"name\":\"@acme/jobs\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/jobs\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/jobs\":\"*\"}}",
      "libs/jobs/src/factory.ts": "import { Worker } from 'bullmq';\nexport function createWorker(name: string, fn: (job: unknown) => Promise<void>): Worker {\n  return new Worker(name, fn, { connection: {} });\n}",
      "libs/jobs/src/mail-worker.ts": "import { createWorker } from './factory';\nexport function startMailWorker(): void {\n  createWorker('mail', async () => undefined);\n}",
      "libs/jobs/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "libs/jobs/src/worker.service.ts": "import { Injectable, OnModuleInit } from '@nestjs/common';\nimport { createWorker } from './factory';\n@Injectable()\nexport class MailWorkerService implements OnModuleInit {\n  onModuleInit(): void {\n    createWorker('mail', async () => undefined);\n  }\n}",
      "libs/jobs/src/worker.module.ts": "import { Module } from '@nestjs/common';\nimport { MailWorkerService } from './worker.service';\n@Module({ providers: [MailWorkerService] })\nexport class MailWorkerModule {}",
      "libs/jobs/src/index.ts": "export * from './queue';\nexport * from './worker.module';",
      "apps/worker/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { MailWorkerModule } from '@acme/jobs';\n@Module({ imports: [MailWorkerModule] })\nexport class AppModule {}",
      "apps/worker/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nvoid NestFactory.createApplicationContext(AppModule);",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { mailQueue } from '@acme/jobs';\nimport { AppModule } from './app.module';\nvoid NestFactory.create(AppModule).then((app) => app.listen(3000));\nvoid mailQueue.add('welcome', {});"
    },
    expect: {
      queues: [["mail",[["worker","libs/jobs/src/worker.service.ts:6"]],[["api","welcome","apps/api/src/main.ts:5"]]]],
      findings: [["unreached-consumer","mail",null]],
    },
  },
  {
    name: "a method called on an instance another module builds",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/api/src/mailer.ts": "import { mailQueue } from './queue';\nexport class Mailer {\n  async deliver(kind: string): Promise<void> {\n    await mailQueue.add(kind, {});\n  }\n}",
      "apps/api/src/services.ts": "import { Mailer } from './mailer';\nexport const mailer = new Mailer();",
      "apps/api/src/main.ts": "import { mailer } from './services';\nvoid mailer.deliver('welcome');",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a method called through a field of another class (`users.mailer.deliver`)",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/api/src/mailer.ts": "import { mailQueue } from './queue';\nexport class Mailer {\n  async deliver(kind: string): Promise<void> {\n    await mailQueue.add(kind, {});\n  }\n}",
      "apps/api/src/users.ts": "import { Mailer } from './mailer';\nexport class Users {\n  readonly mailer = new Mailer();\n}",
      "apps/api/src/main.ts": "import { Users } from './users';\nconst users = new Users();\nvoid users.mailer.deliver('welcome');",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:3"]]]],
    },
  },
  {
    name: "an inherited calling-only method called on a subclass instance in another file",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/api/src/mailer.ts": "import { mailQueue } from './queue';\nexport class Mailer {\n  async deliver(kind: string): Promise<void> {\n    await mailQueue.add(kind, {});\n  }\n}",
      "apps/api/src/welcome-mailer.ts": "import { Mailer } from './mailer';\nexport class WelcomeMailer extends Mailer {\n  readonly from = 'hello@x';\n}",
      "apps/api/src/main.ts": "import { WelcomeMailer } from './welcome-mailer';\nvoid new WelcomeMailer().deliver('welcome');",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a method of an injected provider called from a controller that imports only the service holding it",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/api/src/mailer.ts": "import { Injectable } from '@nestjs/common';\nimport { mailQueue } from './queue';\n@Injectable()\nexport class Mailer {\n  async deliver(kind: string): Promise<void> {\n    await mailQueue.add(kind, {});\n  }\n}",
      "apps/api/src/users.service.ts": "import { Injectable } from '@nestjs/common';\nimport { Mailer } from './mailer';\n@Injectable()\nexport class UsersService {\n  constructor(readonly mailer: Mailer) {}\n}",
      "apps/api/src/users.controller.ts": "import { Controller, Post } from '@nestjs/common';\nimport { UsersService } from './users.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Post() async create(): Promise<void> {\n    await this.users.mailer.deliver('welcome');\n  }\n}",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { Mailer } from './mailer';\nimport { UsersService } from './users.service';\nimport { UsersController } from './users.controller';\n@Module({ providers: [Mailer, UsersService], controllers: [UsersController] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nvoid NestFactory.create(AppModule).then((app) => app.listen(3000));",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/users.controller.ts:7"]]]],
    },
  },
  {
    name: "a calling-only class constructed by an importer of an `import/export` barrel stays in that app",
    files: {
      "libs/mail/package.json": "{\"name\":\"@acme/mail\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "libs/mail/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "libs/mail/src/mailer.ts": "import { mailQueue } from './queue';\nexport class Mailer {\n  async sendWelcome(): Promise<void> {\n    await mailQueue.add('welcome', {});\n  }\n}",
      "libs/mail/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/mail/src/index.ts": "import { Mailer } from './mailer';\nexport { Mailer };\nexport * from './util';",
      "apps/api/src/main.ts": "import { Mailer } from '@acme/mail';\nvoid new Mailer().sendWelcome();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/mail';\nnew Worker('mail', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/mailer.ts:4"]]]],
    },
  },
  {
    name: "an instance another module of a shared library builds, called by one app only",
    files: {
      "libs/mail/package.json": "{\"name\":\"@acme/mail\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "libs/mail/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "libs/mail/src/mailer.ts": "import { mailQueue } from './queue';\nexport class Mailer {\n  async sendWelcome(): Promise<void> {\n    await mailQueue.add('welcome', {});\n  }\n}",
      "libs/mail/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/mail/src/instance.ts": "import { Mailer } from './mailer';\nexport const mailer = new Mailer();",
      "libs/mail/src/index.ts": "export * from './instance';\nexport * from './util';",
      "apps/api/src/main.ts": "import { mailer } from '@acme/mail';\nvoid mailer.sendWelcome();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/mail';\nnew Worker('mail', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/mailer.ts:4"]]]],
    },
  },
  {
    name: "an anonymous `export default async function (kind)` called by a default importer",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });",
      "apps/api/src/send.ts": "import { mailQueue } from './queue';\nexport default async function (kind: string): Promise<void> {\n  await mailQueue.add(kind, {});\n}",
      "apps/api/src/main.ts": "import send from './send';\nvoid send('welcome');"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "an anonymous default arrow function called by a default importer",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });",
      "apps/api/src/send.ts": "import { mailQueue } from './queue';\nexport default async (kind: string): Promise<void> => {\n  await mailQueue.add(kind, {});\n};",
      "apps/api/src/main.ts": "import send from './send';\nvoid send('welcome');"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a method of an anonymous default class constructed by an importer",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });",
      "apps/api/src/mailer.ts": "import { mailQueue } from './queue';\nexport default class {\n  async deliver(kind: string): Promise<void> { await mailQueue.add(kind, {}); }\n}",
      "apps/api/src/main.ts": "import Mailer from './mailer';\nvoid new Mailer().deliver('welcome');"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a CommonJS `exports.send = async function (kind)` destructured from `require`",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });",
      "apps/api/src/send.js": "const { mailQueue } = require('./queue');\nexports.send = async function (kind) {\n  await mailQueue.add(kind, {});\n};",
      "apps/api/src/main.js": "const { send } = require('./send');\nvoid send('welcome');"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.js:2"]]]],
    },
  },
  {
    name: "a CommonJS `module.exports.send = async (kind) =>` called as `mail.send(…)`",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });",
      "apps/api/src/send.js": "const { mailQueue } = require('./queue');\nmodule.exports.send = async (kind) => { await mailQueue.add(kind, {}); };",
      "apps/api/src/main.js": "const mail = require('./send');\nvoid mail.send('welcome');"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.js:2"]]]],
    },
  },
  {
    name: "an anonymous default function behind `export { default as sendWelcome }` in a shared library produces only in the app that calls it",
    files: {
      "libs/mail/package.json": "{\"name\":\"@acme/mail\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "libs/mail/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "libs/mail/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/mail';\nnew Worker('mail', async (job) => trim(job.name), { connection: {} });",
      "libs/mail/src/welcome.ts": "import { mailQueue } from './queue';\nexport default async function (): Promise<void> { await mailQueue.add('welcome', {}); }",
      "libs/mail/src/index.ts": "export { default as sendWelcome } from './welcome';\nexport * from './util';",
      "apps/api/src/main.ts": "import { sendWelcome } from '@acme/mail';\nvoid sendWelcome();"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/welcome.ts:2"]]]],
    },
  },
  {
    name: "a CommonJS `exports.sendWelcome` behind `export *` in a shared library produces only in the app that calls it",
    files: {
      "libs/mail/package.json": "{\"name\":\"@acme/mail\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "libs/mail/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "libs/mail/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/mail';\nnew Worker('mail', async (job) => trim(job.name), { connection: {} });",
      "libs/mail/src/welcome.js": "const { mailQueue } = require('./queue');\nexports.sendWelcome = async function () { await mailQueue.add('welcome', {}); };",
      "libs/mail/src/index.ts": "export * from './welcome';\nexport * from './util';",
      "apps/api/src/main.ts": "import { sendWelcome } from '@acme/mail';\nvoid sendWelcome();"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/welcome.js:2"]]]],
    },
  },
  {
    name: "a class handed on in an object (`export const classes = { Mailer }`) and constructed as `new classes.Mailer()` by one app",
    files: {
      "libs/mail/package.json": "{\"name\":\"@acme/mail\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/mail\":\"*\"}}",
      "libs/mail/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "libs/mail/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/mail';\nnew Worker('mail', async (job) => trim(job.name), { connection: {} });",
      "libs/mail/src/mailer.ts": "import { mailQueue } from './queue';\nexport class Mailer {\n  async welcome(): Promise<void> { await mailQueue.add('welcome', {}); }\n}",
      "libs/mail/src/index.ts": "import { Mailer } from './mailer';\nexport const classes = { Mailer };\nexport * from './util';",
      "apps/api/src/main.ts": "import { classes } from '@acme/mail';\nvoid new classes.Mailer().welcome();"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:3"]],[["api","welcome","libs/mail/src/mailer.ts:3"]]]],
    },
  },
  {
    name: "a caller thirteen `export *` barrels away",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });",
      "apps/api/src/send.ts": "import { mailQueue } from './queue';\nexport async function send(kind: string): Promise<void> {\n  await mailQueue.add(kind, {});\n}",
      "apps/api/src/b0.ts": "export * from './send';",
      "apps/api/src/b1.ts": "export * from './b0';",
      "apps/api/src/b2.ts": "export * from './b1';",
      "apps/api/src/b3.ts": "export * from './b2';",
      "apps/api/src/b4.ts": "export * from './b3';",
      "apps/api/src/b5.ts": "export * from './b4';",
      "apps/api/src/b6.ts": "export * from './b5';",
      "apps/api/src/b7.ts": "export * from './b6';",
      "apps/api/src/b8.ts": "export * from './b7';",
      "apps/api/src/b9.ts": "export * from './b8';",
      "apps/api/src/b10.ts": "export * from './b9';",
      "apps/api/src/b11.ts": "export * from './b10';",
      "apps/api/src/b12.ts": "export * from './b11';",
      "apps/api/src/main.ts": "import { send } from './b12';\nvoid send('welcome');"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a caller fourteen barrels away",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });",
      "apps/api/src/send.ts": "import { mailQueue } from './queue';\nexport async function send(kind: string): Promise<void> {\n  await mailQueue.add(kind, {});\n}",
      "apps/api/src/b0.ts": "export * from './send';",
      "apps/api/src/b1.ts": "export * from './b0';",
      "apps/api/src/b2.ts": "export * from './b1';",
      "apps/api/src/b3.ts": "export * from './b2';",
      "apps/api/src/b4.ts": "export * from './b3';",
      "apps/api/src/b5.ts": "export * from './b4';",
      "apps/api/src/b6.ts": "export * from './b5';",
      "apps/api/src/b7.ts": "export * from './b6';",
      "apps/api/src/b8.ts": "export * from './b7';",
      "apps/api/src/b9.ts": "export * from './b8';",
      "apps/api/src/b10.ts": "export * from './b9';",
      "apps/api/src/b11.ts": "export * from './b10';",
      "apps/api/src/b12.ts": "export * from './b11';",
      "apps/api/src/b13.ts": "export * from './b12';",
      "apps/api/src/main.ts": "import { send } from './b13';\nvoid send('welcome');"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "a caller reaching the method through fourteen files that each wrap the previous one in an object",
    files: {
      "apps/api/src/queue.ts": "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection: {} });",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', async () => undefined, { connection: {} });",
      "apps/api/src/mailer.ts": "import { mailQueue } from './queue';\nclass Mailer { async deliver(kind: string): Promise<void> { await mailQueue.add(kind, {}); } }\nexport const mailer = new Mailer();",
      "apps/api/src/f0.ts": "import { mailer as x } from './mailer';\nexport const h0 = { x };",
      "apps/api/src/f1.ts": "import { h0 as x } from './f0';\nexport const h1 = { x };",
      "apps/api/src/f2.ts": "import { h1 as x } from './f1';\nexport const h2 = { x };",
      "apps/api/src/f3.ts": "import { h2 as x } from './f2';\nexport const h3 = { x };",
      "apps/api/src/f4.ts": "import { h3 as x } from './f3';\nexport const h4 = { x };",
      "apps/api/src/f5.ts": "import { h4 as x } from './f4';\nexport const h5 = { x };",
      "apps/api/src/f6.ts": "import { h5 as x } from './f5';\nexport const h6 = { x };",
      "apps/api/src/f7.ts": "import { h6 as x } from './f6';\nexport const h7 = { x };",
      "apps/api/src/f8.ts": "import { h7 as x } from './f7';\nexport const h8 = { x };",
      "apps/api/src/f9.ts": "import { h8 as x } from './f8';\nexport const h9 = { x };",
      "apps/api/src/f10.ts": "import { h9 as x } from './f9';\nexport const h10 = { x };",
      "apps/api/src/f11.ts": "import { h10 as x } from './f10';\nexport const h11 = { x };",
      "apps/api/src/f12.ts": "import { h11 as x } from './f11';\nexport const h12 = { x };",
      "apps/api/src/f13.ts": "import { h12 as x } from './f12';\nexport const h13 = { x };",
      "apps/api/src/main.ts": "import { h13 } from './f13';\nvoid h13.x.x.x.x.x.x.x.x.x.x.x.x.x.x.deliver('welcome');"
    },
    expect: {
      queues: [["mail",[["worker","apps/worker/src/main.ts:2"]],[["api","welcome","apps/api/src/main.ts:2"]]]],
    },
  },
  {
    name: "an undecorated calling-only class listed in `providers` of the API's Nest module produces in the API alone",
    files: {
      "libs/shared/package.json": "{\"name\":\"@acme/shared\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "libs/shared/src/queue.ts": "import { Queue } from 'bullmq';\nexport const reportQueue = new Queue('reports', { connection: {} });",
      "libs/shared/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/shared/src/reporter.ts": "import { reportQueue } from './queue';\nexport class Reporter {\n  async daily(): Promise<void> { await reportQueue.add('daily', {}); }\n}",
      "libs/shared/src/index.ts": "export * from './reporter';\nexport * from './util';",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { Reporter } from '@acme/shared';\n@Module({ providers: [Reporter] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nvoid bootstrap();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/shared';\nnew Worker('reports', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reporter.ts:3"]]]],
    },
  },
  {
    name: "the same with an `@OnEvent` method",
    files: {
      "libs/shared/package.json": "{\"name\":\"@acme/shared\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "libs/shared/src/queue.ts": "import { Queue } from 'bullmq';\nexport const reportQueue = new Queue('reports', { connection: {} });",
      "libs/shared/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/shared/src/reporter.ts": "import { OnEvent } from '@nestjs/event-emitter';\nimport { reportQueue } from './queue';\nexport class Reporter {\n  @OnEvent('order.created')\n  async daily(): Promise<void> { await reportQueue.add('daily', {}); }\n}",
      "libs/shared/src/index.ts": "export * from './reporter';\nexport * from './util';",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { Reporter } from '@acme/shared';\n@Module({ providers: [Reporter] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nvoid bootstrap();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/shared';\nnew Worker('reports', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reporter.ts:5"]]]],
    },
  },
  {
    name: "the same with a `@Cron` method",
    files: {
      "libs/shared/package.json": "{\"name\":\"@acme/shared\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "libs/shared/src/queue.ts": "import { Queue } from 'bullmq';\nexport const reportQueue = new Queue('reports', { connection: {} });",
      "libs/shared/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/shared/src/reporter.ts": "import { Cron } from '@nestjs/schedule';\nimport { reportQueue } from './queue';\nexport class Reporter {\n  @Cron('0 * * * *')\n  async daily(): Promise<void> { await reportQueue.add('daily', {}); }\n}",
      "libs/shared/src/index.ts": "export * from './reporter';\nexport * from './util';",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { Reporter } from '@acme/shared';\n@Module({ providers: [Reporter] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nvoid bootstrap();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/shared';\nnew Worker('reports', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reporter.ts:5"]]]],
    },
  },
  {
    name: "the same provided as `{ provide, useClass }`",
    files: {
      "libs/shared/package.json": "{\"name\":\"@acme/shared\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "libs/shared/src/queue.ts": "import { Queue } from 'bullmq';\nexport const reportQueue = new Queue('reports', { connection: {} });",
      "libs/shared/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/shared/src/reporter.ts": "import { reportQueue } from './queue';\nexport class Reporter {\n  async daily(): Promise<void> { await reportQueue.add('daily', {}); }\n}",
      "libs/shared/src/index.ts": "export * from './reporter';\nexport * from './util';",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { Reporter } from '@acme/shared';\n@Module({ providers: [{ provide: 'REPORTER', useClass: Reporter }] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nvoid bootstrap();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/shared';\nnew Worker('reports', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reporter.ts:3"]]]],
    },
  },
  {
    name: "an `@Injectable()` service that calls a calling-only helper, provided by the API's module",
    files: {
      "libs/shared/package.json": "{\"name\":\"@acme/shared\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "libs/shared/src/queue.ts": "import { Queue } from 'bullmq';\nexport const reportQueue = new Queue('reports', { connection: {} });",
      "libs/shared/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/shared/src/send.ts": "import { reportQueue } from './queue';\nexport async function sendReport(): Promise<void> { await reportQueue.add('daily', {}); }",
      "libs/shared/src/reports.service.ts": "import { Injectable } from '@nestjs/common';\nimport { sendReport } from './send';\n@Injectable()\nexport class ReportsService {\n  async daily(): Promise<void> { await sendReport(); }\n}",
      "libs/shared/src/index.ts": "export * from './reports.service';\nexport * from './send';\nexport * from './util';",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { ReportsService } from '@acme/shared';\n@Module({ providers: [ReportsService] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nvoid bootstrap();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/shared';\nnew Worker('reports', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/send.ts:2"]]]],
    },
  },
  {
    name: "the same service provided by a library module the API imports",
    files: {
      "libs/shared/package.json": "{\"name\":\"@acme/shared\",\"main\":\"src/index.ts\"}",
      "apps/api/package.json": "{\"name\":\"api\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "apps/worker/package.json": "{\"name\":\"worker\",\"scripts\":{\"start\":\"node dist/main.js\"},\"dependencies\":{\"@acme/shared\":\"*\"}}",
      "libs/shared/src/queue.ts": "import { Queue } from 'bullmq';\nexport const reportQueue = new Queue('reports', { connection: {} });",
      "libs/shared/src/util.ts": "export const trim = (s: string): string => s.trim();",
      "libs/shared/src/send.ts": "import { reportQueue } from './queue';\nexport async function sendReport(kind: string): Promise<void> { await reportQueue.add(kind, {}); }",
      "libs/shared/src/reports.service.ts": "import { Injectable } from '@nestjs/common';\nimport { sendReport } from './send';\n@Injectable()\nexport class ReportsService {\n  async daily(): Promise<void> { await sendReport('daily'); }\n}",
      "libs/shared/src/reports.module.ts": "import { Module } from '@nestjs/common';\nimport { ReportsService } from './reports.service';\n@Module({ providers: [ReportsService], exports: [ReportsService] })\nexport class ReportsModule {}",
      "libs/shared/src/index.ts": "export * from './reports.module';\nexport * from './reports.service';\nexport * from './util';",
      "apps/api/src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { ReportsModule } from '@acme/shared';\n@Module({ imports: [ReportsModule] })\nexport class AppModule {}",
      "apps/api/src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nvoid bootstrap();",
      "apps/worker/src/main.ts": "import { Worker } from 'bullmq';\nimport { trim } from '@acme/shared';\nnew Worker('reports', async (job) => trim(job.name), { connection: {} });"
    },
    expect: {
      queues: [["reports",[["worker","apps/worker/src/main.ts:3"]],[["api","daily","libs/shared/src/reports.service.ts:5"]]]],
    },
  },
];

runCases('calling-only code: callers found through modules, barrels, instances and DI', CASES);
