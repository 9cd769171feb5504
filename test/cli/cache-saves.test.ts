/**
 * Issue 14.3: a cache that survives saves. Missing module candidates are recorded as paths that
 * must stay absent, not as folder timestamps, so a rename-style save (`sed -i`, most editors,
 * `git checkout`, `git stash pop`) of a file without queue code, or a report the run writes into
 * the repository root, no longer costs a full re-analysis. git's racy-clean rule keeps that safe:
 * a file whose timestamp falls within the granularity window of the cache write is re-checked.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { twoServiceRepo } from '../support/repo-files.js';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/job-owners.js');
const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

function repo(git: boolean): string {
  const root = twoServiceRepo('job-owners-cache-saves-', {
    '.gitignore': 'node_modules/\n',
    'apps/worker/src/main.ts': "import { Worker } from 'bullmq';\nimport { EMAIL_QUEUE } from './names';\nnew Worker(EMAIL_QUEUE, async () => undefined, { connection: {} });\n",
    'apps/worker/src/names.ts': "export const EMAIL_QUEUE = 'emails';\n",
    'apps/worker/src/format.ts': 'export const money = (n: number) => n.toFixed(2);\n',
    'apps/api/src/main.ts': "import { Queue } from 'bullmq';\nimport { EMAIL_QUEUE } from '../../worker/src/names';\nvoid new Queue(EMAIL_QUEUE).add('welcome', {});\n",
  });
  roots.push(root);
  fs.mkdirSync(path.join(root, 'node_modules'));
  if (git) {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
  }
  return root;
}

function check(root: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'check', '.', '--timings', ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, analysed: /^extract /m.test(run.stderr) };
}

const queuesOf = (root: string): string[] =>
  (JSON.parse(spawnSync(process.execPath, [BIN, 'check', '.', '-f', 'json'], { cwd: root, encoding: 'utf8' }).stdout) as { queues: Array<{ queue: string }> }).queues.map((q) => q.queue);

/** What `sed -i` does: write a temporary file in the same folder, then rename it over the original. */
function renameSave(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.sed${process.pid}`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

/** Waits until the racy window of the last cache write has passed (it is 20 ms on a fine-grained file system). */
const settle = (): void => void spawnSync('sleep', ['0.05']);

describe.each([['a git work tree', true], ['a walked folder', false]])('rename-saves and outputs, in %s', (_, git) => {
  it('a rename-save of a file without queue code keeps the cached result', () => {
    const root = repo(git);
    expect(check(root)).toMatchObject({ code: 0, analysed: true });
    settle();
    expect(check(root).analysed).toBe(false);
    const file = path.join(root, 'apps/worker/src/format.ts');
    renameSave(file, `${fs.readFileSync(file, 'utf8')}export const percent = (n: number) => n * 100;\n`);
    expect(check(root)).toMatchObject({ code: 0, analysed: false });
  });

  it('a rename-save of the file holding the queue name re-analyses, with the new answer', () => {
    const root = repo(git);
    check(root);
    settle();
    renameSave(path.join(root, 'apps/worker/src/names.ts'), "export const EMAIL_QUEUE = 'mailers';\n");
    expect(check(root).analysed).toBe(true);
    expect(queuesOf(root)).toEqual(['mailers']);
  });

  it('a module candidate that appears (names.tsx next to names.ts is not one; names/ with index.ts shadowed) is seen', () => {
    const root = repo(git);
    // `./names` tries `names` itself first: a file of that exact name wins over names.ts.
    check(root);
    settle();
    fs.writeFileSync(path.join(root, 'apps/worker/src/names'), "export const EMAIL_QUEUE = 'shadow';\n");
    const fresh = spawnSync(process.execPath, [BIN, 'check', '.', '-f', 'json', '--no-cache'], { cwd: root, encoding: 'utf8' }).stdout;
    const cached = spawnSync(process.execPath, [BIN, 'check', '.', '-f', 'json'], { cwd: root, encoding: 'utf8' }).stdout;
    expect(cached).toBe(fresh);
  });

  it('outputs the run writes into the repository root (-f name:path, -o, the baseline) do not invalidate it', () => {
    const root = repo(git);
    expect(check(root, '-f', 'stylish', '-f', 'markdown:OWNERSHIP.md', '-f', 'sarif:job-owners.sarif').analysed).toBe(true);
    settle();
    expect(check(root, '-f', 'stylish', '-f', 'markdown:OWNERSHIP.md', '-f', 'sarif:job-owners.sarif').analysed).toBe(false);
    expect(fs.existsSync(path.join(root, 'OWNERSHIP.md'))).toBe(true);
    expect(spawnSync(process.execPath, [BIN, 'report', '.', '-o', 'REPORT.md'], { cwd: root }).status).toBe(0);
    expect(spawnSync(process.execPath, [BIN, 'check', '.', '--update-baseline'], { cwd: root }).status).toBe(0);
    expect(check(root).analysed).toBe(false);
  });
});

describe('the racy window', () => {
  const cacheFile = (root: string): string => path.join(root, 'node_modules/.cache/job-owners/result.json');

  /**
   * Simulates an edit made in the same timestamp tick as the read that cached the result: the
   * file changes (same size), and the cache is made to record the *new* stamp, as if the first
   * run had stat'ed the file just after the edit but read it just before.
   */
  function sameTickEdit(root: string, windowCoversEdit: boolean): void {
    check(root);
    const rel = 'apps/worker/src/names.ts';
    fs.writeFileSync(path.join(root, rel), "export const EMAIL_QUEUE = 'mailer';\n".replace('mailer', 'emailz'));
    const stat = fs.statSync(path.join(root, rel));
    const cache = JSON.parse(fs.readFileSync(cacheFile(root), 'utf8')) as { files: Record<string, number[]>; elapsedMs: number };
    cache.files[rel] = [stat.size, stat.mtimeMs, stat.ctimeMs];
    cache.elapsedMs = windowCoversEdit ? 60_000 : 0;
    fs.writeFileSync(cacheFile(root), JSON.stringify(cache));
    // Outside the window: the cache file written "long after" the edit.
    if (!windowCoversEdit) fs.utimesSync(cacheFile(root), new Date(Date.now() + 10_000), new Date(Date.now() + 10_000));
  }

  it('a file whose stamp is within the window of the cache write is re-checked, and the answer is right', () => {
    const root = repo(true);
    sameTickEdit(root, true);
    expect(check(root).analysed).toBe(true);
    expect(queuesOf(root)).toEqual(['emailz']);
  });

  it('the control: outside the window the same stamps are trusted (which is why the window matters)', () => {
    const root = repo(true);
    sameTickEdit(root, false);
    expect(check(root).analysed).toBe(false);
  });

  it('a file edited just before a run is re-checked once, then trusted', () => {
    const root = repo(true);
    check(root);
    fs.appendFileSync(path.join(root, 'apps/worker/src/names.ts'), '// touched\n');
    expect(check(root).analysed).toBe(true);
    settle();
    expect(check(root).analysed).toBe(false);
  });
});
