/**
 * Issue #4 item 4: `owner-mismatch` (error) — the `owners` contract disagrees with the code:
 * another service consumes, or nobody does. Run end to end on the fixed repo (owner "workers").
 */
import { describe, expect, it } from 'vitest';
import { jobOwners, jsonOf, read, tempRepo, write, writeJson } from './helpers.js';

function check(owners: Record<string, string>, extra: Record<string, unknown> = {}, fixture = 'audiobook-fixed') {
  const repo = tempRepo(fixture);
  writeJson(repo, '.jobownershiprc.json', { owners, ...extra });
  const run = jobOwners(repo, 'check', '-f', 'json');
  return { run, repo, findings: jsonOf(run).findings.filter((f) => f.rule === 'owner-mismatch') };
}

describe('owner-mismatch', () => {
  it('is silent when the code matches the contract (queue and queue:job keys)', () => {
    const { run, findings } = check({ 'audio-processing': 'workers', 'epub-parsing:parse-epub': 'workers' });
    expect(run.code, run.stderr).toBe(0);
    expect(findings).toEqual([]);
  });

  it('another service consumes: error, exit 1, pointing at the consumer', () => {
    const { run, findings } = check({ 'audio-processing': 'api' });
    expect(run.code, run.stderr).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      queue: 'audio-processing',
      job: null,
      services: ['api', 'workers'],
      locations: [{ file: 'apps/workers/src/workers/audio-generation.worker.ts', line: 6 }],
    });
    expect(findings[0]!.message).toBe(
      'The config declares "api" as the owner of queue "audio-processing", but it is consumed by "workers". Move the consumer to "api" (and remove the others), or update "owners" in the config.',
    );
  });

  it('a queue:job key checks the consumers that handle that job', () => {
    const { run, findings } = check({ 'epub-parsing:parse-epub': 'api' });
    expect(run.code).toBe(1);
    expect(findings[0]).toMatchObject({ queue: 'epub-parsing', job: 'parse-epub' });
    expect(findings[0]!.message).toContain('owner of job "parse-epub" on queue "epub-parsing", but it is consumed by "workers"');
  });

  it('nobody consumes the job: says so, and points at its producer', () => {
    const { run, findings } = check({ 'epub-parsing:generate-audio': 'workers' });
    expect(run.code).toBe(1);
    expect(findings[0]!.summary).toBe('The config declares "workers" as the owner of job "generate-audio" on queue "epub-parsing", but no consumer of the queue handles it');
    expect(findings[0]!.advice).toBe('The queue is consumed by "workers". Add a consumer in "workers", or update "owners" in the config.');
  });

  it('two services consume (the incident): both are named', () => {
    const { run, findings } = check({ 'audio-processing': 'workers' }, {}, 'audiobook-incident');
    expect(run.code).toBe(1);
    expect(findings[0]!.services).toEqual(['api', 'workers']);
    expect(findings[0]!.message).toContain('but it is consumed by "api", "workers"');
    expect(findings[0]!.locations.map((l) => l.file)).toEqual(['apps/api/src/queue/epub-processor.service.ts', 'apps/workers/src/main.ts']);
  });

  it('no service consumes a produced queue', () => {
    const repo = tempRepo('audiobook-fixed');
    write(repo, 'apps/api/src/queue/mail.ts', "import { Queue } from 'bullmq';\nconst mail = new Queue('emails');\nexport const welcome = () => mail.add('welcome', {});\n");
    write(repo, 'apps/api/src/main.ts', `${read(repo, 'apps/api/src/main.ts')}\nimport { welcome } from './queue/mail';\nvoid welcome();\n`);
    writeJson(repo, '.jobownershiprc.json', { owners: { emails: 'workers' } });
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code).toBe(1);
    const finding = jsonOf(run).findings.find((f) => f.rule === 'owner-mismatch')!;
    expect(finding.message).toBe(
      'The config declares "workers" as the owner of queue "emails", but no service consumes it. Add a consumer in "workers", or update "owners" in the config.',
    );
    expect(finding.locations).toEqual([{ file: 'apps/api/src/queue/mail.ts', line: 3, column: expect.any(Number) }]);
  });

  it('a queue the code does not have: "did you mean" the queue', () => {
    const { run, findings } = check({ 'audio-procesing': 'workers' });
    expect(run.code).toBe(1);
    expect(findings[0]!.message).toBe(
      'The config declares "workers" as the owner of queue "audio-procesing", but no queue "audio-procesing" appears in the code. Did you mean "audio-processing"? Fix the key in "owners".',
    );
  });

  it('follows the configured severity', () => {
    const { run, findings } = check({ 'audio-processing': 'api' }, { rules: { 'owner-mismatch': 'warn' } });
    expect(run.code).toBe(0);
    expect(findings[0]!.severity).toBe('warn');
    expect(check({ 'audio-processing': 'api' }, { rules: { 'owner-mismatch': 'off' } }).findings).toEqual([]);
  });

  it('the stylish output names the rule and the file', () => {
    const repo = tempRepo('audiobook-fixed');
    writeJson(repo, '.jobownershiprc.json', { owners: { 'audio-processing': 'api' } });
    const run = jobOwners(repo, 'check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('owner-mismatch');
    expect(run.stdout).toContain('apps/workers/src/workers/audio-generation.worker.ts:6:');
  });
});
