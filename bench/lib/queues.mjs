// The queue-touching files: the shared contracts package, BullMQ workers and producers, and the
// NestJS (@nestjs/bullmq) processors, publishers and modules. Every consumer switches on
// `job.name` with a throwing `default`, so the generated tree is clean for job-owners.

/** How a job name is written at a use site: enum member or `as const` object member. */
export const jobRef = (q, job) => (q.style === 'enum' ? `${q.jobsType}.${job.member}` : `${q.jobsType}.${job.key}`);

export function contractsFiles(queues) {
  const queuesTs = `/**
 * Every BullMQ queue of the platform. Import these constants instead of writing queue names:
 * producers and consumers must agree byte for byte.
 */
export const QUEUES = {
${queues.map((q) => `  ${q.key}: '${q.name}',`).join('\n')}
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);
`;
  const jobsTs = `/** Job names per queue. Exactly one service consumes each queue. */
${queues
  .map((q) =>
    q.style === 'enum'
      ? `export enum ${q.jobsType} {\n${q.jobs.map((j) => `  ${j.member} = '${j.name}',`).join('\n')}\n}\n`
      : `export const ${q.jobsType} = {\n${q.jobs.map((j) => `  ${j.key}: '${j.name}',`).join('\n')}\n} as const;\n\nexport type ${q.jobsTypeAlias} = (typeof ${q.jobsType})[keyof typeof ${q.jobsType}];\n`,
  )
  .join('\n')}`;
  const payloadsTs = `export interface BaseJobPayload {
  id: string;
  tenantId: string;
  requestedBy?: string;
  requestedAt: string;
}

${queues
  .map(
    (q) => `export interface ${q.payload} extends BaseJobPayload {
  ${q.payloadField}: string;
  attempt?: number;
}
`,
  )
  .join('\n')}
export interface JobOutcome {
  ok: boolean;
  durationMs: number;
  detail?: string;
}
`;
  const indexTs = `export * from './queues';\nexport * from './jobs';\nexport * from './payloads';\n`;
  return {
    'src/queues.ts': queuesTs,
    'src/jobs.ts': jobsTs,
    'src/payloads.ts': payloadsTs,
    'src/index.ts': indexTs,
  };
}

export const PLATFORM_CONFIG_FILES = {
  'src/redis.ts': `export interface RedisConnectionOptions {
  host: string;
  port: number;
  password?: string;
  db?: number;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(value) ? value : fallback;
}

/** The Redis every queue uses. One connection definition for the whole platform. */
export const connection: RedisConnectionOptions = {
  host: process.env.REDIS_HOST ?? 'localhost',
  port: intFromEnv('REDIS_PORT', 6379),
  password: process.env.REDIS_PASSWORD,
  db: intFromEnv('REDIS_DB', 0),
};
`,
  'src/env.ts': `export type Environment = 'development' | 'staging' | 'production' | 'test';

export function currentEnvironment(): Environment {
  const value = process.env.NODE_ENV;
  switch (value) {
    case 'production':
    case 'staging':
    case 'test':
      return value;
    default:
      return 'development';
  }
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(\`Missing required environment variable \${name}\`);
  }
  return value;
}
`,
  'src/index.ts': `export * from './redis';\nexport * from './env';\n`,
};

const contractsImport = (q, extra = []) =>
  `import { ${[...new Set(['QUEUES', q.jobsType, q.payload, ...extra])].join(', ')} } from '@bench/queue-contracts';`;

function handlerFns(q, owner, helperDeps) {
  const dep = helperDeps[0];
  return q.jobs
    .map(
      (j) => `async function handle${j.member}(payload: ${q.payload}): Promise<JobOutcome> {
  const startedAt = Date.now();
  if (!payload.${q.payloadField}) {
    throw new Error('${j.name}: ${q.payloadField} is required');
  }
  const weight = ${dep ? `${dep.name}([payload.${q.payloadField}.length, payload.attempt ?? 0])` : `payload.${q.payloadField}.length`};
  await new Promise((resolve) => setTimeout(resolve, Math.min(weight, 5)));
  return { ok: true, durationMs: Date.now() - startedAt, detail: \`${j.name} for \${payload.tenantId} by ${owner}\` };
}
`,
    )
    .join('\n');
}

/** `new Worker(QUEUES.X, …)` in a plain (non-Nest) service. */
export function bullmqWorkerFile(q, { owner, variant, helperDeps }) {
  const cases = q.jobs
    .map((j) => `      case ${jobRef(q, j)}:\n        return handle${j.member}(job.data);`)
    .join('\n');
  const sw = `    switch (job.name) {
${cases}
      default:
        throw new Error(\`Unknown job "\${job.name}" on queue \${QUEUES.${q.key}}\`);
    }`;
  const imports = `import { Job, Worker } from 'bullmq';
${contractsImport(q, ['JobOutcome'])}
import { connection } from '@bench/platform-config';
${helperDeps.map((d) => `import { ${d.name} } from '${d.from}';`).join('\n')}
`;
  const handlers = handlerFns(q, owner, helperDeps);
  const concurrency = 1 + (q.name.length % 8);
  if (variant === 'named-processor') {
    return `${imports}
${handlers}
export async function process${q.pascal}(job: Job<${q.payload}>): Promise<JobOutcome> {
${sw.replace(/^ {2}/gm, '')}
}

export function start${q.pascal}Worker(): Worker<${q.payload}, JobOutcome> {
  const worker = new Worker<${q.payload}, JobOutcome>(QUEUES.${q.key}, process${q.pascal}, {
    connection,
    concurrency: ${concurrency},
  });
  worker.on('failed', (job: Job<${q.payload}> | undefined, error: Error) => {
    console.error(\`[${q.name}] \${job?.name ?? 'unknown'} failed: \${error.message}\`);
  });
  return worker;
}
`;
  }
  if (variant === 'top-level') {
    return `${imports}
${handlers}
export const ${q.camel}Worker = new Worker<${q.payload}, JobOutcome>(
  QUEUES.${q.key},
  async (job: Job<${q.payload}>) => {
${sw}
  },
  { connection, concurrency: ${concurrency}, autorun: false },
);

export function start${q.pascal}Worker(): Worker<${q.payload}, JobOutcome> {
  void ${q.camel}Worker.run();
  return ${q.camel}Worker;
}
`;
  }
  return `${imports}
${handlers}
export function start${q.pascal}Worker(): Worker<${q.payload}, JobOutcome> {
  const worker = new Worker<${q.payload}, JobOutcome>(
    QUEUES.${q.key},
    async (job: Job<${q.payload}>) => {
  ${sw.replace(/\n/g, '\n  ')}
    },
    { connection, concurrency: ${concurrency} },
  );
  worker.on('completed', (job: Job<${q.payload}>) => {
    console.info(\`[${q.name}] \${job.name} \${job.id ?? ''} completed\`);
  });
  return worker;
}
`;
}

const payloadExpr = (q, j, ind) =>
  `{\n${ind}  id: \`${j.name}:\${${q.payloadField}}\`,\n${ind}  tenantId,\n${ind}  ${q.payloadField},\n${ind}  requestedAt: new Date().toISOString(),\n${ind}}`;

/** `new Queue(QUEUES.X).add(JOB, data)` in a plain service. `jobs` are the names this file produces. */
export function bullmqProducerFile(q, jobs, { variant, withBulk }) {
  const imports = `import { Queue } from 'bullmq';
${contractsImport(q)}
import { connection } from '@bench/platform-config';
`;
  if (variant === 'class') {
    const methods = jobs
      .map(
        (j) => `  async ${j.method}(tenantId: string, ${q.payloadField}: string): Promise<string | undefined> {
    const job = await this.queue.add(${jobRef(q, j)}, ${payloadExpr(q, j, '    ')}, { attempts: 3, removeOnComplete: 1000 });
    return job.id;
  }
`,
      )
      .join('\n');
    const bulk = withBulk
      ? `
  async ${jobs[0].method}Many(tenantId: string, ids: readonly string[]): Promise<number> {
    const jobs = await this.queue.addBulk(
      ids.map((${q.payloadField}) => ({ name: ${jobRef(q, jobs[0])}, data: ${payloadExpr(q, jobs[0], '      ')} })),
    );
    return jobs.length;
  }
`
      : '';
    return `${imports}
/** Enqueues ${q.name} work for this service. */
export class ${q.pascal}Producer {
  private readonly queue = new Queue<${q.payload}>(QUEUES.${q.key}, { connection });

${methods}${bulk}
  async close(): Promise<void> {
    await this.queue.close();
  }
}
`;
  }
  const fns = jobs
    .map(
      (j) => `export async function ${j.method}(tenantId: string, ${q.payloadField}: string, delay = 0): Promise<void> {
  await ${q.camel}Queue.add(${jobRef(q, j)}, ${payloadExpr(q, j, '  ')}, { delay });
}
`,
    )
    .join('\n');
  return `${imports}
const ${q.camel}Queue = new Queue<${q.payload}>(QUEUES.${q.key}, {
  connection,
  defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
});

${fns}
export async function close${q.pascal}Queue(): Promise<void> {
  await ${q.camel}Queue.close();
}
`;
}

/** `@Processor(QUEUES.X) class … extends WorkerHost` in a Nest service. */
export function nestProcessorFile(q, { owner, helperDeps }) {
  const cases = q.jobs
    .map((j) => `      case ${jobRef(q, j)}:\n        return handle${j.member}(job.data);`)
    .join('\n');
  return `import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
${contractsImport(q, ['JobOutcome'])}
${helperDeps.map((d) => `import { ${d.name} } from '${d.from}';`).join('\n')}

${handlerFns(q, owner, helperDeps)}
@Processor(QUEUES.${q.key}, { concurrency: ${1 + (q.name.length % 4)} })
export class ${q.pascal}Processor extends WorkerHost {
  private readonly logger = new Logger(${q.pascal}Processor.name);

  async process(job: Job<${q.payload}>): Promise<JobOutcome> {
    this.logger.debug(\`processing \${job.name} \${job.id ?? ''}\`);
    switch (job.name) {
${cases}
      default:
        throw new Error(\`${q.pascal}Processor cannot handle job "\${job.name}"\`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<${q.payload}>, error: Error): void {
    this.logger.warn(\`\${job.name} \${job.id ?? ''} failed after \${job.attemptsMade} attempts: \${error.message}\`);
  }
}
`;
}

/** The Nest module that registers a consumed queue and provides its processor. */
export function nestConsumerModuleFile(q) {
  return `import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@bench/queue-contracts';
import { ${q.pascal}Processor } from './${q.name}.processor';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.${q.key} })],
  providers: [${q.pascal}Processor],
})
export class ${q.pascal}JobsModule {}
`;
}

/** `@InjectQueue(QUEUES.X) private readonly queue: Queue` in a Nest service. */
export function nestPublisherFile(q, jobs) {
  const methods = jobs
    .map(
      (j) => `  async ${j.method}(tenantId: string, ${q.payloadField}: string): Promise<string | undefined> {
    const job = await this.queue.add(${jobRef(q, j)}, ${payloadExpr(q, j, '    ')});
    this.logger.log(\`queued ${j.name} \${job.id ?? ''}\`);
    return job.id;
  }
`,
    )
    .join('\n');
  return `import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
${contractsImport(q)}

@Injectable()
export class ${q.pascal}Publisher {
  private readonly logger = new Logger(${q.pascal}Publisher.name);

  constructor(@InjectQueue(QUEUES.${q.key}) private readonly queue: Queue<${q.payload}>) {}

${methods}}
`;
}

/** One module that registers every queue a Nest service produces to and provides the publishers. */
export function nestQueuesModuleFile(published) {
  const imports = published.map((p) => `import { ${p.q.pascal}Publisher } from './${p.q.name}.publisher';`).join('\n');
  const names = published.map((p) => `${p.q.pascal}Publisher`);
  return `import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@bench/queue-contracts';
${imports}

@Module({
  imports: [
    BullModule.registerQueue(
${published.map((p) => `      { name: QUEUES.${p.q.key} },`).join('\n')}
    ),
  ],
  providers: [${names.join(', ')}],
  exports: [${names.join(', ')}],
})
export class QueuesModule {}
`;
}
