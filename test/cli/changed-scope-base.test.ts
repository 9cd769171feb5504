/**
 * Issue 14.1: changed-scope runs compare with the base. `--staged` and `--changed-since` report
 * every finding on a queue the change touched on either side, computed from an analysis of the
 * base revision (read from git objects) as well as of the current tree. Each breaking change
 * below leaves nothing queue-related in a changed file of the current tree, so reporting only
 * "queues with a producer or consumer in a changed file" (the old rule) let every one through.
 *
 * Each case runs in a real temporary git repository, twice: as a pre-commit hook (`--staged`,
 * the change in the index) and as a pull-request check (`--changed-since main`, the change
 * committed on a branch).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../support/repo-files.js';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/job-owners.js');
const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

const git = (root: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface Outcome {
  code: number | null;
  findings: string[];
  stderr: string;
}

function check(root: string, ...args: string[]): Outcome {
  const run = spawnSync(process.execPath, [BIN, 'check', '.', '-f', 'json', ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  const findings = run.stdout ? (JSON.parse(run.stdout) as { findings: Array<{ rule: string; queue: string | null }> }).findings.map((f) => `${f.rule}:${f.queue}`) : [];
  return { code: run.status, findings, stderr: run.stderr };
}

const PACKAGES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
  'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' } }),
  'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' } }),
};
const worker = (queue: string) => `import { Worker } from 'bullmq';\nnew Worker('${queue}', async (job) => { if (job.name === 'welcome') return 1; throw new Error(job.name); }, { connection: {} });\n`;
const producer = (queue: string) => `import { Queue } from 'bullmq';\nexport const send = () => new Queue('${queue}').add('welcome', {});\n`;

/** A committed repository on `main` (with node_modules, so the caches are in play), from `files`. */
function repoWith(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-scope-'));
  roots.push(root);
  writeFiles(root, { '.gitignore': 'node_modules/\n', ...files });
  fs.mkdirSync(path.join(root, 'node_modules'));
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  return root;
}

/**
 * The change as a pre-commit hook sees it (staged) and as a pull request does (committed on a
 * branch off main). Returns both outcomes; the whole-repository check after the change too.
 */
function bothWays(files: Record<string, string>, change: (root: string) => void): { staged: Outcome; changedSince: Outcome; whole: Outcome; before: Outcome } {
  const root = repoWith(files);
  const before = check(root);
  change(root);
  git(root, 'add', '-A');
  const staged = check(root, '--staged');
  git(root, 'checkout', '-qb', 'feature');
  git(root, 'commit', '-qm', 'change');
  const changedSince = check(root, '--changed-since', 'main');
  return { staged, changedSince, whole: check(root), before };
}

const TWO_SERVICES = { ...PACKAGES, 'apps/api/src/signup.ts': producer('emails'), 'apps/worker/src/emails.ts': worker('emails') };

describe('a change that breaks a queue fails --staged and --changed-since, though nothing of the queue is left in a changed file', () => {
  it('deleting the only consumer', () => {
    const r = bothWays(TWO_SERVICES, (root) => fs.rmSync(path.join(root, 'apps/worker/src/emails.ts')));
    expect(r.before.code).toBe(0);
    expect(r.whole).toMatchObject({ code: 1, findings: ['no-consumer:emails'] });
    expect(r.staged).toMatchObject({ code: 1, findings: ['no-consumer:emails'] });
    expect(r.changedSince).toMatchObject({ code: 1, findings: ['no-consumer:emails'] });
  });

  it("renaming a consumer's queue", () => {
    const r = bothWays(TWO_SERVICES, (root) => fs.writeFileSync(path.join(root, 'apps/worker/src/emails.ts'), worker('mails')));
    expect(r.staged.code).toBe(1);
    expect(r.staged.findings).toContain('no-consumer:emails');
    expect(r.changedSince.code).toBe(1);
    expect(r.changedSince.findings).toContain('no-consumer:emails');
  });

  it('renaming the consumer file (git mv) keeps it working: nothing to report', () => {
    const r = bothWays(TWO_SERVICES, (root) => git(root, 'mv', 'apps/worker/src/emails.ts', 'apps/worker/src/mail-worker.ts'));
    expect(r.staged).toMatchObject({ code: 0, findings: [] });
    expect(r.changedSince).toMatchObject({ code: 0, findings: [] });
  });

  it('moving a consumer into another service (two services now race for the queue)', () => {
    const files = { ...TWO_SERVICES, 'apps/worker/src/emails-again.ts': worker('emails').replace("'welcome'", "'welcome' || job.name === 'x'") };
    const r = bothWays(files, (root) => {
      fs.mkdirSync(path.join(root, 'apps/api/src'), { recursive: true });
      fs.renameSync(path.join(root, 'apps/worker/src/emails-again.ts'), path.join(root, 'apps/api/src/emails-again.ts'));
    });
    expect(r.before.code).toBe(0);
    expect(r.staged.code).toBe(1);
    expect(r.staged.findings).toContain('multiple-owners:emails');
    expect(r.changedSince.findings).toContain('multiple-owners:emails');
  });

  it('moving a Nest processor out of its module (the module file changes, the processor file does not)', () => {
    const fixture = path.join(REPO, 'fixtures/issue3-unregistered-processor');
    const files: Record<string, string> = {};
    for (const entry of fs.readdirSync(fixture, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
      if (!entry.isFile()) continue;
      const rel = path.relative(fixture, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      // Only the reporting app, which is clean: its processor is live.
      if (!rel.startsWith('apps/admin/') && rel !== 'EXPECTED.md' && !rel.endsWith('old-reports.processor.ts')) files[rel] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    }
    const r = bothWays(files, (root) => {
      const module = path.join(root, 'apps/reporting/src/reports/reports.module.ts');
      fs.writeFileSync(module, fs.readFileSync(module, 'utf8').replace('providers: [ReportsService, ReportsProcessor]', 'providers: [ReportsService]'));
    });
    expect(r.before.code).toBe(0);
    expect(r.staged.code).toBe(1);
    expect(r.staged.findings).toContain('no-consumer:reports');
    expect(r.changedSince.code).toBe(1);
    expect(r.changedSince.findings).toContain('no-consumer:reports');
  });

  it('removing a producer of a queue that is broken (the queue is touched, so its error is reported)', () => {
    // "emails" is consumed by two services: an error the whole-repository check reports.
    const files = { ...TWO_SERVICES, 'apps/api/src/emails.ts': worker('emails'), 'apps/api/src/reset.ts': producer('emails').replace("'welcome'", "'welcome'").replace('send', 'reset') };
    const r = bothWays(files, (root) => fs.rmSync(path.join(root, 'apps/api/src/reset.ts')));
    expect(r.staged.code).toBe(1);
    expect(r.staged.findings).toContain('multiple-owners:emails');
    expect(r.changedSince.code).toBe(1);
    expect(r.changedSince.findings).toContain('multiple-owners:emails');
  });

  it('a change elsewhere leaves a broken queue out of the report (the point of narrowing)', () => {
    const files = { ...TWO_SERVICES, 'apps/api/src/emails.ts': worker('emails'), 'apps/api/src/util.ts': 'export const one = 1;\n' };
    const r = bothWays(files, (root) => fs.appendFileSync(path.join(root, 'apps/api/src/util.ts'), 'export const two = 2;\n'));
    expect(r.whole.code).toBe(1);
    expect(r.staged).toMatchObject({ code: 0, findings: [] });
    expect(r.changedSince).toMatchObject({ code: 0, findings: [] });
  });
});

describe('what the sides are', () => {
  it('--staged analyses the index: an unstaged fix does not hide a staged breakage (husky does not stash)', () => {
    const root = repoWith(TWO_SERVICES);
    fs.rmSync(path.join(root, 'apps/worker/src/emails.ts'));
    git(root, 'add', '-A');
    // Restored in the work tree, not in the index: the commit would still delete it.
    fs.writeFileSync(path.join(root, 'apps/worker/src/emails.ts'), worker('emails'));
    expect(check(root)).toMatchObject({ code: 0 });
    expect(check(root, '--staged')).toMatchObject({ code: 1, findings: ['no-consumer:emails'] });
  });

  it('--staged ignores untracked files: a scratch consumer is not part of the commit', () => {
    const root = repoWith(TWO_SERVICES);
    git(root, 'rm', '-q', 'apps/worker/src/emails.ts');
    writeFiles(root, { 'apps/worker/src/scratch.ts': worker('emails') });
    expect(check(root, '--staged')).toMatchObject({ code: 1, findings: ['no-consumer:emails'] });
  });

  it('--changed-since compares with the merge base: commits that landed on main since are not this change', () => {
    const root = repoWith(TWO_SERVICES);
    git(root, 'checkout', '-qb', 'feature');
    fs.writeFileSync(path.join(root, 'apps/api/src/notes.ts'), 'export const n = 1;\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'feature work');
    git(root, 'checkout', '-q', 'main');
    fs.rmSync(path.join(root, 'apps/worker/src/emails.ts'));
    git(root, 'commit', '-qam', 'main breaks emails');
    git(root, 'checkout', '-q', 'feature');
    expect(check(root, '--changed-since', 'main')).toMatchObject({ code: 0, findings: [] });
  });

  it('the first commit of a repository (no HEAD): everything staged is the change', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-scope-'));
    roots.push(root);
    writeFiles(root, { ...PACKAGES, 'apps/api/src/signup.ts': producer('emails') });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    expect(check(root, '--staged')).toMatchObject({ code: 1, findings: ['no-consumer:emails'] });
  });

  it('--timings shows the base analysis, and a second run on the same base reuses it', () => {
    const root = repoWith(TWO_SERVICES);
    fs.rmSync(path.join(root, 'apps/worker/src/emails.ts'));
    git(root, 'add', '-A');
    const first = check(root, '--staged', '--timings');
    expect(first.stderr).toMatch(/^base:analyse /m);
    const second = check(root, '--staged', '--timings');
    expect(second.stderr).toMatch(/^base:cache /m);
    expect(second.stderr).not.toMatch(/^base:analyse /m);
    expect(second.findings).toEqual(first.findings);
  });

  it('the index a hook checked is the next commit\'s base: the run after a commit needs no analysis of the new HEAD', () => {
    const root = repoWith(TWO_SERVICES);
    writeFiles(root, { 'apps/api/src/util.ts': 'export const one = 1;\n' });
    git(root, 'add', '-A');
    expect(check(root, '--staged', '--timings').stderr).toMatch(/^base:analyse /m);
    git(root, 'commit', '-qm', 'util');
    fs.rmSync(path.join(root, 'apps/worker/src/emails.ts'));
    git(root, 'add', '-A');
    const next = check(root, '--staged', '--timings');
    expect(next.stderr).not.toMatch(/^base:analyse /m);
    expect(next).toMatchObject({ code: 1, findings: ['no-consumer:emails'] });
  });

  it('…but not when the work tree read a file git does not have (a git-ignored generated file)', () => {
    const root = repoWith({
      ...PACKAGES,
      '.gitignore': 'node_modules/\napps/api/src/generated/\n',
      'apps/api/src/signup.ts': "import { Queue } from 'bullmq';\nimport { Q } from './generated/names';\nexport const send = () => new Queue(Q).add('welcome', {});\n",
      'apps/worker/src/emails.ts': worker('emails'),
    });
    writeFiles(root, { 'apps/api/src/generated/names.ts': "export const Q = 'emails';\n", 'apps/api/src/util.ts': 'export const one = 1;\n' });
    git(root, 'add', '-A');
    check(root, '--staged');
    git(root, 'commit', '-qm', 'util');
    writeFiles(root, { 'apps/api/src/util.ts': 'export const two = 2;\n' });
    git(root, 'add', '-A');
    expect(check(root, '--staged', '--timings').stderr).toMatch(/^base:analyse /m);
  });

  it('the repository and its .git are left as they were', () => {
    const root = repoWith(TWO_SERVICES);
    fs.rmSync(path.join(root, 'apps/worker/src/emails.ts'));
    git(root, 'add', '-A');
    const status = git(root, 'status', '--porcelain', '--untracked-files=all', '--ignored');
    const objects = git(root, 'count-objects', '-v');
    const index = fs.readFileSync(path.join(root, '.git/index'));
    check(root, '--staged', '--no-cache');
    check(root, '--changed-since', 'HEAD', '--no-cache');
    expect(git(root, 'status', '--porcelain', '--untracked-files=all', '--ignored')).toBe(status);
    expect(git(root, 'count-objects', '-v')).toBe(objects);
    expect(fs.readFileSync(path.join(root, '.git/index')).equals(index)).toBe(true);
  });
});
