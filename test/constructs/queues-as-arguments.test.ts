/**
 * Queues passed around as values: a helper taking the queue as a parameter, called with queues
 * from factories; queue caches in a Map (module-level and in a class, `has/set/get` and
 * cache-or-create `let`); a registry Map of workloads iterated to start one Worker per entry;
 * lazy singletons (`??=`).
 *
 * A producer whose queue or job is supplied by a call is located at that call; one whose names
 * no caller supplies is located where it calls `add` (fixtures/issue3-lib-worker-wrapper/EXPECTED.md).
 */
import { type ConstructCase, runCases } from './table.js';

/** The worker app: one catch-all Worker per queue, line 2 onwards, in the order given. */
const workers = (...queues: string[]): string => `import { Worker } from 'bullmq';
${queues.map((q) => `new Worker('${q}', async () => undefined, { connection: {} });`).join('\n')}`;

const HEARTBEAT = `import { Queue } from 'bullmq';
export type HeartbeatQueue = Queue<{ at: number }>;
export const createHeartbeatQueue = (name: string): HeartbeatQueue => new Queue(name, { connection: {} });
export function addJob(queue: HeartbeatQueue, job: string) {
  return queue.add(job, { at: Date.now() });
}
export function beat(queue: HeartbeatQueue) {
  return queue.add('beat', { at: Date.now() });
}`;

const ENSURE_QUEUE = `import { Queue } from 'bullmq';
const queues = new Map<string, Queue>();
export function ensureQueue(name: string): Queue {
  if (!queues.has(name)) queues.set(name, new Queue(name, { connection: {} }));
  return queues.get(name)!;
}`;

const CASES: ConstructCase[] = [
  {
    name: 'a Worker class passed as an untyped argument (`start(Worker, q)` → `new Ctor(q, fn)`) is a consumer',
    files: {
      'apps/worker/src/start.ts': `export function start(Ctor: any, name: string) {
  return new Ctor(name, async () => undefined, { connection: {} });
}`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { start } from './start';
start(Worker, 'mail');`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('mail', { connection: {} }).add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'a generic `new this.model()` in a base service next to queue code is no consumer and no finding',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/base.ts': `import { Queue } from 'bullmq';
export class BaseService<T> {
  private readonly audit = new Queue('mail', { connection: {} });
  constructor(private readonly model: new () => T) {}
  create(): T { void this.audit.add('welcome', {}); return new this.model(); }
}`,
      'apps/api/src/main.ts': `import { BaseService } from './base';
class User {}
new BaseService(User).create();`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/base.ts:5']]]],
    },
  },
  {
    name: 'addJob(queue: HeartbeatQueue, job) called with queues from a factory: each job on its own queue',
    files: {
      'apps/worker/src/main.ts': workers('heartbeat-web', 'heartbeat-db'),
      'apps/api/src/heartbeat.ts': HEARTBEAT,
      'apps/api/src/main.ts': `import { addJob, createHeartbeatQueue } from './heartbeat';
const web = createHeartbeatQueue('heartbeat-web');
const db = createHeartbeatQueue('heartbeat-db');
void addJob(web, 'ping');
void addJob(db, 'probe');`,
    },
    expect: {
      queues: [
        ['heartbeat-web', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'ping', 'apps/api/src/main.ts:4']]],
        ['heartbeat-db', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'probe', 'apps/api/src/main.ts:5']]],
      ],
    },
  },
  {
    name: 'beat(queue) with a fixed job name, called with two factory queues: one producer per call',
    files: {
      'apps/worker/src/main.ts': workers('heartbeat-web', 'heartbeat-db'),
      'apps/api/src/heartbeat.ts': HEARTBEAT,
      'apps/api/src/main.ts': `import { beat, createHeartbeatQueue } from './heartbeat';
void beat(createHeartbeatQueue('heartbeat-web'));
void beat(createHeartbeatQueue('heartbeat-db'));`,
    },
    expect: {
      queues: [
        ['heartbeat-web', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'beat', 'apps/api/src/main.ts:2']]],
        ['heartbeat-db', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'beat', 'apps/api/src/main.ts:3']]],
      ],
    },
  },
  {
    name: 'a queue passed down two helpers send(q, job) → enqueue(q, job) → q.add(job) resolves at the outer call',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const mail = new Queue('mail', { connection: {} });
function enqueue(q: Queue, job: string) { return q.add(job, {}); }
function send(q: Queue, job: string) { return enqueue(q, job); }
void send(mail, 'welcome');`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:5']]]],
    },
  },
  {
    name: 'a queue and job passed in an options object: schedule({ queue, job })',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const mail = new Queue('mail', { connection: {} });
const sms = new Queue('sms', { connection: {} });
function schedule(o: { queue: Queue; job: string }) { return o.queue.add(o.job, {}); }
void schedule({ queue: mail, job: 'welcome' });
void schedule({ queue: sms, job: 'otp' });`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:5']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'otp', 'apps/api/src/main.ts:6']]],
      ],
    },
  },
  {
    name: 'a module-level queue cache ensureQueue(name) resolves to the names its callers pass',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/queues.ts': ENSURE_QUEUE,
      'apps/api/src/main.ts': `import { ensureQueue } from './queues';
void ensureQueue('mail').add('welcome', {});
void ensureQueue('sms').add('otp', {});`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'otp', 'apps/api/src/main.ts:3']]],
      ],
    },
  },
  {
    name: 'ensureQueue(name) called with an env value is unresolved-name; the constant caller still resolves',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/queues.ts': ENSURE_QUEUE,
      'apps/api/src/main.ts': `import { ensureQueue } from './queues';
void ensureQueue('mail').add('welcome', {});
void ensureQueue(process.env.TENANT_QUEUE!).add('sync', {});`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]],
        ['<unresolved>', [], [['api', 'sync', 'apps/api/src/main.ts:3']]],
      ],
      findings: [['unresolved-name', null, null, 'TENANT_QUEUE']],
    },
  },
  {
    name: 'a class cache `let q = this.cache.get(k); if (!q) { q = new Queue(k); this.cache.set(k, q) }`',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/registry.ts': `import { Queue } from 'bullmq';
export class QueueRegistry {
  private readonly cache = new Map<string, Queue>();
  get(k: string): Queue {
    let q = this.cache.get(k);
    if (!q) {
      q = new Queue(k, { connection: {} });
      this.cache.set(k, q);
    }
    return q;
  }
}`,
      'apps/api/src/main.ts': `import { QueueRegistry } from './registry';
const registry = new QueueRegistry();
void registry.get('mail').add('welcome', {});
void registry.get('sms').add('otp', {});`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:3']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'otp', 'apps/api/src/main.ts:4']]],
      ],
    },
  },
  {
    // Each Worker is located at the register() call that supplies its queue (the name is supplied there).
    name: 'a class-field Map of workloads filled by register() and iterated with values(): one Worker per workload',
    files: {
      'apps/worker/src/host.ts': `import { Queue, Worker, type Processor } from 'bullmq';
export interface Workload { queue: Queue; process: Processor }
export class WorkloadHost {
  private readonly workloads = new Map<string, Workload>();
  register(workload: Workload) {
    this.workloads.set(workload.queue.name, workload);
  }
  start() {
    for (const w of this.workloads.values()) {
      new Worker(w.queue.name, w.process, { connection: {} });
    }
  }
}`,
      'apps/worker/src/main.ts': `import { Queue } from 'bullmq';
import { WorkloadHost } from './host';
const host = new WorkloadHost();
host.register({ queue: new Queue('thumbnails', { connection: {} }), process: async () => undefined });
host.register({ queue: new Queue('transcode', { connection: {} }), process: async () => undefined });
host.start();`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('thumbnails', { connection: {} }).add('resize', {});
void new Queue('transcode', { connection: {} }).add('h264', {});`,
    },
    expect: {
      queues: [
        ['thumbnails', [['worker', 'apps/worker/src/main.ts:4']], [['api', 'resize', 'apps/api/src/main.ts:2']]],
        ['transcode', [['worker', 'apps/worker/src/main.ts:5']], [['api', 'h264', 'apps/api/src/main.ts:3']]],
      ],
    },
  },
  {
    // Adjudicated: nothing in the repository calls `register`, but a method of an exported
    // class may be called from code the analysis cannot see; the Worker is reported with that
    // cause (its queue is a parameter no call passes) instead of being dropped as dead.
    name: 'a workload registry nobody registers into: the Worker is reported as unresolved, not dropped',
    files: {
      'apps/worker/src/host.ts': `import { Queue, Worker, type Processor } from 'bullmq';
export interface Workload { queue: Queue; process: Processor }
export class WorkloadHost {
  private readonly workloads = new Map<string, Workload>();
  register(workload: Workload) {
    this.workloads.set(workload.queue.name, workload);
  }
  start() {
    for (const w of this.workloads.values()) {
      new Worker(w.queue.name, w.process, { connection: {} });
    }
  }
}`,
      'apps/worker/src/main.ts': `import { WorkloadHost } from './host';
new WorkloadHost().start();`,
    },
    expect: {
      queues: [['<unresolved>', [['worker', 'apps/worker/src/host.ts:10']], []]],
      findings: [['unresolved-name', null, null, 'no call that passes it was found']],
    },
  },
  {
    name: 'an array of queues iterated with for-of: the add runs on each',
    files: {
      'apps/worker/src/main.ts': workers('mail', 'sms'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const mail = new Queue('mail', { connection: {} });
const sms = new Queue('sms', { connection: {} });
async function pingAll() {
  for (const q of [mail, sms]) await q.add('ping', {});
}
void pingAll();`,
    },
    expect: {
      queues: [
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'ping', 'apps/api/src/main.ts:5']]],
        ['sms', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'ping', 'apps/api/src/main.ts:5']]],
      ],
    },
  },
  {
    name: 'a lazy singleton `client ??= new MailClient()` produces on the client queue',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/client.ts': `import { Queue } from 'bullmq';
class MailClient {
  private readonly queue = new Queue('mail', { connection: {} });
  send(job: string) { return this.queue.add(job, {}); }
}
let client: MailClient | undefined;
export function getClient(): MailClient {
  client ??= new MailClient();
  return client;
}`,
      'apps/api/src/main.ts': `import { getClient } from './client';
void getClient().send('welcome');`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]]],
    },
  },
  {
    name: 'a lazy queue getter `() => (queue ??= new Queue(name))` is that queue',
    files: {
      'apps/worker/src/main.ts': workers('mail'),
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
let queue: Queue | undefined;
const getQueue = () => (queue ??= new Queue('mail', { connection: {} }));
void getQueue().add('welcome', {});`,
    },
    expect: {
      queues: [['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:4']]]],
    },
  },
];

runCases('constructs: queues as arguments', CASES);
