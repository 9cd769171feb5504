/**
 * Issue 13: services are deployed processes, and each process runs what its entry file reaches.
 * One fixture per way of deploying (fixtures/processes-*, each with an EXPECTED.md written before
 * reachability was wired): the processes found, where every consumer and producer runs, and the
 * exact findings. A row is [service, file:line:column, kind, handles, unhandled] for consumers,
 * [service, file:line:column, kind, job] for producers, [rule, queue, services, locations] for
 * findings, [type, queue, location] for sites no process runs.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { fixturePath } from './helpers.js';

interface Case {
  fixture: string;
  services: Array<[string, string | null]>;
  queues: Array<{ queue: string; owner: string | null; consumers: string[][]; producers: string[][] }>;
  findings: Array<[string, string | null, string, string]>;
  unreached: string[][];
}

const CASES: Case[] = [
  {'fixture': 'processes-procfile', 'services': [['platform:mainWorker', 'apps/platform/src/worker.ts'], ['platform:web', 'apps/platform/src/main.ts']], 'queues': [{'queue': 'transcode', 'owner': null, 'consumers': [['platform:mainWorker', 'apps/platform/src/transcode/transcode.processor.ts:5:1', 'nest-processor', 'extract-thumbnail,transcode-video', 'throws'], ['platform:web', 'apps/platform/src/transcode/transcode.processor.ts:5:1', 'nest-processor', 'extract-thumbnail,transcode-video', 'throws']], 'producers': [['platform:web', 'apps/platform/src/media/media.service.ts:11:11', 'add', 'transcode-video'], ['platform:web', 'apps/platform/src/media/media.service.ts:12:11', 'add', 'extract-thumbnail']]}], 'findings': [['multiple-owners', 'transcode', 'platform:mainWorker,platform:web', 'apps/platform/src/transcode/transcode.processor.ts:5:1']], 'unreached': []},
  {'fixture': 'processes-pm2', 'services': [['backend:api', 'apps/backend/src/index.ts'], ['backend:jobs', 'apps/backend/src/jobs.ts']], 'queues': [{'queue': 'mail', 'owner': 'backend:jobs', 'consumers': [['backend:jobs', 'libs/mail/src/mail-worker.ts:6:10', 'worker', 'weekly-digest,welcome', 'throws']], 'producers': [['backend:api', 'apps/backend/src/index.ts:9:13', 'add', 'welcome'], ['backend:jobs', 'apps/backend/src/jobs.ts:6:6', 'scheduler', 'weekly-digest']]}], 'findings': [], 'unreached': []},
  {'fixture': 'processes-dockerfile-only', 'services': [['@feedhub/cli', 'packages/cli/src/cli.ts'], ['@feedhub/ingest', 'packages/ingest/src/index.ts'], ['@feedhub/scheduler', 'packages/scheduler/src/main.ts']], 'queues': [{'queue': 'ingest', 'owner': null, 'consumers': [['@feedhub/ingest', 'packages/ingest/src/index.ts:4:16', 'worker', 'expire-items,parse-feed,reindex', 'throws'], ['@feedhub/scheduler', 'packages/scheduler/src/main.ts:13:1', 'worker', 'expire-items', 'completes']], 'producers': [['@feedhub/cli', 'packages/cli/src/cli.ts:8:11', 'add', 'reindex'], ['@feedhub/scheduler', 'packages/scheduler/src/main.ts:7:6', 'scheduler', 'parse-feed'], ['@feedhub/scheduler', 'packages/scheduler/src/main.ts:9:6', 'scheduler', 'expire-items']]}], 'findings': [['multiple-owners', 'ingest', '@feedhub/ingest,@feedhub/scheduler', 'packages/ingest/src/index.ts:4:16 packages/scheduler/src/main.ts:13:1'], ['silent-completion', 'ingest', '@feedhub/scheduler', 'packages/scheduler/src/main.ts:13:1']], 'unreached': []},
  {'fixture': 'processes-compose', 'services': [['gateway', 'apps/gateway/src/main.ts'], ['media:media-api', 'apps/media/src/server.ts'], ['media:media-worker', 'apps/media/src/worker.ts']], 'queues': [{'queue': 'thumbnails', 'owner': null, 'consumers': [['media:media-api', 'apps/media/src/thumbnail.worker.ts:4:32', 'worker', 'render', 'throws'], ['media:media-worker', 'apps/media/src/thumbnail.worker.ts:4:32', 'worker', 'render', 'throws']], 'producers': [['gateway', 'apps/gateway/src/main.ts:8:48', 'add', 'render'], ['media:media-api', 'apps/media/src/server.ts:8:48', 'add', 'render']]}], 'findings': [['multiple-owners', 'thumbnails', 'media:media-api,media:media-worker', 'apps/media/src/thumbnail.worker.ts:4:32']], 'unreached': []},
  {'fixture': 'processes-supervisord', 'services': [['backend:api', 'packages/backend/src/server.ts'], ['backend:statements', 'packages/backend/src/statement-worker.ts']], 'queues': [{'queue': 'statements', 'owner': 'backend:statements', 'consumers': [['backend:statements', 'packages/backend/src/statement-worker.ts:4:1', 'worker', 'monthly-statement', 'throws']], 'producers': [['backend:api', 'packages/backend/src/server.ts:6:50', 'add', 'monthly-statement']]}], 'findings': [], 'unreached': []},
  {'fixture': 'processes-js-two-entries', 'services': [['notifier:server', 'apps/notifier/server.js'], ['notifier:worker', 'apps/notifier/worker.js']], 'queues': [{'queue': 'sms', 'owner': 'notifier:worker', 'consumers': [['notifier:worker', 'apps/notifier/worker.js:5:16', 'worker', 'send-otp', 'throws']], 'producers': [['notifier:server', 'apps/notifier/server.js:10:35', 'add', 'send-otp']]}], 'findings': [], 'unreached': []},
  {'fixture': 'processes-seed-script', 'services': [['api', 'apps/api/src/main.ts'], ['worker', 'apps/worker/src/main.ts']], 'queues': [{'queue': 'invoices', 'owner': 'worker', 'consumers': [['worker', 'libs/invoicing/src/invoice-worker.ts:6:10', 'worker', 'generate-invoice', 'throws']], 'producers': [['api', 'apps/api/src/main.ts:9:50', 'add', 'generate-invoice']]}], 'findings': [], 'unreached': [['producer', 'invoices', 'apps/api/scripts/seed.ts:6:55']]},
];

const loc = (l: { file: string; line: number; column: number }): string => `${l.file}:${l.line}:${l.column}`;

describe.each(CASES)('$fixture', (c) => {
  const result = analyze({ root: fixturePath(c.fixture) });

  it('finds the processes and their entry files', () => {
    expect(result.services.map((s) => [s.name, s.entry ?? null])).toEqual(c.services);
  });

  it('runs each consumer and producer where its entry reaches it', () => {
    expect(
      result.queues.map((q) => ({
        queue: q.queue,
        owner: q.owner,
        consumers: q.consumers.map((x) => [x.service, loc(x), x.kind, x.handles === '*' ? '*' : x.handles.join(','), x.unhandled]),
        producers: q.producers.map((x) => [x.service, loc(x), x.kind, x.job]),
      })),
    ).toEqual(c.queues);
  });

  it('reports exactly these findings', () => {
    expect(result.findings.map((f) => [f.rule, f.queue, f.services.join(','), f.locations.map(loc).join(' ')])).toEqual(c.findings);
  });

  it('lists the sites no process runs', () => {
    expect(result.unreached.map((u) => [u.type, u.queue, loc(u)])).toEqual(c.unreached);
  });
});
