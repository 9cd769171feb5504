/**
 * Where code runs (issue 13.3 through the value engine): each row is a small two-process
 * repository (apps/api and apps/worker, entries src/main.ts) and the exact services every
 * consumer and producer is counted for, plus the sites no process runs. The traps are code a
 * process loads but does not run: a processor whose file the API imports for a logger, a
 * `require.main` block, a CLI command handler, a function nothing calls.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { twoServiceRepo } from '../support/repo-files.js';

interface Case {
  name: string;
  files: Record<string, string>;
  /** `service file:line kind/job` per consumer and producer, sorted as the result lists them. */
  sites: string[];
  findings: string[];
  unreached?: string[];
}

const BULLMQ = "import { Queue, Worker } from 'bullmq';\n";

const CASES: Case[] = [
  {
    name: 'a named processor passed through a wrapper runs where its Worker runs, though the API imports its file',
    files: {
      'apps/worker/src/main.ts': `${BULLMQ}import sendDigest from './digest';\nexport const logger = console;\nconst withTiming = (name: string, fn: (job: any) => Promise<void>) => async (job: any) => { await fn(job); };\nfunction start(name: string, fn: any) { return new Worker(name, withTiming(name, fn), { connection: {} }); }\nif (require.main === module) start('digests', sendDigest);\n`,
      'apps/worker/src/digest.ts': `${BULLMQ}export default async function sendDigest(job: any) {\n  await new Queue('mail').add('digest-mail', { id: job.data.id });\n}\n`,
      'apps/api/src/main.ts': `${BULLMQ}import { logger } from '../../worker/src/main';\nlogger.log('up');\nnew Queue('digests').add('weekly', {});\nnew Worker('mail', async () => {}, { connection: {} });\n`,
    },
    // Before, the digest producer counted for the API too: the API loads digest.ts (through
    // the worker entry it imports for a logger), and sendDigest is referenced there.
    sites: ['api apps/api/src/main.ts:5 worker/*', 'worker apps/worker/src/main.ts:6 worker/*', 'api apps/api/src/main.ts:4 add/weekly', 'worker apps/worker/src/digest.ts:3 add/digest-mail'],
    findings: [],
  },
  {
    name: 'a Worker behind `if (require.main === module)` runs only in the process whose entry the file is',
    files: {
      'apps/worker/src/main.ts': `${BULLMQ}export const QUEUE = 'exports';\nif (require.main === module) {\n  new Worker(QUEUE, async () => {}, { connection: {} });\n}\n`,
      'apps/api/src/main.ts': `${BULLMQ}import { QUEUE } from '../../worker/src/main';\nnew Queue(QUEUE).add('csv', {});\n`,
    },
    sites: ['worker apps/worker/src/main.ts:4 worker/*', 'api apps/api/src/main.ts:3 add/csv'],
    findings: [],
  },
  {
    name: 'a yargs command handler runs in its own entry only',
    files: {
      'apps/worker/src/main.ts': `${BULLMQ}import yargs from 'yargs';\nexport const QUEUE = 'imports';\nyargs.command('run', 'starts the worker', async () => {\n  new Worker(QUEUE, async () => {}, { connection: {} });\n}).argv;\n`,
      'apps/api/src/main.ts': `${BULLMQ}import { QUEUE } from '../../worker/src/main';\nnew Queue(QUEUE).add('csv', {});\n`,
    },
    sites: ['worker apps/worker/src/main.ts:5 worker/*', 'api apps/api/src/main.ts:3 add/csv'],
    findings: [],
  },
  {
    name: 'a top-level function nothing calls, imports or refers to runs nowhere',
    files: {
      'apps/worker/src/main.ts': `${BULLMQ}new Worker('emails', async () => {}, { connection: {} });\nasync function backfill() {\n  await new Queue('emails').add('backfill', {});\n}\n`,
      'apps/api/src/main.ts': `${BULLMQ}new Queue('emails').add('welcome', {});\n`,
    },
    sites: ['worker apps/worker/src/main.ts:2 worker/*', 'api apps/api/src/main.ts:2 add/welcome'],
    findings: [],
    unreached: ['producer emails apps/worker/src/main.ts:4'],
  },
  {
    name: 'an export of a file nothing imports is its interface: it runs with the file',
    files: {
      'apps/worker/src/main.ts': `${BULLMQ}new Worker('emails', async () => {}, { connection: {} });\n`,
      'apps/api/src/main.ts': 'export {};\n',
      'apps/api/src/signup.ts': `${BULLMQ}export const send = () => new Queue('emails').add('welcome', {});\n`,
    },
    sites: ['worker apps/worker/src/main.ts:2 worker/*'],
    findings: [],
    unreached: ['producer emails apps/api/src/signup.ts:2'],
  },
  {
    name: 'routers loaded by a computed require (`require(`./routes/${name}`)`) run in the server',
    files: {
      'apps/worker/src/main.ts': `${BULLMQ}new Worker('thumbnails', async () => {}, { connection: {} });\n`,
      'apps/api/src/main.ts': "for (const name of ['images', 'users']) require(`./routes/${name}`);\n",
      'apps/api/src/routes/images.ts': `${BULLMQ}export default () => new Queue('thumbnails').add('resize', {});\nexport const mounted = true;\n`,
      'apps/api/src/routes/users.ts': 'export default () => 1;\n',
    },
    sites: ['worker apps/worker/src/main.ts:2 worker/*', 'api apps/api/src/routes/images.ts:2 add/resize'],
    findings: [],
  },
];

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

describe.each(CASES)('$name', (c) => {
  const root = twoServiceRepo('jo-runs-', c.files);
  roots.push(root);
  const result = analyze({ root });

  it('counts each site for exactly the processes that run it', () => {
    const sites = result.queues.flatMap((q) => [
      ...q.consumers.map((x) => `${x.service} ${x.file}:${x.line} ${x.kind}/${x.handles === '*' ? '*' : x.handles.join(',')}`),
      ...q.producers.map((x) => `${x.service} ${x.file}:${x.line} ${x.kind}/${x.job}`),
    ]);
    expect(sites.sort()).toEqual([...c.sites].sort());
  });

  it('reports exactly these errors and warnings', () => {
    expect(result.findings.filter((f) => f.rule !== 'orphan-handler').map((f) => `${f.rule} ${f.queue} ${f.services.join(',')}`)).toEqual(c.findings);
  });

  it('lists the sites no process runs', () => {
    expect(result.unreached.map((u) => `${u.type} ${u.queue} ${u.file}:${u.line}`)).toEqual(c.unreached ?? []);
  });
});
