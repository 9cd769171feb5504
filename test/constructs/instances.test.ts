/**
 * Queues held by objects: a client class whose constructor takes the queue name (two instances,
 * each `enqueue` on its own queue only), static members, singletons, inherited methods and
 * `super.add`, an abstract getter implemented per subclass, Nest-injected fields reached through
 * another provider, and `moduleRef.get(getQueueToken(X))`.
 *
 * A producer whose job name is a parameter is located at the call that passes the name; one
 * whose names are fixed where it calls `add` is located at that `add`
 * (fixtures/issue3-lib-worker-wrapper/EXPECTED.md).
 */
import { type ConstructCase, runCases } from './table.js';

/** The worker app: one catch-all Worker per queue, line 2 onwards, in the order given. */
const workers = (...queues: string[]): string => `import { Worker } from 'bullmq';
${queues.map((q) => `new Worker('${q}', async () => undefined, { connection: {} });`).join('\n')}`;

const QUEUE_CLIENT = `import { Queue } from 'bullmq';
export class QueueClient {
  private readonly queue: Queue;
  constructor(name: string) {
    this.queue = new Queue(name, { connection: {} });
  }
  enqueue(job: string, data: unknown) {
    return this.queue.add(job, data);
  }
}`;

const nestBootstrap = `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
void bootstrap();`;

const CASES: ConstructCase[] = [
  {
    name: 'two QueueClient instances on different queues: each enqueue goes to its own queue only',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/queue-client.ts': QUEUE_CLIENT,
      'apps/api/src/main.ts': `import { QueueClient } from './queue-client';
const mail = new QueueClient('mail');
const sms = new QueueClient('sms');
void mail.enqueue('welcome', {});
void sms.enqueue('otp', {});`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:4']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'otp', 'apps/api/src/main.ts:5']]],
      ],
    },
  },
  {
    name: 'QueueClient instances held in fields of another class keep their own queues',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/queue-client.ts': QUEUE_CLIENT,
      'apps/api/src/main.ts': `import { QueueClient } from './queue-client';
class Notifier {
  private readonly mail = new QueueClient('mail');
  private readonly sms = new QueueClient('sms');
  async signup() {
    await this.mail.enqueue('welcome', {});
    await this.sms.enqueue('verify-phone', {});
  }
}
void new Notifier().signup();`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:6']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'verify-phone', 'apps/api/src/main.ts:7']]],
      ],
    },
  },
  {
    name: 'a QueueClient whose queue name is read from the environment is unresolved, the other instance is not',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/queue-client.ts': QUEUE_CLIENT,
      'apps/api/src/main.ts': `import { QueueClient } from './queue-client';
const mail = new QueueClient('mail');
const other = new QueueClient(process.env.OTHER_QUEUE!);
void mail.enqueue('welcome', {});
void other.enqueue('ping', {});`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:4']]],
        ['<unresolved>', [], [['api', 'ping', 'apps/api/src/main.ts:5']]],
      ],
      findings: [['unresolved-name', null, null, 'OTHER_QUEUE']],
    },
  },
  {
    name: 'static members: a static queue field and a static method that adds to it',
    files: {
      'apps/worker/src/main.ts': workers('reports'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
class ReportJobs {
  static readonly queue = new Queue('reports', { connection: {} });
  static schedule(job: string) {
    return ReportJobs.queue.add(job, {});
  }
}
void ReportJobs.schedule('monthly');
void ReportJobs.schedule('yearly');`,
    },
    expect: {
      queues: [
        [
          'reports',
          [['worker', 'apps/worker/src/main.ts:2']],
          [
            ['api', 'monthly', 'apps/api/src/main.ts:8'],
            ['api', 'yearly', 'apps/api/src/main.ts:9'],
          ],
        ],
      ],
    },
  },
  {
    name: 'a static factory method returning new Queue(name) resolves per call',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
class Queues {
  static create(name: string): Queue {
    return new Queue(name, { connection: {} });
  }
}
const mail = Queues.create('mail');
const sms = Queues.create('sms');
void mail.add('welcome', {});
void sms.add('otp', {});`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:9']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'otp', 'apps/api/src/main.ts:10']]],
      ],
    },
  },
  {
    name: 'a singleton X.getInstance() with a fixed job name in its method',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/mail-queue.ts': `import { Queue } from 'bullmq';
export class MailQueue {
  private static instance: MailQueue | undefined;
  private readonly queue = new Queue('mail', { connection: {} });
  static getInstance(): MailQueue {
    if (!MailQueue.instance) MailQueue.instance = new MailQueue();
    return MailQueue.instance;
  }
  sendWelcome(to: string) {
    return this.queue.add('welcome', { to });
  }
}`,
      'apps/api/src/main.ts': `import { MailQueue } from './mail-queue';
void MailQueue.getInstance().sendWelcome('a@b.c');`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/mail-queue.ts:10']]]],
    },
  },
  {
    name: 'a singleton getInstance() whose queue is built from a constructor argument',
    files: {
      'apps/worker/src/main.ts': workers('audit'),
      'apps/api/src/audit.ts': `import { Queue } from 'bullmq';
export class Audit {
  private static instance?: Audit;
  private constructor(private readonly queue: Queue) {}
  static getInstance(): Audit {
    return (Audit.instance ??= new Audit(new Queue('audit', { connection: {} })));
  }
  record(event: string) {
    return this.queue.add(event, {});
  }
}`,
      'apps/api/src/main.ts': `import { Audit } from './audit';
void Audit.getInstance().record('login');`,
    },
    expect: {
      queues: [['audit', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'login', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'an inherited add(job) method: each subclass adds to the queue its constructor passes to super',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
class BaseQueue {
  protected readonly queue: Queue;
  constructor(name: string) { this.queue = new Queue(name, { connection: {} }); }
  add(job: string, data: unknown) { return this.queue.add(job, data); }
}
class MailQueue extends BaseQueue {
  constructor() { super('mail'); }
  welcome() { return super.add('welcome', {}); }
}
class SmsQueue extends BaseQueue {
  constructor() { super('sms'); }
}
void new MailQueue().welcome();
void new SmsQueue().add('otp', {});`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:9']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'otp', 'apps/api/src/main.ts:15']]],
      ],
    },
  },
  {
    name: 'a class extending bullmq Queue: super(name) names it, super.add(...) and inherited add(...) produce',
    files: {
      'apps/worker/src/main.ts': workers('exports'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
class ExportQueue extends Queue {
  constructor() { super('exports', { connection: {} }); }
  csv(id: string) { return super.add('csv', { id }); }
}
const exportsQueue = new ExportQueue();
void exportsQueue.csv('1');
void exportsQueue.add('pdf', { id: '2' });`,
    },
    expect: {
      queues: [
        [
          'exports',
          [['worker', 'apps/worker/src/main.ts:2']],
          [
            ['api', 'csv', 'apps/api/src/main.ts:4'],
            ['api', 'pdf', 'apps/api/src/main.ts:8'],
          ],
        ],
      ],
    },
  },
  {
    name: 'an abstract getter `get queue()` implemented per subclass: publish goes to each subclass queue',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const mailQueue = new Queue('mail', { connection: {} });
const smsQueue = new Queue('sms', { connection: {} });
abstract class Producer {
  protected abstract get queue(): Queue;
  publish(job: string) { return this.queue.add(job, {}); }
}
class MailProducer extends Producer {
  protected get queue() { return mailQueue; }
}
class SmsProducer extends Producer {
  protected get queue() { return smsQueue; }
}
void new MailProducer().publish('welcome');
void new SmsProducer().publish('otp');`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:14']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'otp', 'apps/api/src/main.ts:15']]],
      ],
    },
  },
  {
    name: 'Nest: this.importProcessor.queue.add(...) where ImportProcessor has @InjectQueue(X) readonly queue',
    files: {
      'apps/worker/src/main.ts': workers('imports'),
      'apps/api/src/main.ts': nestBootstrap,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { IMPORT_QUEUE } from './names';
import { ImportProcessor } from './import.processor';
import { ImportService } from './import.service';
@Module({
  imports: [BullModule.forRoot({ connection: {} }), BullModule.registerQueue({ name: IMPORT_QUEUE })],
  providers: [ImportProcessor, ImportService],
})
export class AppModule {}`,
      'apps/api/src/names.ts': `export const IMPORT_QUEUE = 'imports';`,
      'apps/api/src/import.processor.ts': `import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { IMPORT_QUEUE } from './names';
@Injectable()
export class ImportProcessor {
  constructor(@InjectQueue(IMPORT_QUEUE) readonly queue: Queue) {}
}`,
      'apps/api/src/import.service.ts': `import { Injectable } from '@nestjs/common';
import { ImportProcessor } from './import.processor';
@Injectable()
export class ImportService {
  constructor(private readonly importProcessor: ImportProcessor) {}
  start(file: string) {
    return this.importProcessor.queue.add('parse-file', { file });
  }
}`,
    },
    expect: {
      queues: [['imports', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'parse-file', 'apps/api/src/import.service.ts:7']]]],
    },
  },
  {
    name: 'Nest: moduleRef.get(getQueueToken(X)).add(...) produces on X',
    files: {
      'apps/worker/src/main.ts': workers('exports'),
      'apps/api/src/main.ts': nestBootstrap,
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Dispatcher } from './dispatcher';
@Module({ imports: [BullModule.registerQueue({ name: 'exports' })], providers: [Dispatcher] })
export class AppModule {}`,
      'apps/api/src/dispatcher.ts': `import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
@Injectable()
export class Dispatcher {
  constructor(private readonly moduleRef: ModuleRef) {}
  exportCsv() {
    return this.moduleRef.get<Queue>(getQueueToken('exports'), { strict: false }).add('csv', {});
  }
  exportPdf() {
    const queue: Queue = this.moduleRef.get(getQueueToken('exports'));
    return queue.add('pdf', {});
  }
}`,
    },
    expect: {
      queues: [
        [
          'exports',
          [['worker', 'apps/worker/src/main.ts:2']],
          [
            ['api', 'csv', 'apps/api/src/dispatcher.ts:9'],
            ['api', 'pdf', 'apps/api/src/dispatcher.ts:13'],
          ],
        ],
      ],
    },
  },
  {
    name: 'an enqueue method on an unrelated class is not a producer, even next to a QueueClient',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/queue-client.ts': QUEUE_CLIENT,
      'apps/api/src/main.ts': `import { QueueClient } from './queue-client';
class LocalBuffer {
  private readonly items: string[] = [];
  enqueue(job: string, data: unknown) { this.items.push(job); return data; }
}
const buffer = new LocalBuffer();
buffer.enqueue('not-a-job', {});
void new QueueClient('mail').enqueue('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:8']]]],
    },
  },
  {
    name: 'a method handed to a router as `this.handle.bind(this)` produces through the manager the instance holds',
    files: {
      'apps/worker/src/main.ts': workers('repo-index'),
      'apps/api/src/manager.ts': `import { Queue } from 'bullmq';
export class JobManager {
  private readonly queue = new Queue('repo-index', { connection: {} });
  trigger(job: string, data: unknown) {
    return this.queue.add(job, data);
  }
}`,
      'apps/api/src/api.ts': `import type { JobManager } from './manager';
declare const app: { post(path: string, handler: (...args: unknown[]) => unknown): void };
export class Api {
  constructor(private readonly jobManager: JobManager) {
    app.post('/repos', this.addRepo.bind(this));
  }
  private async addRepo(): Promise<void> {
    await scheduleIndexing({ jobManager: this.jobManager, repoId: 1 });
  }
}
const scheduleIndexing = async ({ jobManager, repoId }: { jobManager: JobManager; repoId: number }) => {
  await jobManager.trigger('repo-index', { repoId });
};`,
      'apps/api/src/main.ts': `import { JobManager } from './manager';
import { Api } from './api';
new Api(new JobManager());`,
    },
    expect: {
      queues: [['repo-index', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'repo-index', 'apps/api/src/api.ts:12']]]],
    },
  },
  {
    name: 'a handed-out method whose job name is its own parameter: unresolved-name with that cause, not silence',
    files: {
      'apps/worker/src/main.ts': workers('events'),
      'apps/api/src/relay.ts': `import { Queue } from 'bullmq';
declare const bus: { on(event: string, listener: (name: string) => void): void };
export class Relay {
  private readonly queue = new Queue('events', { connection: {} });
  constructor() {
    bus.on('event', this.forward.bind(this));
  }
  forward(name: string): void {
    void this.queue.add(name, {});
  }
}`,
      'apps/api/src/main.ts': `import { Relay } from './relay';
new Relay();`,
    },
    expect: {
      queues: [['events', [['worker', 'apps/worker/src/main.ts:2']], [['api', '<unresolved>', 'apps/api/src/relay.ts:9']]]],
      findings: [['unresolved-name', 'events', null, 'only code outside the analysis calls']],
    },
  },
  {
    name: 'a method handed out from the file that constructs its class (`app.post(path, api.addRepo.bind(api))`)',
    files: {
      'apps/worker/src/main.ts': workers('repo-index'),
      'apps/api/src/api.ts': `import type { Queue } from 'bullmq';
export class Api {
  constructor(private readonly queue: Queue) {}
  async addRepo(): Promise<void> {
    await this.queue.add('index', {});
  }
}`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { Api } from './api';
declare const app: { post(path: string, handler: (...args: unknown[]) => unknown): void };
const api = new Api(new Queue('repo-index', { connection: {} }));
app.post('/repos', api.addRepo.bind(api));`,
    },
    expect: {
      // Located where the method is handed out: that is where it is made to run.
      queues: [['repo-index', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'index', 'apps/api/src/main.ts:5']]]],
    },
  },
  {
    name: 'only the instance that hands a method out runs it: one app registers the worker, the other only produces (no multiple-owners)',
    files: {
      'libs/jobs/package.json': JSON.stringify({ name: '@acme/jobs', main: 'src/index.ts' }),
      'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/jobs': '*' } }),
      'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' }, dependencies: { '@acme/jobs': '*' } }),
      'libs/jobs/src/index.ts': `import { Queue, Worker } from 'bullmq';
export class MailJobs {
  constructor(private readonly name: string) {}
  queue(): Queue {
    return new Queue(this.name, { connection: {} });
  }
  register(app: { on(e: string, l: () => void): void }): void {
    app.on('ready', this.startWorker.bind(this));
  }
  startWorker(): Worker {
    return new Worker(this.name, async () => {}, { connection: {} });
  }
}`,
      'apps/worker/src/main.ts': `import { MailJobs } from '@acme/jobs';
declare const app: { on(e: string, l: () => void): void };
new MailJobs('mail').register(app);`,
      'apps/api/src/main.ts': `import { MailJobs } from '@acme/jobs';
const jobs = new MailJobs('mail');
void jobs.queue().add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: 'a method handed out in a base constructor and overridden by the subclass constructed: the base method never runs',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/base.ts': `import { Queue } from 'bullmq';
declare const bus: { on(event: string, listener: () => void): void };
export abstract class Base {
  constructor(protected readonly queue: Queue) {
    bus.on('tick', this.run.bind(this));
  }
  run(): void {
    void this.queue.add('base-job', {});
  }
}`,
      'apps/api/src/sub.ts': `import { Base } from './base';
export class Sub extends Base {
  override run(): void {
    void this.queue.add('sub-job', {});
  }
}`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { Sub } from './sub';
new Sub(new Queue('mail', { connection: {} }));`,
    },
    expect: {
      // `sub-job` is not found yet (the override is reached through the base's hand-out); it is
      // reported, not dropped. What matters here: no `base-job` producer.
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], []]],
      findings: [['unresolved-name', null, null, 'no call that passes it was found']],
    },
  },
  {
    name: "reading a method's `.name` (a log label) does not hand it out: its parameter stays uncalled, with that cause",
    files: {
      'apps/worker/src/main.ts': workers('events'),
      'apps/api/src/relay.ts': `import { Queue } from 'bullmq';
export class Relay {
  private readonly queue = new Queue('events', { connection: {} });
  constructor() {
    console.log('ready:', this.forward.name);
  }
  forward(name: string): void {
    void this.queue.add(name, {});
  }
}`,
      'apps/api/src/main.ts': `import { Relay } from './relay';
new Relay();`,
    },
    expect: {
      queues: [['events', [['worker', 'apps/worker/src/main.ts:2']], [['api', '<unresolved>', 'apps/api/src/relay.ts:8']]]],
      findings: [['unresolved-name', 'events', null, 'no call that passes it was found']],
    },
  },
];

runCases('constructs: instances', CASES);
