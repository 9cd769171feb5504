/**
 * `job-owners explain <queue>[:<job>]` through the real CLI: everything behind one verdict,
 * job names with `:`, `%` and a newline as targets, exit 2 with "did you mean".
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOwners, REPO_ROOT } from './helpers.js';

const expected = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test/cli-output/expected', name), 'utf8');
const incident = path.join(REPO_ROOT, 'fixtures/audiobook-incident');
const awkward = path.join(REPO_ROOT, 'fixtures/awkward-names');

describe.concurrent('explain', () => {
  it.each([
    ['audiobook-incident', 'audio-processing'],
    ['awkward-names', 'notifications'],
  ])('fixtures/%s %s: exact output, exit 0', async (fixture, queue) => {
    const run = await jobOwners(['explain', queue], { cwd: path.join(REPO_ROOT, 'fixtures', fixture) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(expected(`${fixture}.explain.txt`));
  });

  it('a job type of the incident: both consumers receive it, the `if` line is the evidence, the rule that fired', async () => {
    const run = await jobOwners(['explain', 'audio-processing:generate-audio'], { cwd: incident });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Queue "audio-processing" (prefix "bull", bullmq)
  owner: none (several consuming services)
  consumers (each receives every job of the queue):
    api  apps/api/src/queue/epub-processor.service.ts:6:1  nest-processor EpubProcessorService (bullmq)
      handles: "parse-epub"; other names are completed silently
      for "generate-audio": not handled, but received anyway, so it is completed silently
      runs in api because its class is a provider of a module reachable from the app's bootstrap, and the app registers the queue
        bootstrap AppModule  apps/api/src/main.ts:6:21
        module QueueModule  apps/api/src/app.module.ts:6:13
        provider EpubProcessorService  apps/api/src/queue/queue.module.ts:17:29
        register-queue audio-processing  apps/api/src/queue/queue.module.ts:15:5
    workers  apps/workers/src/main.ts:7:16  worker (bullmq)
      handles: "generate-audio", "parse-epub"; other names fail
      for "generate-audio": handled
      runs in workers because the file is in its package (apps/workers)
      evidence: "generate-audio" at apps/workers/src/main.ts:13:12
  producers:
    api  apps/api/src/queue/queue.service.ts:27:23  add "generate-audio" (bullmq)
      runs in api because its class is a provider of a module reachable from the app's bootstrap
        bootstrap AppModule  apps/api/src/main.ts:6:21
        module QueueModule  apps/api/src/app.module.ts:6:13
        provider QueueService  apps/api/src/queue/queue.module.ts:17:15
  job types:
    "generate-audio": conflict; produced by api; received by api, workers; handled by workers
  verdict: conflict (1 error, 1 warning)
    error multiple-owners: Queue "audio-processing" is consumed by 2 services: api, workers
      at apps/api/src/queue/epub-processor.service.ts:6:1
      at apps/workers/src/main.ts:7:16
      BullMQ never routes by job name: each worker takes the next job, whatever its name, so these
      services race for every job on it ("generate-audio", "parse-epub"). Names each service
      handles: api: "parse-epub"; workers: "generate-audio", "parse-epub". Give each job type its
      own queue, or let one service (e.g. "workers") own "audio-processing" and remove the other
      consumers.
    warning silent-completion: This consumer of "audio-processing" (EpubProcessorService) completes jobs it does not handle
      at apps/api/src/queue/epub-processor.service.ts:6:1
      It handles only "parse-epub" and returns for any other job name, which marks those jobs
      completed without doing the work. Throw for names it does not handle, or give those job
      types their own queue.
`);
  });

  it('the evidence for a handled name is the `if (job.name !== …)` line', async () => {
    const run = await jobOwners(['explain', 'audio-processing:parse-epub', 'fixtures/audiobook-incident']);
    expect(run.code).toBe(0);
    // Run from the repo root: paths are relative to the analysed folder, as in every format, and
    // the first line says which folder that is.
    expect(run.stdout.startsWith('Paths are relative to fixtures/audiobook-incident/\n\nQueue "audio-processing"')).toBe(true);
    expect(run.stdout).toContain('      evidence: "parse-epub" at apps/api/src/queue/epub-processor.service.ts:11:22\n');
  });

  it('a job name containing `:` is split after the queue, not at the last colon', async () => {
    const run = await jobOwners(['explain', 'notifications:email:welcome'], { cwd: awkward });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('      for "email:welcome": handled\n      runs in @postbox/notifier because the file is in its package (apps/notifier)\n      evidence: "email:welcome" at apps/notifier/src/main.ts:14:12\n');
    expect(run.stdout).toContain('  verdict: ok (no problems found)\n');
  });

  it('a job name with `%`: unhandled, fails in the consumer, the rule that fired', async () => {
    const run = await jobOwners(['explain', 'notifications:promo-50%'], { cwd: awkward });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('      for "promo-50%": not handled, but received anyway, so it fails\n');
    expect(run.stdout).toContain('    @postbox/api  apps/api/src/main.ts:14:9  add-bulk "promo-50%" (bullmq)\n');
    expect(run.stdout).toContain('  verdict: unhandled (1 error, 0 warnings)\n    error unhandled-job: Job "promo-50%" is added');
  });

  it('a job name with a newline is accepted as typed and printed escaped, on one line', async () => {
    const run = await jobOwners(['explain', 'exports:digest\nweekly'], { cwd: awkward });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Queue "exports" (prefix "bull", bullmq)
  owner: none (no consumer)
  consumers (each receives every job of the queue):
    none
  producers:
    @postbox/api  apps/api/src/main.ts:18:9  add "digest\\nweekly" (bullmq)
  job types:
    "digest\\nweekly": no-consumer; produced by @postbox/api; received by nobody; handled by nobody
  verdict: no-consumer (1 error, 0 warnings)
    error no-consumer: Job "digest\\nweekly" is added to queue "exports", but no service consumes that queue
      at apps/api/src/main.ts:18:9
      These jobs wait forever. Start a worker for "exports" in the service that should own it
      (check that its prefix matches), or stop producing "digest\\nweekly".
`);
  });

  it('an unknown queue exits 2 with "did you mean" on stderr and nothing on stdout', async () => {
    const run = await jobOwners(['explain', 'audio-procesing:parse-epub'], { cwd: incident });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'job-owners: Unknown queue "audio-procesing". Did you mean "audio-processing"? Known queues: "audio-processing".\n',
    });
  });

  it('an unknown job of a known queue exits 2 with "did you mean", keeping the `:` in the name', async () => {
    const run = await jobOwners(['explain', 'notifications:email:welcom', 'fixtures/awkward-names']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'job-owners: Queue "notifications" has no job "email:welcom" in fixtures/awkward-names. Did you mean "notifications:email:welcome"? Known job names: "digest\\nweekly", "email:welcome", "promo-50%", "sms,push".\n',
    });
  });
});
