/**
 * Queue names and prefixes computed by helper functions: a cluster-aware name helper (one name
 * per condition), a prefix helper, identity helpers, wrapper chains two and three calls deep,
 * and names read from the environment with no default (never guessed: unresolved-name).
 */
import { app, type ConstructCase, literalProducers, runCases } from './table.js';

/** The two apps depend on the shared `@acme/queues` library. */
const WITH_LIB = {
  'apps/api/package.json': app('api', { dependencies: { '@acme/queues': '*' } }),
  'apps/worker/package.json': app('worker', { dependencies: { '@acme/queues': '*' } }),
  'libs/queues/package.json': JSON.stringify({ name: '@acme/queues', main: 'src/index.ts' }),
};

const CLUSTER_HELPER = `export enum QueueName { Sessions = 'sessions', Reports = 'reports' }
export const getQueueName = (n: string) => (process.env.CLUSTER ? \`{\${n}}\` : n);
export const getQueuePrefix = (name: QueueName) => \`{\${name}}\`;
`;

const CASES: ConstructCase[] = [
  {
    name: "getQueueName('sessions') with a CLUSTER ternary is 'sessions', alternatively '{sessions}'",
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': CLUSTER_HELPER,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { getQueueName } from '@acme/queues';
new Worker(getQueueName('sessions'), async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { getQueueName } from '@acme/queues';
const sessions = new Queue(getQueueName('sessions'), { connection: {} });
void sessions.add('refresh', {});`,
    },
    expect: {
      queues: [['sessions', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'refresh', 'apps/api/src/main.ts:4']]]],
      alternatives: { sessions: ['{sessions}'] },
    },
  },
  {
    name: 'getQueueName(QueueName.Sessions) and getQueueName(\'sessions\') are the same queue',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': CLUSTER_HELPER,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { getQueueName, QueueName } from '@acme/queues';
new Worker(getQueueName(QueueName.Sessions), async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { getQueueName } from '@acme/queues';
void new Queue(getQueueName('sessions'), { connection: {} }).add('refresh', {});`,
    },
    expect: {
      queues: [['sessions', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'refresh', 'apps/api/src/main.ts:3']]]],
      alternatives: { sessions: ['{sessions}'] },
    },
  },
  {
    name: 'a function-declaration name helper with an early `if (env) return` has the same two names',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': `export function getQueueName(n: string): string {
  if (process.env.REDIS_CLUSTER === 'true') return \`{\${n}}\`;
  return n;
}`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { getQueueName } from '@acme/queues';
new Worker(getQueueName('sessions'), async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { getQueueName } from '@acme/queues';
void new Queue(getQueueName('sessions'), { connection: {} }).add('refresh', {});`,
    },
    expect: {
      queues: [['sessions', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'refresh', 'apps/api/src/main.ts:3']]]],
      alternatives: { sessions: ['{sessions}'] },
    },
  },
  {
    name: 'prefix: getQueuePrefix(QueueName.Reports) on both sides is one queue with that prefix',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': CLUSTER_HELPER,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { getQueuePrefix, QueueName } from '@acme/queues';
new Worker(QueueName.Reports, async () => undefined, { connection: {}, prefix: getQueuePrefix(QueueName.Reports) });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { getQueuePrefix, QueueName } from '@acme/queues';
const reports = new Queue(QueueName.Reports, { connection: {}, prefix: getQueuePrefix(QueueName.Reports) });
void reports.add('monthly', {});`,
    },
    expect: {
      queues: [['reports', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'monthly', 'apps/api/src/main.ts:4']]]],
      prefixes: [['reports', '{reports}']],
    },
  },
  {
    name: 'a producer with getQueuePrefix(...) and a worker without a prefix are different queues (no-consumer)',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': CLUSTER_HELPER,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { QueueName } from '@acme/queues';
new Worker(QueueName.Reports, async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { getQueuePrefix, QueueName } from '@acme/queues';
const reports = new Queue(QueueName.Reports, { connection: {}, prefix: getQueuePrefix(QueueName.Reports) });
void reports.add('monthly', {});`,
    },
    expect: {
      queues: [
        ['reports', [['worker', 'apps/worker/src/main.ts:3']], []],
        ['reports', [], [['api', 'monthly', 'apps/api/src/main.ts:4']]],
      ],
      prefixes: [['reports', 'bull'], ['reports', '{reports}']],
      findings: [['no-consumer', 'reports', 'monthly']],
    },
  },
  {
    name: 'an identity helper `n => n` returns its argument',
    files: {
      'apps/worker/src/names.ts': `export const queueName = (n: string) => n;`,
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
import { queueName } from './names';
new Worker(queueName('thumbs'), async () => undefined, { connection: {} });
void new Queue(queueName('thumbs'), { connection: {} }).add('resize', {});`,
    },
    expect: {
      queues: [['thumbs', [['worker', 'apps/worker/src/main.ts:3']], [['worker', 'resize', 'apps/worker/src/main.ts:4']]]],
    },
  },
  {
    name: 'an identity helper given a const from another package returns that const',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': `export const THUMBS = 'thumbnails' as const;
export function named<T extends string>(n: T): T { return n; }`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { named, THUMBS } from '@acme/queues';
new Worker(named(THUMBS), async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { THUMBS } from '@acme/queues';
void new Queue(THUMBS, { connection: {} }).add('resize', {});`,
    },
    expect: {
      queues: [['thumbnails', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'resize', 'apps/api/src/main.ts:3']]]],
    },
  },
  {
    name: "a name helper that looks a key up in an `as const` map returns the mapped name",
    files: {
      'apps/worker/src/main.ts': `import { Queue, Worker } from 'bullmq';
const NAMES = { sessions: 'user-sessions', mail: 'outbound-mail' } as const;
const queueFor = (k: keyof typeof NAMES) => NAMES[k];
new Worker(queueFor('mail'), async () => undefined, { connection: {} });
void new Queue(queueFor('mail'), { connection: {} }).add('send', {});`,
    },
    expect: {
      queues: [['outbound-mail', [['worker', 'apps/worker/src/main.ts:4']], [['worker', 'send', 'apps/worker/src/main.ts:5']]]],
    },
  },
  {
    // A wrapper's consumer is located at the call that fixes its name (fixtures/issue3-lib-worker-wrapper/EXPECTED.md).
    name: "two-level wrappers a('x') → b(n) → new Worker(m): one consumer per outer call, at that call",
    files: {
      'apps/worker/src/start.ts': `import { Worker } from 'bullmq';
export function startWorker(m: string) {
  return new Worker(m, async () => undefined, { connection: {} });
}
export function startNamed(n: string) {
  return startWorker(n);
}`,
      'apps/worker/src/main.ts': `import { startNamed } from './start';
startNamed('x');
startNamed('y');`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('x', { connection: {} }).add('one', {});
void new Queue('y', { connection: {} }).add('two', {});`,
    },
    expect: {
      queues: [
        ['x', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'one', 'apps/api/src/main.ts:2']]],
        ['y', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'two', 'apps/api/src/main.ts:3']]],
      ],
    },
  },
  {
    name: 'a three-level wrapper chain that builds `svc-${n}` in the middle resolves at the outer call',
    files: {
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
const c = (m: string) => new Worker(m, async () => undefined, { connection: {} });
const b = (n: string) => c(\`svc-\${n}\`);
const a = (k: string) => b(k);
a('billing');
a('refunds');`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('svc-billing', { connection: {} }).add('charge', {});
void new Queue('svc-refunds', { connection: {} }).add('refund', {});`,
    },
    expect: {
      queues: [
        ['svc-billing', [['worker', 'apps/worker/src/main.ts:5']], [['api', 'charge', 'apps/api/src/main.ts:2']]],
        ['svc-refunds', [['worker', 'apps/worker/src/main.ts:6']], [['api', 'refund', 'apps/api/src/main.ts:3']]],
      ],
    },
  },
  {
    name: 'a three-level pass-through chain a(k) → b(n) → c(m) → new Worker(m) is located at the outer call',
    files: {
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
const c = (m: string) => new Worker(m, async () => undefined, { connection: {} });
const b = (n: string) => c(n);
const a = (k: string) => b(k);
a('billing');
a('refunds');`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('billing', { connection: {} }).add('charge', {});
void new Queue('refunds', { connection: {} }).add('refund', {});`,
    },
    expect: {
      queues: [
        ['billing', [['worker', 'apps/worker/src/main.ts:5']], [['api', 'charge', 'apps/api/src/main.ts:2']]],
        ['refunds', [['worker', 'apps/worker/src/main.ts:6']], [['api', 'refund', 'apps/api/src/main.ts:3']]],
      ],
    },
  },
  {
    name: 'a queue name from process.env with no default is unresolved-name, never a guess',
    files: {
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
new Worker(process.env.QUEUE_NAME!, async () => undefined, { connection: {} });`,
    },
    expect: {
      queues: [['<unresolved>', [['worker', 'apps/worker/src/main.ts:2']], []]],
      findings: [['unresolved-name', null, null, 'process.env.QUEUE_NAME']],
    },
  },
  {
    name: 'a name helper given an env value with no default is unresolved in both cluster worlds',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': CLUSTER_HELPER,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { getQueueName } from '@acme/queues';
const tenant = process.env.TENANT_QUEUE as string;
new Worker(getQueueName(tenant), async () => undefined, { connection: {} });`,
    },
    expect: {
      queues: [['<unresolved>', [['worker', 'apps/worker/src/main.ts:4']], []]],
      findings: [['unresolved-name', null, null, 'TENANT_QUEUE']],
    },
  },
  {
    name: 'a wrapper called with a constant and with an env value: one resolved queue, one unresolved site',
    files: {
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
function start(name: string) {
  return new Worker(name, async () => undefined, { connection: {} });
}
start('ok');
start(process.env.EXTRA_QUEUE!);`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('ok', { connection: {} }).add('ping', {});`,
    },
    expect: {
      queues: [
        ['ok', [['worker', 'apps/worker/src/main.ts:5']], [['api', 'ping', 'apps/api/src/main.ts:2']]],
        ['<unresolved>', [['worker', 'apps/worker/src/main.ts:6']], []],
      ],
      findings: [['unresolved-name', null, null, 'EXTRA_QUEUE']],
    },
  },
  {
    name: 'a callback passed to a helper that calls it with its own argument: each use names its queue, at the call that passes it',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': `export function withQueue(name: string, start: (queue: string) => void): void {
  start(name);
}`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { withQueue } from '@acme/queues';
withQueue('mail', (q) => {
  new Worker(q, async () => undefined, { connection: {} });
});
withQueue('billing', (q) => new Worker(q, async () => undefined, { connection: {} }));`,
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
import { withQueue } from '@acme/queues';
withQueue('mail', function (q) {
  void new Queue(q, { connection: {} }).add('welcome', {});
});
withQueue('billing', (q) => void new Queue(q, { connection: {} }).add('invoice', {}));`,
    },
    expect: {
      queues: [
        ['billing', [['worker', 'apps/worker/src/main.ts:6']], [['api', 'invoice', 'apps/api/src/main.ts:6']]],
        ['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:3']]],
      ],
    },
  },
  {
    name: 'a callback the helper never calls: its queue name is unresolved, never guessed from the argument beside it',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': `export function keep(name: string, start: (queue: string) => void): string {
  return name;
}`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
import { keep } from '@acme/queues';
new Worker('mail', async () => undefined, { connection: {} });
keep('mail', (q) => new Worker(q, async () => undefined, { connection: {} }));`,
      'apps/api/src/main.ts': literalProducers(['mail', 'welcome']),
    },
    expect: {
      queues: [
        ['<unresolved>', [['worker', 'apps/worker/src/main.ts:4']], []],
        ['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]],
      ],
      findings: [['unresolved-name', null, null]],
    },
  },
  {
    name: 'a list built from an outer parameter and iterated two calls down (`startAll([name, "audit"])` in `start(name)`) names each element',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': `import { Worker } from 'bullmq';
function startAll(names: readonly string[]): void {
  names.map((n) => new Worker(n, async () => undefined, { connection: {} }));
}
export function start(name: string): void {
  startAll([name, 'audit']);
}
export function startEach(name: string): void {
  for (const n of [name, 'archive']) new Worker(n, async () => undefined, { connection: {} });
}`,
      'apps/worker/src/main.ts': `import { start, startEach } from '@acme/queues';
start('mail');
startEach('billing');`,
      'apps/api/src/main.ts': literalProducers(['mail', 'welcome'], ['billing', 'invoice'], ['audit', 'record'], ['archive', 'store']),
    },
    expect: {
      queues: [
        ['archive', [['worker', 'libs/queues/src/index.ts:9']], [['api', 'store', 'apps/api/src/main.ts:5']]],
        ['audit', [['worker', 'libs/queues/src/index.ts:6']], [['api', 'record', 'apps/api/src/main.ts:4']]],
        ['billing', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'invoice', 'apps/api/src/main.ts:3']]],
        ['mail', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'welcome', 'apps/api/src/main.ts:2']]],
      ],
    },
  },
  {
    name: 'a `let` reassigned in straight-line code holds, at each use, the value assigned last before it',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': `export {};`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
let name = 'mail';
new Worker(name, async () => undefined, { connection: {} });
name = 'billing';
new Worker(name, async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': literalProducers(['mail', 'welcome'], ['billing', 'invoice']),
    },
    expect: {
      queues: [
        ['billing', [['worker', 'apps/worker/src/main.ts:5']], [['api', 'invoice', 'apps/api/src/main.ts:3']]],
        ['mail', [['worker', 'apps/worker/src/main.ts:3']], [['api', 'welcome', 'apps/api/src/main.ts:2']]],
      ],
    },
  },
  {
    name: 'a `let` reassigned in a branch is not straight-line: its use stays unresolved, never one of the two',
    files: {
      ...WITH_LIB,
      'libs/queues/src/index.ts': `export {};`,
      'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
let name = 'mail';
if (Math.random() > 0.5) {
  name = 'billing';
}
new Worker(name, async () => undefined, { connection: {} });`,
      'apps/api/src/main.ts': `export {};`,
    },
    expect: {
      queues: [['<unresolved>', [['worker', 'apps/worker/src/main.ts:6']], []]],
      findings: [['unresolved-name', null, null]],
    },
  },
];

runCases('constructs: helper functions', CASES);
