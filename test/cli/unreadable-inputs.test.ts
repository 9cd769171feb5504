/**
 * Issue 14.4: an unreadable source file or folder never yields a silent or false answer. The
 * findings its content could change are withheld, and each unreadable input is a finding of its
 * own (`unreadable-input`, error by default) naming the queues that could not be checked. As
 * root, where chmod bites nobody, the CLI runs as `nobody` (test/support/unprivileged.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withUnreadableInputs } from '../../src/rules/unreadable-inputs.js';
import type { Finding } from '../../src/model/result.js';
import { handOver, removeTree, runUnprivileged, unprivilegedTempDir, unprivilegedUnavailable } from '../support/unprivileged.js';

const unavailable = unprivilegedUnavailable();
if (unavailable) console.warn(`unreadable-input CLI tests skipped: ${unavailable}`);

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
  'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' } }),
  'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' } }),
  'apps/api/src/main.ts': "import { Queue } from 'bullmq';\nvoid new Queue('emails').add('welcome', {});\nvoid new Queue('audit').add('log', {});\n",
  // The only consumer of "emails".
  'apps/worker/src/emails.ts': "import { Worker } from 'bullmq';\nnew Worker('emails', async (job) => { if (job.name === 'welcome') return 1; throw new Error(job.name); }, { connection: {} });\n",
  // And of "audit", readable throughout.
  'apps/worker/src/audit.ts': "import { Worker } from 'bullmq';\nnew Worker('audit', async (job) => { if (job.name === 'log') return 1; throw new Error(job.name); }, { connection: {} });\n",
};

interface Json {
  findings: Array<{ rule: string; severity: string; queue: string | null; message: string; locations: Array<{ file: string }> }>;
}

function repo(options: { git?: boolean; extra?: Record<string, string>; untracked?: Record<string, string>; omit?: string[] } = {}): string {
  const root = unprivilegedTempDir('job-owners-unreadable-');
  dirs.push(root);
  const write = (files: Record<string, string>): void => {
    for (const [rel, text] of Object.entries(files)) {
      if (options.omit?.includes(rel)) continue;
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
  };
  write({ ...FILES, ...options.extra });
  if (options.git) {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
  }
  write(options.untracked ?? {});
  handOver(root);
  return root;
}

function check(root: string, ...args: string[]): { code: number | null; json: Json; stderr: string } {
  const run = runUnprivileged(root, ['check', '.', '--no-cache', '-f', 'json', ...args]);
  return { code: run.code, json: JSON.parse(run.stdout) as Json, stderr: run.stderr };
}

describe.skipIf(!!unavailable)('unreadable inputs (CLI, as an unprivileged user)', () => {
  it('an unreadable file holding the only consumer: no false no-consumer, an unreadable-input error naming the queue', () => {
    const root = repo();
    fs.chmodSync(path.join(root, 'apps/worker/src/emails.ts'), 0o000);
    const { code, json, stderr } = check(root);
    expect(code).toBe(1);
    expect(json.findings.map((f) => f.rule)).toEqual(['unreadable-input']);
    expect(json.findings[0]!).toMatchObject({ severity: 'error', locations: [{ file: 'apps/worker/src/emails.ts' }] });
    expect(json.findings[0]!.message).toBe(
      'File apps/worker/src/emails.ts could not be read (EACCES), so whatever it holds is unknown. 1 finding its content could change is withheld (1 no-consumer): queue "emails" cannot be checked. Make it readable (or list it in "exclude" if the services never run it) and run again.',
    );
    expect(stderr).toContain('skipped apps/worker/src/emails.ts: unreadable (EACCES)');
  });

  it('the same file tracked in a git checkout', () => {
    const root = repo({ git: true });
    fs.chmodSync(path.join(root, 'apps/worker/src/emails.ts'), 0o000);
    expect(check(root).json.findings.map((f) => [f.rule, f.locations[0]!.file])).toEqual([['unreadable-input', 'apps/worker/src/emails.ts']]);
  });

  it('an unreadable folder inside a git checkout (untracked files in it) is not silently dropped', () => {
    // Untracked: git can only find it by reading the folder.
    const root = repo({ git: true, omit: ['apps/worker/src/emails.ts'], untracked: { 'apps/worker/src/jobs/emails.ts': FILES['apps/worker/src/emails.ts']! } });
    fs.chmodSync(path.join(root, 'apps/worker/src/jobs'), 0o000);
    const { code, json } = check(root);
    expect(code).toBe(1);
    expect(json.findings.map((f) => [f.rule, f.locations[0]!.file])).toEqual([['unreadable-input', 'apps/worker/src/jobs']]);
    expect(json.findings[0]!.message).toMatch(/^Folder apps\/worker\/src\/jobs could not be read \(EACCES\)/);
  });

  it('an unreadable folder outside git', () => {
    const root = repo({ extra: { 'apps/worker/src/jobs/emails.ts': FILES['apps/worker/src/emails.ts']! } });
    fs.rmSync(path.join(root, 'apps/worker/src/emails.ts'));
    fs.chmodSync(path.join(root, 'apps/worker/src/jobs'), 0o000);
    expect(check(root).json.findings.map((f) => [f.rule, f.locations[0]!.file])).toEqual([['unreadable-input', 'apps/worker/src/jobs']]);
  });

  it('an unreadable package.json: its package is unknown, which is said', () => {
    const root = repo();
    fs.chmodSync(path.join(root, 'apps/worker/package.json'), 0o000);
    const rules = check(root).json.findings.map((f) => [f.rule, f.locations[0]!.file]);
    expect(rules).toContainEqual(['unreadable-input', 'apps/worker/package.json']);
  });

  it('lowered to a warning by config, the run passes and still says what it could not check', () => {
    const root = repo({ extra: { '.jobownershiprc.json': JSON.stringify({ rules: { 'unreadable-input': 'warn' } }) } });
    fs.chmodSync(path.join(root, 'apps/worker/src/emails.ts'), 0o000);
    const { code, json } = check(root);
    expect(code).toBe(0);
    expect(json.findings.map((f) => [f.rule, f.severity])).toEqual([['unreadable-input', 'warn']]);
  });
});

describe('withUnreadableInputs (pure)', () => {
  const finding = (rule: Finding['rule'], queue: string, message = 'm'): Finding => ({ rule, severity: 'error', queue, job: null, services: ['api'], message, locations: [{ file: 'a.ts', line: 1, column: 1 }] });
  const all = [
    finding('no-consumer', 'q1'),
    finding('unhandled-job', 'q2'),
    finding('orphan-handler', 'q3'),
    finding('unregistered-processor', 'q4'),
    finding('owner-mismatch', 'q5', 'The config declares "x" as the owner of queue "q5", but no service consumes it. …'),
    finding('owner-mismatch', 'q6', 'The config declares "x" as the owner of queue "q6", but it is consumed by y. …'),
    finding('multiple-owners', 'q7'),
    finding('silent-completion', 'q8'),
  ];

  it('withholds absence findings only, and adds one finding per unreadable input', () => {
    const out = withUnreadableInputs(all, [{ file: 'x.ts', reason: 'unreadable (EACCES)' }, { file: 'lib', reason: 'unreadable directory (EIO)' }], 'error');
    expect(out.map((f) => `${f.rule}:${f.queue}`)).toEqual(['owner-mismatch:q6', 'multiple-owners:q7', 'silent-completion:q8', 'unreadable-input:null', 'unreadable-input:null']);
    expect(out[4]!.message).toContain('5 findings its content could change are withheld (1 no-consumer, 1 orphan-handler, 1 owner-mismatch, 1 unhandled-job, 1 unregistered-processor): queues "q1", "q2", "q3", "q4", "q5" cannot be checked.');
    expect(out[3]!.message).toMatch(/^Folder lib could not be read \(EIO\)/);
  });

  it('a file skipped for its content (syntax error) keeps the note on absence findings, as before', () => {
    const out = withUnreadableInputs([finding('no-consumer', 'q1'), finding('multiple-owners', 'q7')], [{ file: 'x.ts', reason: 'syntax error at line 3: …' }], 'error');
    expect(out.map((f) => f.rule)).toEqual(['no-consumer', 'multiple-owners']);
    expect(out[0]!.message).toBe('m Note: a file could not be analysed (x.ts); if the missing piece is there, fix it and run again.');
    expect(out[1]!.message).toBe('m');
  });

  it('switched off, an unreadable file is only noted', () => {
    const out = withUnreadableInputs([finding('no-consumer', 'q1')], [{ file: 'x.ts', reason: 'unreadable (EACCES)' }], 'off');
    expect(out.map((f) => f.rule)).toEqual(['no-consumer']);
    expect(out[0]!.message).toContain('Note: a file could not be analysed (x.ts)');
  });

  it('nothing skipped: the findings as they were', () => {
    expect(withUnreadableInputs(all, [], 'error')).toEqual(all);
  });
});
