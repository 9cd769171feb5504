/**
 * Wrong verdicts found in review, each reproduced on a tiny monorepo written to a temp folder.
 * Every case names the rule or fact that used to be wrong.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { twoServiceRepo } from '../support/repo-files.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A two-service npm-workspaces repo (apps/api, apps/worker) plus the given files. */
function repo(files: Record<string, string>): string {
  const dir = twoServiceRepo('job-owners-review-', files);
  dirs.push(dir);
  return dir;
}

const rules = (root: string) => analyze({ root }).findings.map((f) => `${f.rule} ${f.queue ?? ''}${f.job ? `:${f.job}` : ''}`);

describe('review regressions', () => {
  it('a wrapper that builds `app-${name}` resolves to the full name at the call site', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
function start(name: string) { return new Worker(\`app-\${name}\`, async () => undefined, { connection: {} }); }
start('emails');`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const q = new Queue('app-emails');
export const send = () => q.add('welcome', {});`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.owner])).toEqual([['app-emails', 'worker']]);
    expect(result.findings).toEqual([]);
  });

  it('`if (!handler) return;` before a handler-map call completes unknown names (silent-completion)', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
const handlers = { resize: async () => 1, crop: async () => 2 };
new Worker('images', async (job) => {
  const handler = handlers[job.name as keyof typeof handlers];
  if (!handler) return;
  return handler();
}, { connection: {} });`,
    });
    const [queue] = analyze({ root }).queues;
    expect(queue!.consumers.map((c) => [c.handles, c.unhandled])).toEqual([[['crop', 'resize'], 'completes']]);
    expect(rules(root)).toEqual(['orphan-handler images:crop', 'orphan-handler images:resize', 'silent-completion images']);
  });

  it('a `case` label that cannot be resolved is an unresolved-name warning, not an unhandled-job error', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { JOBS } from 'some-external-package';
new Worker('mail', async (job) => {
  switch (job.name) {
    case JOBS.SEND: return 1;
    default: throw new Error('unknown');
  }
}, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
export const send = () => new Queue('mail').add('send', {});`,
    });
    expect(rules(root)).toEqual(['unresolved-name mail']);
  });

  it('registerQueue without a prefix inherits forRoot({ prefix }), whatever the comments say', () => {
    const nest = (name: string, extra: string) => `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
${extra}
// The prefix comes from forRoot: every queue of this app lives under "acme".
@Module({ imports: [BullModule.forRoot({ prefix: 'acme', connection: {} }), BullModule.registerQueue({ name: 'reports' })], providers: [${name}] })
export class AppModule {}`;
    const root = repo({
      'apps/api/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
NestFactory.create(AppModule);`,
      'apps/api/src/app.module.ts': nest('ReportsService', "import { ReportsService } from './reports.service';"),
      'apps/api/src/reports.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
@Injectable()
export class ReportsService {
  constructor(@InjectQueue('reports') private readonly queue: Queue) {}
  build() { return this.queue.add('build', {}); }
}`,
      'apps/worker/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
NestFactory.createApplicationContext(AppModule);`,
      'apps/worker/src/app.module.ts': nest('ReportsProcessor', "import { ReportsProcessor } from './reports.processor';"),
      'apps/worker/src/reports.processor.ts': `import { Processor, WorkerHost } from '@nestjs/bullmq';
@Processor('reports')
export class ReportsProcessor extends WorkerHost {
  async process() { return 1; }
}`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.prefix, q.owner])).toEqual([['reports', 'acme', 'worker']]);
    expect(result.findings).toEqual([]);
  });

  it('a commented-out import does not make a service run a library worker', () => {
    const root = repo({
      'libs/jobs/package.json': JSON.stringify({ name: '@acme/jobs', main: 'src/index.ts' }),
      'libs/jobs/src/index.ts': `export * from './heartbeat';`,
      'libs/jobs/src/heartbeat.ts': `import { Worker } from 'bullmq';
export const heartbeat = new Worker('heartbeat', async () => undefined, { connection: {} });`,
      'apps/worker/src/main.ts': `import '@acme/jobs';`,
      'apps/api/src/main.ts': `// import '@acme/jobs';  (disabled: the API must not consume)
/* import { heartbeat } from '@acme/jobs'; */
export const ok = true;`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.owner])).toEqual([['heartbeat', 'worker']]);
    const via = result.queues[0]!.consumers[0]!.via!;
    expect(via.map((s) => `${s.kind} ${s.file}:${s.line}`)).toEqual(['import apps/worker/src/main.ts:1', 'import libs/jobs/src/index.ts:1']);
  });

  it('a reassigned `let` is not a constant', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
let name = 'first';
if (process.env.SECOND) name = 'second';
new Worker(name, async () => undefined, { connection: {} });`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => q.queue)).toEqual(['<unresolved>']);
    expect(result.findings[0]!.message).toContain('is reassigned');
  });

  it('a module imported conditionally and unconditionally is unconditional', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { JobsModule } from './jobs.module';
@Module({ imports: [process.env.FLAG ? [JobsModule] : [], JobsModule, BullModule.registerQueue({ name: 'jobs' })] })
class AppModule {}
NestFactory.create(AppModule);`,
      'apps/worker/src/jobs.module.ts': `import { Module } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
@Processor('jobs')
export class JobsProcessor extends WorkerHost { async process() { return 1; } }
@Module({ providers: [JobsProcessor] })
export class JobsModule {}`,
    });
    const consumer = analyze({ root }).queues[0]!.consumers[0]!;
    expect(consumer.service).toBe('worker');
    expect(consumer.conditions).toBeUndefined();
  });

  it('an @nestjs/bullmq @Processor that does not extend WorkerHost never consumes', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Processor } from '@nestjs/bullmq';
@Processor('orphans')
export class NotAHost { async process() { return 1; } }`,
    });
    expect(analyze({ root }).queues).toEqual([]);
  });

  it('a name chosen by an environment variable is one queue, shown by its default, alternatives kept', () => {
    const root = repo({
      'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
      'libs/queues/src/index.ts': `import { Queue } from 'bullmq';
const queueName = (name: string) => (process.env.CLUSTER ? \`{\${name}}\` : name);
export const sessionsQueue = new Queue(queueName('sessions'), { connection: {} });`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { sessionsQueue } from '@acme/queues';
new Worker(sessionsQueue.name, async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Worker } from 'bullmq';
import { sessionsQueue } from '@acme/queues';
new Worker(sessionsQueue.name, async () => undefined, { connection: {} });`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.alternatives])).toEqual([['sessions', ['{sessions}']]]);
    const owners = result.findings.filter((f) => f.rule === 'multiple-owners');
    expect(owners.map((f) => [f.queue, f.services, f.locations.map((l) => `${l.file}:${l.line}`)])).toEqual([
      ['sessions', ['api', 'worker'], ['apps/api/src/main.ts:3', 'apps/worker/src/main.ts:3']],
    ]);
  });

  it('consumers naming the same unresolvable expression in two services are multiple owners', () => {
    const root = repo({
      'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
      'libs/queues/src/index.ts': `import { Queue } from 'bullmq';
const queueName = process.env.SESSIONS_QUEUE!;
export const sessionsQueue = new Queue(queueName, { connection: {} });`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { sessionsQueue } from '@acme/queues';
new Worker(sessionsQueue.name, async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Worker } from 'bullmq';
import { sessionsQueue } from '@acme/queues';
new Worker(sessionsQueue.name, async () => undefined, { connection: {} });`,
    });
    const owners = analyze({ root }).findings.filter((f) => f.rule === 'multiple-owners');
    expect(owners.map((f) => [f.queue, f.services, f.locations.map((l) => `${l.file}:${l.line}`)])).toEqual([
      [null, ['api', 'worker'], ['apps/api/src/main.ts:3', 'apps/worker/src/main.ts:3', 'libs/queues/src/index.ts:2']],
    ]);
  });

  it('names passed in by different callers of a wrapper are not taken for one queue', () => {
    const root = repo({
      'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
      'libs/queues/src/index.ts': `import { Worker } from 'bullmq';
export function startWorker(name: string) { return new Worker(name, async () => undefined, { connection: {} }); }`,
      'apps/worker/src/main.ts': `import { startWorker } from '@acme/queues';
startWorker(process.env.WORKER_QUEUE!);`,
      'apps/api/src/main.ts': `import { startWorker } from '@acme/queues';
startWorker(process.env.API_QUEUE!);`,
    });
    // Two causes (two environment variables), one unresolved-name warning each; no multiple-owners.
    expect(analyze({ root }).findings.map((f) => [f.rule, f.services])).toEqual([
      ['unresolved-name', ['api']],
      ['unresolved-name', ['worker']],
    ]);
  });

  it('a queue name kept on `this` by a constructor resolves at each `new`', () => {
    const root = repo({
      'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
      'libs/queues/src/index.ts': `import { Queue, Worker } from 'bullmq';
export class QueueService {
  private readonly queue: Queue;
  constructor(private readonly name: string) {
    this.queue = new Queue(name, { connection: {} });
  }
  start() { return new Worker(this.name, async () => undefined, { connection: {} }); }
}
export class Topic {
  topic: string;
  constructor(topic: string) { this.topic = topic; }
  listen() { return new Worker(this.topic, async () => undefined, { connection: {} }); }
}`,
      'apps/worker/src/main.ts': `import { QueueService, Topic } from '@acme/queues';
new QueueService('emails').start();
new Topic('audits').listen();`,
      'apps/api/src/main.ts': `import { QueueService } from '@acme/queues';
new QueueService('emails').start();`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.owner, q.consumers.map((c) => `${c.service} ${c.file}:${c.line}`)])).toEqual([
      ['audits', 'worker', ['worker apps/worker/src/main.ts:3']],
      ['emails', null, ['api apps/api/src/main.ts:2', 'worker apps/worker/src/main.ts:2']],
    ]);
    expect(result.findings.map((f) => `${f.rule} ${f.queue}`)).toEqual(['multiple-owners emails']);
  });

  it('a Worker class chosen at runtime, a topic kept on `this`, a subclass Nest instantiates (novu)', () => {
    const root = repo({
      'apps/ws/package.json': JSON.stringify({ name: 'ws', scripts: { start: 'node dist/main.js' } }),
      'libs/generic/package.json': JSON.stringify({ name: '@acme/generic', main: 'src/index.ts' }),
      'libs/generic/src/index.ts': `export * from './bull-mq.service';\nexport * from './worker-base.service';\nexport * from './web-sockets-worker.service';`,
      'libs/generic/src/bull-mq.service.ts': `import { Worker } from 'bullmq';
export class BullMqService {
  static pro = false;
  createWorker(topic: string, processor: (job: unknown) => Promise<unknown>) {
    const WorkerClass = !BullMqService.pro ? Worker : require('@taskforcesh/bullmq-pro').WorkerPro;
    return new WorkerClass(topic, processor, { connection: {} });
  }
}`,
      'libs/generic/src/worker-base.service.ts': `import { BullMqService } from './bull-mq.service';
export class WorkerBaseService {
  private instance: BullMqService;
  constructor(public readonly topic: string, bullMq: BullMqService) { this.instance = bullMq; }
  initWorker(processor: (job: unknown) => Promise<unknown>) { this.createWorker(processor); }
  createWorker(processor: (job: unknown) => Promise<unknown>) { this.instance.createWorker(this.topic, processor); }
}`,
      'libs/generic/src/web-sockets-worker.service.ts': `import { BullMqService } from './bull-mq.service';
import { WorkerBaseService } from './worker-base.service';
export class WebSocketsWorkerService extends WorkerBaseService {
  constructor(bullMq: BullMqService) { super('ws_socket_queue', bullMq); }
}`,
      'apps/ws/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { BullMqService, WebSocketsWorkerService } from '@acme/generic';
class WebSocketWorker extends WebSocketsWorkerService {
  constructor(bullMq: BullMqService) {
    super(bullMq);
    this.initWorker(async () => undefined);
  }
}
@Module({ imports: [BullModule.registerQueue({ name: 'ws_socket_queue' })], providers: [WebSocketWorker] })
class AppModule {}
NestFactory.create(AppModule);`,
    });
    const [queue] = analyze({ root }).queues;
    expect([queue!.queue, queue!.owner]).toEqual(['ws_socket_queue', 'ws']);
    expect(queue!.consumers.map((c) => [c.service, c.file, c.line, c.attribution])).toEqual([
      ['ws', 'libs/generic/src/web-sockets-worker.service.ts', 4, 'nest-module'],
    ]);
  });

  // Constructs found running the tool on more public monorepos (documenso, vendure, latitude-llm, erxes, midday).
  it('a queue assigned to a field in the constructor is that queue (not "created elsewhere")', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
const QUEUE_NAME = 'documents';
export class JobsProvider {
  private _queue: Queue;
  constructor() {
    this._queue = new Queue(QUEUE_NAME, { connection: {} });
    new Worker(QUEUE_NAME, async (job) => { if (job.name !== 'seal') throw new Error(job.name); }, { connection: {} });
  }
  trigger() { return this._queue.add('seal', {}); }
}`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.owner, q.producers.map((p) => p.job)])).toEqual([['documents', 'worker', ['seal']]]);
    expect(result.findings).toEqual([]);
  });

  it('a library factory runs where it is called, not in every service importing its module', () => {
    const root = repo({
      'libs/q/package.json': JSON.stringify({ name: '@acme/q', main: 'src/index.ts' }),
      'libs/q/src/index.ts': `import { Queue, Worker } from 'bullmq';
export const createPublisher = () => { const q = new Queue('emails'); return { send: (d: unknown) => q.add('send', d) }; };
export const createConsumer = () => new Worker('emails', async (job) => { if (job.name !== 'send') throw new Error('no'); });`,
      'apps/worker/src/main.ts': `import { createConsumer } from '@acme/q';\ncreateConsumer();`,
      'apps/api/src/main.ts': `import { createPublisher } from '@acme/q';\ncreatePublisher().send({});`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.owner, q.consumers.map((c) => [c.service, c.attribution])])).toEqual([['emails', 'worker', [['worker', 'import']]]]);
    expect(result.findings).toEqual([]);
  });

  it('a wrapper template over two parameters resolves at each call', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
const mk = (service: string, queueName: string) => new Worker(\`\${service}-\${queueName}\`, async () => undefined, { connection: {} });
mk('content', 'check');
new Queue('content-check').add('content-check', {});`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.owner])).toEqual([['content-check', 'worker']]);
    expect(result.findings).toEqual([]);
  });

  it('a queue picked by a switch is the case its callers pick, never the first case', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
const aQ = new Queue('a'); const bQ = new Queue('b');
function byName(n: string): Queue { switch (n) { case 'a': return aQ; case 'b': return bQ; default: throw new Error(n); } }
export async function sched(queue: string) { await byName(queue).upsertJobScheduler('s', { every: 1000 }, { name: 'tick' }); }
sched('b');
new Worker('b', async (job) => { if (job.name !== 'tick') throw new Error('x'); }, { connection: {} });`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.producers.map((p) => p.job)])).toEqual([['b', ['tick']]]);
    expect(result.findings).toEqual([]);
  });

  it('a queue picked at runtime by a switch is unresolved, never the first case', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
const aQ = new Queue('a'); const bQ = new Queue('b');
function byName(n: string): Queue { switch (n) { case 'a': return aQ; case 'b': return bQ; default: throw new Error(n); } }
export async function sched(req: { body: { queue: string } }) { await byName(req.body.queue).upsertJobScheduler('s', { every: 1000 }, { name: 'tick' }); }
new Worker('b', async (job) => { if (job.name !== 'tick') throw new Error('x'); }, { connection: {} });`,
    });
    const result = analyze({ root });
    expect(result.findings.map((f) => f.rule)).toEqual(['unresolved-name']);
    expect(result.findings[0]!.message).toContain('chosen at runtime');
  });

  it('a queue returned through .then(() => q) is still a queue', () => {
    const root = repo({
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
const getQueue = (name: string) => new Queue(name);
const ready = (name: string) => { const q = getQueue(name); return q.waitUntilReady().then(() => q); };
export const publish = async (queue: string, task: string) => { const rq = await ready(queue); await rq.add(task, {}); };
publish('tasks', 'x');
new Worker('tasks', async () => undefined, { connection: {} });`,
    });
    const result = analyze({ root });
    expect(result.queues.map((q) => [q.queue, q.producers.map((p) => p.job)])).toEqual([['tasks', ['x']]]);
  });
});
