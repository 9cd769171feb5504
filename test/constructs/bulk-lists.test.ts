/**
 * `addBulk(list)` where the list is built in place: `const jobs = []; for (…) jobs.push({ name,
 * data }); await queue.addBulk(jobs)` (seen in a NestJS cron service and a start processor). The
 * engine is flow-insensitive: the array holds its initializer's elements plus every element its
 * scope adds. A list the analysis sees no element of is reported, never dropped.
 */
import { type ConstructCase, runCases } from './table.js';

const WORKER = `import { Worker } from 'bullmq';
new Worker('transition', async () => undefined, { connection: {} });`;

const CASES: ConstructCase[] = [
  {
    name: 'jobs pushed in a loop, then addBulk(jobs): each pushed name is produced at the addBulk',
    files: {
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const queue = new Queue('transition', { connection: {} });
export async function requeue(ids: string[]): Promise<void> {
  const bulkJobs: { name: string; data: object }[] = [];
  for (const id of ids) {
    bulkJobs.push({ name: 'message', data: { id } });
  }
  await queue.addBulk(bulkJobs);
}
void requeue(JSON.parse('[]'));`,
      'apps/worker/src/main.ts': WORKER,
    },
    expect: {
      queues: [['transition', [['worker', 'apps/worker/src/main.ts:2']], [['api', 'message', 'apps/api/src/main.ts:8']]]],
    },
  },
  {
    name: 'unshift, splice and an element assignment add to the list too; the initializer keeps its own',
    files: {
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const queue = new Queue('transition', { connection: {} });
const jobs = [{ name: 'start', data: {} }];
jobs.unshift({ name: 'wait', data: {} });
jobs.splice(1, 0, { name: 'branch', data: {} });
jobs[3] = { name: 'exit', data: {} };
void queue.addBulk(jobs);`,
      'apps/worker/src/main.ts': WORKER,
    },
    expect: {
      queues: [
        [
          'transition',
          [['worker', 'apps/worker/src/main.ts:2']],
          [
            ['api', 'start', 'apps/api/src/main.ts:7'],
            ['api', 'wait', 'apps/api/src/main.ts:7'],
            ['api', 'branch', 'apps/api/src/main.ts:7'],
            ['api', 'exit', 'apps/api/src/main.ts:7'],
          ],
        ],
      ],
    },
  },
  {
    name: 'a pushed job named from runtime data is an unresolved producer at the addBulk',
    files: {
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const queue = new Queue('transition', { connection: {} });
export async function enqueue(steps: Array<{ type: string }>): Promise<void> {
  const jobs: Array<{ name: string; data: object }> = [];
  for (const step of steps) jobs.push({ name: step.type, data: step });
  await queue.addBulk(jobs);
}
void enqueue(JSON.parse('[]'));`,
      'apps/worker/src/main.ts': WORKER,
    },
    expect: {
      queues: [['transition', [['worker', 'apps/worker/src/main.ts:2']], [['api', '<unresolved>', 'apps/api/src/main.ts:6']]]],
      findings: [['unresolved-name', 'transition', null, 'the result of JSON.parse()']],
    },
  },
  {
    name: 'a list filled through a helper the engine does not see into is reported, not dropped',
    files: {
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
const queue = new Queue('transition', { connection: {} });
function fill(into: object[]): void {
  Object.assign(into, JSON.parse('[]'));
}
const jobs: object[] = [];
fill(jobs);
void queue.addBulk(jobs as never);`,
      'apps/worker/src/main.ts': WORKER,
    },
    expect: {
      queues: [['transition', [['worker', 'apps/worker/src/main.ts:2']], [['api', '<unresolved>', 'apps/api/src/main.ts:8']]]],
      findings: [['unresolved-name', 'transition', null, 'has no element the analysis can see']],
    },
  },
  {
    name: 'addBulk([]) as written adds nothing: no producer, no finding (the queue stays, its consumer with it)',
    files: {
      'apps/api/src/main.ts': `import { Queue } from 'bullmq';
void new Queue('transition', { connection: {} }).addBulk([]);`,
      'apps/worker/src/main.ts': WORKER,
    },
    expect: {
      queues: [['transition', [['worker', 'apps/worker/src/main.ts:2']], []]],
    },
  },
];

runCases('addBulk lists built in place', CASES);
