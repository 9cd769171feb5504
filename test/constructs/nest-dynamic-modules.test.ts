/**
 * Nest dynamic modules whose queues and providers come from the arguments of a factory:
 * `createDomainQueueModule({ queues: [{ name, processor }] })` mapping its argument into
 * `registerQueue(...)` and `providers`, `SchedulerModule.forFeature({ jobProviders })`, an in-house
 * `EventJobModule.registerQueue(name)` wrapping `BullModule.registerQueue`, and processors no app
 * runs (`unregistered-processor`). A Nest processor is located at its `@Processor` decorator.
 */
import { app, type ConstructCase, type QueueRow, runCases } from './table.js';

const LIB = {
  'apps/api/package.json': app('api', { dependencies: { '@acme/queues': '*' } }),
  'apps/worker/package.json': app('worker', { dependencies: { '@acme/queues': '*' } }),
  'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
  'libs/queues/src/index.ts': `export enum Q { Billing = 'billing', Mail = 'mail', Events = 'domain-events', Cleanup = 'cleanup', Digest = 'digest' }`,
};

const bootstrap = (module = 'AppModule', from = './app.module'): string => `import { NestFactory } from '@nestjs/core';
import { ${module} } from '${from}';
async function bootstrap() {
  const app = await NestFactory.createApplicationContext(${module});
  await app.init();
}
void bootstrap();`;

/** `@Processor(Q.<member>)` class `<cls>` handling every name (line 4 is the decorator). */
const processor = (cls: string, member: string): string => `import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { Q } from '@acme/queues';
@Processor(Q.${member})
export class ${cls} extends WorkerHost {
  async process(job: Job) { return job.id; }
}`;

/** A plain BullMQ producer in the api app: `[Q member, job]`, one `add` per line from line 3. */
const producers = (...jobs: Array<[string, string]>): string => `import { Queue } from 'bullmq';
import { Q } from '@acme/queues';
${jobs.map(([m, job]) => `void new Queue(Q.${m}, { connection: {} }).add('${job}', {});`).join('\n')}`;

/** Two processors of the scheduler cases, each with its producer in the api app. */
const CLEANUP_AND_DIGEST = {
  'apps/worker/src/cleanup.processor.ts': processor('CleanupProcessor', 'Cleanup'),
  'apps/worker/src/digest.processor.ts': processor('DigestProcessor', 'Digest'),
  'apps/api/src/main.ts': producers(['Cleanup', 'purge'], ['Digest', 'weekly']),
};

/** Both consumed in the worker when the scheduler module registers both processors. */
const CLEANUP_AND_DIGEST_QUEUES: QueueRow[] = [
  ['cleanup', [['worker', 'apps/worker/src/cleanup.processor.ts:4']], [['api', 'purge', 'apps/api/src/main.ts:3']]],
  ['digest', [['worker', 'apps/worker/src/digest.processor.ts:4']], [['api', 'weekly', 'apps/api/src/main.ts:4']]],
];

const DOMAIN_QUEUE_MODULE = `import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
export interface DomainQueue { name: string; processor: Type<unknown> }
@Module({})
export class DomainQueueModule {}
export function createDomainQueueModule(options: { queues: DomainQueue[] }): DynamicModule {
  const { queues } = options;
  return {
    module: DomainQueueModule,
    imports: [BullModule.registerQueue(...queues.map((q) => ({ name: q.name })))],
    providers: [...queues.map((q) => q.processor)],
  };
}`;

const SCHEDULER_MODULE = `import { type DynamicModule, Module, type Type } from '@nestjs/common';
@Module({})
export class SchedulerModule {
  static forFeature(options: { jobProviders: Type<unknown>[] }): DynamicModule {
    const { jobProviders } = options;
    return { module: SchedulerModule, providers: [...jobProviders], exports: [...jobProviders] };
  }
}`;

const EVENT_JOB_MODULE = `import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
@Module({})
export class EventJobModule {
  static registerQueue(name: string): DynamicModule {
    return { module: EventJobModule, imports: [BullModule.registerQueue({ name })], exports: [BullModule] };
  }
}`;

const CASES: ConstructCase[] = [
  {
    name: 'createDomainQueueModule({ queues: [{ name, processor }, …] }): each processor is live in the importing app',
    files: {
      ...LIB,
      'libs/queues/src/domain-queue.module.ts': DOMAIN_QUEUE_MODULE,
      'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts', exports: { '.': './src/index.ts', './domain': './src/domain-queue.module.ts' } }),
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Q } from '@acme/queues';
import { createDomainQueueModule } from '@acme/queues/domain';
import { BillingProcessor } from './billing.processor';
import { MailProcessor } from './mail.processor';
@Module({
  imports: [
    BullModule.forRoot({ connection: {} }),
    createDomainQueueModule({ queues: [{ name: Q.Billing, processor: BillingProcessor }, { name: Q.Mail, processor: MailProcessor }] }),
  ],
})
export class AppModule {}`,
      'apps/worker/src/billing.processor.ts': processor('BillingProcessor', 'Billing'),
      'apps/worker/src/mail.processor.ts': processor('MailProcessor', 'Mail'),
      'apps/api/src/main.ts': producers(['Billing', 'charge'], ['Mail', 'welcome']),
    },
    expect: {
      queues: [
        ['billing', [['worker', 'apps/worker/src/billing.processor.ts:4']], [['api', 'charge', 'apps/api/src/main.ts:3']]],
        ['mail', [['worker', 'apps/worker/src/mail.processor.ts:4']], [['api', 'welcome', 'apps/api/src/main.ts:4']]],
      ],
    },
  },
  {
    name: 'createDomainQueueModule in two apps with different queues: each queue is owned by its own app',
    files: {
      ...LIB,
      'libs/queues/src/domain-queue.module.ts': DOMAIN_QUEUE_MODULE,
      'libs/queues/src/index.ts': `export enum Q { Billing = 'billing', Mail = 'mail' }
export { createDomainQueueModule } from './domain-queue.module';`,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { createDomainQueueModule, Q } from '@acme/queues';
import { BillingProcessor } from './billing.processor';
@Module({ imports: [createDomainQueueModule({ queues: [{ name: Q.Billing, processor: BillingProcessor }] })] })
export class AppModule {}`,
      'apps/worker/src/billing.processor.ts': processor('BillingProcessor', 'Billing'),
      'apps/api/src/main.ts': bootstrap(),
      'apps/api/src/app.module.ts': `import { Module } from '@nestjs/common';
import { createDomainQueueModule, Q } from '@acme/queues';
import { MailProcessor } from './mail.processor';
@Module({ imports: [createDomainQueueModule({ queues: [{ name: Q.Mail, processor: MailProcessor }] })] })
export class AppModule {}`,
      'apps/api/src/mail.processor.ts': processor('MailProcessor', 'Mail'),
    },
    expect: {
      queues: [
        ['billing', [['worker', 'apps/worker/src/billing.processor.ts:4']], []],
        ['mail', [['api', 'apps/api/src/mail.processor.ts:4']], []],
      ],
    },
  },
  {
    name: 'a processor not passed to createDomainQueueModule is unregistered, and its queue has no consumer',
    files: {
      ...LIB,
      'libs/queues/src/index.ts': `export enum Q { Billing = 'billing', Mail = 'mail' }
export { createDomainQueueModule } from './domain-queue.module';`,
      'libs/queues/src/domain-queue.module.ts': DOMAIN_QUEUE_MODULE,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { createDomainQueueModule, Q } from '@acme/queues';
import { BillingProcessor } from './billing.processor';
import './mail.processor';
@Module({ imports: [createDomainQueueModule({ queues: [{ name: Q.Billing, processor: BillingProcessor }] })] })
export class AppModule {}`,
      'apps/worker/src/billing.processor.ts': processor('BillingProcessor', 'Billing'),
      'apps/worker/src/mail.processor.ts': processor('MailProcessor', 'Mail'),
      'apps/api/src/main.ts': producers(['Billing', 'charge'], ['Mail', 'welcome']),
    },
    expect: {
      queues: [
        ['billing', [['worker', 'apps/worker/src/billing.processor.ts:4']], [['api', 'charge', 'apps/api/src/main.ts:3']]],
        ['mail', [], [['api', 'welcome', 'apps/api/src/main.ts:4']]],
      ],
      findings: [
        ['no-consumer', 'mail', 'welcome'],
        ['unregistered-processor', 'mail', null],
      ],
    },
  },
  {
    name: 'createDomainQueueModule({ queues: DOMAIN_QUEUES }) with the list in another file resolves through the const',
    files: {
      ...LIB,
      'libs/queues/src/index.ts': `export enum Q { Billing = 'billing', Mail = 'mail' }
export { createDomainQueueModule } from './domain-queue.module';`,
      'libs/queues/src/domain-queue.module.ts': DOMAIN_QUEUE_MODULE,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/queues.ts': `import { Q } from '@acme/queues';
import { BillingProcessor } from './billing.processor';
import { MailProcessor } from './mail.processor';
export const DOMAIN_QUEUES = [
  { name: Q.Billing, processor: BillingProcessor },
  { name: Q.Mail, processor: MailProcessor },
];`,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { createDomainQueueModule } from '@acme/queues';
import { DOMAIN_QUEUES } from './queues';
@Module({ imports: [createDomainQueueModule({ queues: DOMAIN_QUEUES })] })
export class AppModule {}`,
      'apps/worker/src/billing.processor.ts': processor('BillingProcessor', 'Billing'),
      'apps/worker/src/mail.processor.ts': processor('MailProcessor', 'Mail'),
      'apps/api/src/main.ts': producers(['Billing', 'charge'], ['Mail', 'welcome']),
    },
    expect: {
      queues: [
        ['billing', [['worker', 'apps/worker/src/billing.processor.ts:4']], [['api', 'charge', 'apps/api/src/main.ts:3']]],
        ['mail', [['worker', 'apps/worker/src/mail.processor.ts:4']], [['api', 'welcome', 'apps/api/src/main.ts:4']]],
      ],
    },
  },
  {
    name: 'a static QueuesModule.forDomain(...queues) factory whose providers come from its rest parameter',
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/queues.module.ts': `import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
@Module({})
export class QueuesModule {
  static forDomain(...entries: Array<[string, Type<unknown>]>): DynamicModule {
    return {
      module: QueuesModule,
      imports: entries.map(([name]) => BullModule.registerQueue({ name })),
      providers: entries.map(([, processor]) => processor),
    };
  }
}`,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { Q } from '@acme/queues';
import { QueuesModule } from './queues.module';
import { BillingProcessor } from './billing.processor';
@Module({ imports: [QueuesModule.forDomain([Q.Billing, BillingProcessor])] })
export class AppModule {}`,
      'apps/worker/src/billing.processor.ts': processor('BillingProcessor', 'Billing'),
      'apps/api/src/main.ts': producers(['Billing', 'charge']),
    },
    expect: {
      queues: [['billing', [['worker', 'apps/worker/src/billing.processor.ts:4']], [['api', 'charge', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: 'SchedulerModule.forFeature({ jobProviders }) → providers: [...jobProviders] makes those processors live',
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/scheduler.module.ts': SCHEDULER_MODULE,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Q } from '@acme/queues';
import { SchedulerModule } from './scheduler.module';
import { CleanupProcessor } from './cleanup.processor';
import { DigestProcessor } from './digest.processor';
const jobProviders = [CleanupProcessor, DigestProcessor];
@Module({
  imports: [BullModule.registerQueue({ name: Q.Cleanup }, { name: Q.Digest }), SchedulerModule.forFeature({ jobProviders })],
})
export class AppModule {}`,
      ...CLEANUP_AND_DIGEST,
    },
    expect: { queues: CLEANUP_AND_DIGEST_QUEUES },
  },
  {
    name: 'SchedulerModule.forFeature(optionsOrProviders) picks its overload with Array.isArray: an options object and a bare list both register',
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/scheduler.module.ts': `import { type DynamicModule, Module, type Type } from '@nestjs/common';
@Module({})
export class SchedulerModule {
  static forFeature(optionsOrProviders: { jobProviders?: Type<unknown>[] } | Type<unknown>[] = []): DynamicModule {
    const options = Array.isArray(optionsOrProviders) ? { jobProviders: optionsOrProviders } : optionsOrProviders;
    const jobProviders = options.jobProviders ?? [];
    return { module: SchedulerModule, providers: [...jobProviders], exports: [...jobProviders] };
  }
}`,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Q } from '@acme/queues';
import { SchedulerModule } from './scheduler.module';
import { CleanupProcessor } from './cleanup.processor';
import { DigestProcessor } from './digest.processor';
@Module({
  imports: [
    BullModule.registerQueue({ name: Q.Cleanup }, { name: Q.Digest }),
    SchedulerModule.forFeature({ jobProviders: [CleanupProcessor] }),
    SchedulerModule.forFeature([DigestProcessor]),
  ],
})
export class AppModule {}`,
      ...CLEANUP_AND_DIGEST,
    },
    expect: { queues: CLEANUP_AND_DIGEST_QUEUES },
  },
  {
    name: 'SchedulerModule.forFeature({ jobProviders: [] }) leaves a processor it does not list unregistered',
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/scheduler.module.ts': SCHEDULER_MODULE,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Q } from '@acme/queues';
import { SchedulerModule } from './scheduler.module';
import { CleanupProcessor } from './cleanup.processor';
import './digest.processor';
@Module({
  imports: [BullModule.registerQueue({ name: Q.Cleanup }, { name: Q.Digest }), SchedulerModule.forFeature({ jobProviders: [CleanupProcessor] })],
})
export class AppModule {}`,
      'apps/worker/src/cleanup.processor.ts': processor('CleanupProcessor', 'Cleanup'),
      'apps/worker/src/digest.processor.ts': processor('DigestProcessor', 'Digest'),
      'apps/api/src/main.ts': producers(['Cleanup', 'purge']),
    },
    expect: {
      queues: [['cleanup', [['worker', 'apps/worker/src/cleanup.processor.ts:4']], [['api', 'purge', 'apps/api/src/main.ts:3']]]],
      findings: [['unregistered-processor', 'digest', null]],
    },
  },
  {
    name: "a library's dynamic modules (TypeOrmModule.forFeature, ClsModule.forRoot) register no queue of ours: nothing to report about them",
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { Q } from '@acme/queues';
import { MailProcessor } from './mail.processor';
import { User } from './user.entity';
@Module({
  imports: [TypeOrmModule.forFeature([User]), ClsModule.forRoot({ global: true }), BullModule.registerQueue({ name: Q.Mail })],
  providers: [MailProcessor],
})
export class AppModule {}`,
      'apps/worker/src/user.entity.ts': `export class User { id = 0; }`,
      'apps/worker/src/mail.processor.ts': processor('MailProcessor', 'Mail'),
      'apps/api/src/main.ts': producers(['Mail', 'welcome']),
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/mail.processor.ts:4']], [['api', 'welcome', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: "a library's dynamic module handed a processor class may provide it: that stays unresolved-name, never silent",
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { JobsModule } from '@vendor/nest-jobs';
import { Q } from '@acme/queues';
import { MailProcessor } from './mail.processor';
@Module({
  imports: [BullModule.registerQueue({ name: Q.Mail }), JobsModule.forRoot({ processors: [MailProcessor] })],
})
export class AppModule {}`,
      'apps/worker/src/mail.processor.ts': processor('MailProcessor', 'Mail'),
      'apps/api/src/main.ts': producers(['Mail', 'welcome']),
    },
    expect: {
      queues: [['mail', [], [['api', 'welcome', 'apps/api/src/main.ts:3']]]],
      findings: [
        ['no-consumer', 'mail', 'welcome'],
        ['unregistered-processor', 'mail', null],
        ['unresolved-name', null, null],
      ],
    },
  },
  {
    name: 'an in-house EventJobModule.registerQueue(name) wrapping BullModule.registerQueue registers the queue',
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/event-job.module.ts': EVENT_JOB_MODULE,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Q } from '@acme/queues';
import { EventJobModule } from './event-job.module';
import { EventsProcessor } from './events.processor';
@Module({ imports: [BullModule.forRoot({ connection: {} }), EventJobModule.registerQueue(Q.Events)], providers: [EventsProcessor] })
export class AppModule {}`,
      'apps/worker/src/events.processor.ts': processor('EventsProcessor', 'Events'),
      'apps/api/src/main.ts': producers(['Events', 'user.created']),
    },
    expect: {
      queues: [['domain-events', [['worker', 'apps/worker/src/events.processor.ts:4']], [['api', 'user.created', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: 'an in-house registerQueue(name) that never calls BullModule.registerQueue registers nothing',
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/event-job.module.ts': `import { type DynamicModule, Module } from '@nestjs/common';
@Module({})
export class EventJobModule {
  static registerQueue(name: string): DynamicModule {
    return { module: EventJobModule, providers: [{ provide: 'EVENT_QUEUE_NAME', useValue: name }] };
  }
}`,
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Q } from '@acme/queues';
import { EventJobModule } from './event-job.module';
import { EventsProcessor } from './events.processor';
@Module({ imports: [BullModule.forRoot({ connection: {} }), EventJobModule.registerQueue(Q.Events)], providers: [EventsProcessor] })
export class AppModule {}`,
      'apps/worker/src/events.processor.ts': processor('EventsProcessor', 'Events'),
      'apps/api/src/main.ts': producers(['Events', 'user.created']),
    },
    expect: {
      queues: [['domain-events', [], [['api', 'user.created', 'apps/api/src/main.ts:3']]]],
      findings: [
        ['no-consumer', 'domain-events', 'user.created'],
        ['unregistered-processor', 'domain-events', null],
      ],
    },
  },
  {
    name: 'a processor in a module no app imports is unregistered-processor, not a consumer',
    files: {
      ...LIB,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Q } from '@acme/queues';
import { BillingProcessor } from './billing.processor';
@Module({ imports: [BullModule.forRoot({ connection: {} }), BullModule.registerQueue({ name: Q.Billing })], providers: [BillingProcessor] })
export class AppModule {}`,
      'apps/worker/src/billing.processor.ts': processor('BillingProcessor', 'Billing'),
      'apps/worker/src/legacy/legacy.module.ts': `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Q } from '@acme/queues';
import { MailProcessor } from './mail.processor';
@Module({ imports: [BullModule.registerQueue({ name: Q.Mail })], providers: [MailProcessor] })
export class LegacyModule {}`,
      'apps/worker/src/legacy/mail.processor.ts': processor('MailProcessor', 'Mail'),
      'apps/api/src/main.ts': producers(['Billing', 'charge']),
    },
    expect: {
      queues: [['billing', [['worker', 'apps/worker/src/billing.processor.ts:4']], [['api', 'charge', 'apps/api/src/main.ts:3']]]],
      findings: [['unregistered-processor', 'mail', null]],
    },
  },
  {
    name: 'a factory-built module imported only by a module no app imports leaves its processors unregistered',
    files: {
      ...LIB,
      'libs/queues/src/index.ts': `export enum Q { Billing = 'billing', Mail = 'mail' }
export { createDomainQueueModule } from './domain-queue.module';`,
      'libs/queues/src/domain-queue.module.ts': DOMAIN_QUEUE_MODULE,
      'apps/worker/src/main.ts': bootstrap(),
      'apps/worker/src/app.module.ts': `import { Module } from '@nestjs/common';
import { createDomainQueueModule, Q } from '@acme/queues';
import { BillingProcessor } from './billing.processor';
@Module({ imports: [createDomainQueueModule({ queues: [{ name: Q.Billing, processor: BillingProcessor }] })] })
export class AppModule {}`,
      'apps/worker/src/billing.processor.ts': processor('BillingProcessor', 'Billing'),
      'apps/worker/src/unused.module.ts': `import { Module } from '@nestjs/common';
import { createDomainQueueModule, Q } from '@acme/queues';
import { MailProcessor } from './mail.processor';
@Module({ imports: [createDomainQueueModule({ queues: [{ name: Q.Mail, processor: MailProcessor }] })] })
export class UnusedModule {}`,
      'apps/worker/src/mail.processor.ts': processor('MailProcessor', 'Mail'),
    },
    expect: {
      queues: [['billing', [['worker', 'apps/worker/src/billing.processor.ts:4']], []]],
      findings: [['unregistered-processor', 'mail', null]],
    },
  },
];

runCases('constructs: nest dynamic modules', CASES);
