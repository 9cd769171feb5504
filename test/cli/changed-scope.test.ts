import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/job-owners.js');
let dir: string;

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
}

function check(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'check', '.', '--no-cache', '-f', 'json', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  return { code: run.status, findings: run.stdout ? (JSON.parse(run.stdout) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule) : [], stderr: run.stderr };
}

describe('--changed-since and --staged narrow what is reported, never what is analysed', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-changed-'));
    fs.cpSync(path.join(REPO, 'fixtures/audiobook-incident'), dir, { recursive: true });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'incident');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('nothing changed since HEAD: nothing to report, exit 0', () => {
    expect(check('--changed-since', 'HEAD')).toMatchObject({ code: 0, findings: [] });
  });

  it('a change to an unrelated file reports nothing', () => {
    fs.appendFileSync(path.join(dir, 'apps/api/src/books/books.service.ts'), '\n// unrelated edit\n');
    expect(check('--changed-since', 'HEAD')).toMatchObject({ code: 0, findings: [] });
  });

  it('a change to a consumer of the shared queue reports the queue findings, exit 1', () => {
    fs.appendFileSync(path.join(dir, 'apps/workers/src/main.ts'), '\n// touch the worker\n');
    expect(check('--changed-since', 'HEAD')).toMatchObject({ code: 1, findings: ['multiple-owners', 'silent-completion'] });
  });

  it('--staged sees only the index', () => {
    expect(check('--staged')).toMatchObject({ code: 0, findings: [] });
    git('add', 'apps/workers/src/main.ts');
    expect(check('--staged')).toMatchObject({ code: 1, findings: ['multiple-owners', 'silent-completion'] });
  });

  it('without a scope flag the whole repository is reported', () => {
    expect(check()).toMatchObject({ code: 1, findings: ['multiple-owners', 'silent-completion'] });
  });

  it('a bad ref is a usage error (exit 2) with one sentence', () => {
    const run = check('--changed-since', 'no-such-ref');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^job-owners: --changed-since no-such-ref needs a git repository and a valid ref/);
  });
});
