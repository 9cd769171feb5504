/**
 * Issue 14.2: the hook installs and runs, for real.
 *
 * - pre-commit 3 (the `pre-commit` binary; `.ci/run` installs Debian's package, so CI never skips
 *   this): a sample repository whose `.pre-commit-config.yaml` points at a local clone of this
 *   repository at its current state. pre-commit clones it, runs `npm install` and `npm pack` there
 *   and installs the tarball whose name `npm pack` printed — which is why `npm pack`'s stdout must
 *   be the file name alone (`.npmrc`: foreground-scripts=false).
 * - husky and lint-staged, exactly as the README's recipes say, with the packed tarball.
 *
 * These tests install packages from the npm registry (the dependencies of job-owners, husky,
 * lint-staged) and take a minute or two.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../support/repo-files.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPreCommit) console.warn('pre-commit hook test skipped: the `pre-commit` binary is not installed (apt-get install pre-commit, or pip install pre-commit)');

let tmp: string;
let clone: string;
let rev: string;
let tarball: string;

/** The environment of the child processes: no npm lifecycle variables of an enclosing `npm test`, no CI. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const k = key.toLowerCase();
    if (k.startsWith('npm_') || k === 'init_cwd' || k === 'ci' || k === 'github_actions' || k === 'force_color' || k.startsWith('git_') || k.startsWith('pre_commit') || k === 'husky') continue;
    env[key] = value;
  }
  return {
    ...env,
    NO_COLOR: '1',
    npm_config_loglevel: 'error',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    ...extra,
  };
}

function run(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  const result = spawnSync(cmd, args, { cwd, env: childEnv(extra), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  if (result.error) throw result.error;
  return result;
}

function ok(what: string, r: SpawnSyncReturns<string>): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  return r;
}

const git = (cwd: string, ...args: string[]) => ok(`git ${args.join(' ')}`, run('git', args, cwd)).stdout;

/** A clone of this repository holding its current files (committed or not), committed there. */
function cloneCurrentState(dest: string): string {
  git(tmp, 'clone', '-q', '--no-hardlinks', REPO, dest);
  const current = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO }).toString('utf8').split('\0').filter(Boolean);
  const present = new Set(current.filter((f) => fs.existsSync(path.join(REPO, f))));
  for (const f of execFileSync('git', ['ls-files', '-z'], { cwd: dest }).toString('utf8').split('\0').filter(Boolean)) {
    if (!present.has(f)) fs.rmSync(path.join(dest, f), { force: true });
  }
  for (const f of present) {
    if (fs.lstatSync(path.join(REPO, f)).isDirectory()) continue;
    fs.mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    fs.copyFileSync(path.join(REPO, f), path.join(dest, f));
  }
  git(dest, 'add', '-A');
  if (run('git', ['diff', '--cached', '--quiet'], dest).status !== 0) git(dest, 'commit', '-qm', 'the work tree under test');
  return git(dest, 'rev-parse', 'HEAD').trim();
}

const SAMPLE = {
  'package.json': JSON.stringify({ name: 'sample', private: true, workspaces: ['apps/*'] }, null, 2),
  'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' } }),
  'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' } }),
  'apps/api/src/signup.ts': "import { Queue } from 'bullmq';\nexport const signup = () => new Queue('emails').add('welcome', {});\n",
  'apps/worker/src/emails.ts': "import { Worker } from 'bullmq';\nnew Worker('emails', async (job) => { if (job.name === 'welcome') return 1; throw new Error(job.name); }, { connection: {} });\n",
};

function sample(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  writeFiles(dir, files);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'sample', '--no-verify');
  return dir;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-hooks-'));
  clone = path.join(tmp, 'job-owners');
  rev = cloneCurrentState(clone);
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm pack', () => {
  it("prints only the tarball's name on stdout (the build's output does not leak into it)", { timeout: 300_000 }, () => {
    ok('npm ci', run('npm', ['ci', '--ignore-scripts', '--prefer-offline'], clone));
    const pack = ok('npm pack', run('npm', ['pack'], clone));
    expect(pack.stdout).toBe('job-owners-1.0.0.tgz\n');
    tarball = path.join(clone, 'job-owners-1.0.0.tgz');
    expect(fs.existsSync(tarball)).toBe(true);
  });
});

describe.skipIf(!hasPreCommit)('pre-commit 3', () => {
  const preCommitHome = () => path.join(tmp, 'pre-commit-home');
  const config = (args: string[] = []) =>
    `repos:\n  - repo: ${clone}\n    rev: ${rev}\n    hooks:\n      - id: job-owners\n${args.length ? `        args: [${args.join(', ')}]\n` : ''}`;

  it('installs the hook from the repository and fails `pre-commit run --all-files` on a broken sample, passes once fixed', { timeout: 600_000 }, () => {
    const { 'apps/worker/src/emails.ts': _consumer, ...broken } = SAMPLE;
    const dir = sample('pre-commit-sample', { ...broken, '.pre-commit-config.yaml': config() });
    const failing = run('pre-commit', ['run', '--all-files'], dir, { PRE_COMMIT_HOME: preCommitHome() });
    expect(failing.status, `${failing.stdout}\n${failing.stderr}`).toBe(1);
    expect(failing.stdout).toMatch(/job-owners \(job-queue ownership\)\.+Failed/);
    expect(failing.stdout).toContain('no-consumer');
    expect(failing.stdout).toContain('✖ 1 problem (1 error, 0 warnings) in 1 queue');

    writeFiles(dir, { 'apps/worker/src/emails.ts': SAMPLE['apps/worker/src/emails.ts'] });
    git(dir, 'add', '-A');
    const passing = run('pre-commit', ['run', '--all-files'], dir, { PRE_COMMIT_HOME: preCommitHome() });
    expect(passing.status, `${passing.stdout}\n${passing.stderr}`).toBe(0);
    expect(passing.stdout).toMatch(/job-owners \(job-queue ownership\)\.+Passed/);
  });

  it('as the git pre-commit hook with `args: [--staged]`, a commit deleting the only consumer is refused', { timeout: 600_000 }, () => {
    const dir = sample('pre-commit-staged', { ...SAMPLE, '.pre-commit-config.yaml': config(['--staged']) });
    ok('pre-commit install', run('pre-commit', ['install'], dir, { PRE_COMMIT_HOME: preCommitHome() }));
    git(dir, 'rm', '-q', 'apps/worker/src/emails.ts');
    const commit = run('git', ['commit', '-qm', 'drop the worker'], dir, { PRE_COMMIT_HOME: preCommitHome() });
    expect(commit.status).toBe(1);
    expect(commit.stdout + commit.stderr).toContain('no-consumer');
    // A commit that breaks nothing goes through.
    git(dir, 'reset', '-q', '--hard');
    writeFiles(dir, { 'apps/api/src/util.ts': 'export const one = 1;\n' });
    git(dir, 'add', '-A');
    expect(run('git', ['commit', '-qm', 'util'], dir, { PRE_COMMIT_HOME: preCommitHome() }).status).toBe(0);
  });
});

describe('husky and lint-staged, as the README says', () => {
  function installed(name: string, devDependencies: string[]): string {
    expect(tarball, 'the npm pack test runs first and packs the tarball').toBeDefined();
    const dir = sample(name, SAMPLE);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    ok('npm install', run('npm', ['install', '--save-dev', '--prefer-offline', tarball, ...devDependencies], dir));
    return dir;
  }

  it('husky: `npx husky init`, then `job-owners check --staged` in .husky/pre-commit', { timeout: 600_000 }, () => {
    const dir = installed('husky-sample', ['husky@9']);
    ok('npx husky init', run('npx', ['--no', '--', 'husky', 'init'], dir));
    fs.writeFileSync(path.join(dir, '.husky/pre-commit'), 'npx job-owners check --staged\n');
    git(dir, 'add', '-A');
    ok('first commit', run('git', ['commit', '-qm', 'husky'], dir));
    git(dir, 'rm', '-q', 'apps/worker/src/emails.ts');
    const commit = run('git', ['commit', '-qm', 'drop the worker'], dir);
    expect(commit.status).toBe(1);
    expect(commit.stdout + commit.stderr).toContain('no-consumer');
  });

  it('lint-staged: a function task that ignores the file list (and what it cannot see)', { timeout: 600_000 }, () => {
    const dir = installed('lint-staged-sample', ['husky@9', 'lint-staged@17']);
    ok('npx husky init', run('npx', ['--no', '--', 'husky', 'init'], dir));
    fs.writeFileSync(path.join(dir, '.husky/pre-commit'), 'npx lint-staged\n');
    fs.writeFileSync(path.join(dir, 'lint-staged.config.mjs'), "export default {\n  '*.{ts,tsx,js,jsx,mjs,cjs}': () => 'job-owners check --staged',\n};\n");
    git(dir, 'add', '-A');
    ok('first commit', run('git', ['commit', '-qm', 'lint-staged'], dir));
    git(dir, 'rm', '-q', 'apps/worker/src/emails.ts');
    // lint-staged runs a task only for staged files that match its glob, and a deleted file is
    // not one: a commit that only deletes the consumer runs nothing and goes through. (That is
    // why the README puts `job-owners check --staged` in .husky/pre-commit itself.)
    const lintStaged = run('npx', ['--no', '--', 'lint-staged'], dir);
    expect(lintStaged.status).toBe(0);
    expect(lintStaged.stdout + lintStaged.stderr).not.toContain('no-consumer');
    // With a source file in the commit, the task runs, and the check sees the deletion too.
    writeFiles(dir, { 'apps/api/src/signup.ts': `${SAMPLE['apps/api/src/signup.ts']}// worker removed\n` });
    git(dir, 'add', '-A');
    const commit = run('git', ['commit', '-qm', 'drop the worker'], dir);
    expect(commit.status).toBe(1);
    expect(commit.stdout + commit.stderr).toContain('no-consumer');
  });
});
