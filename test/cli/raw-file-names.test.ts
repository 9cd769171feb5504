/**
 * Issue 14.4: file names with any bytes. A name that is not UTF-8 used to be listed as
 * "unreadable (ENOENT)" and its queue lost. It is now listed, read and analysed, shown as `\xNN`
 * in text output and kept exactly (as `\udcNN`) in JSON.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/job-owners.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** `caf\xE9.ts` in Latin-1: not valid UTF-8. */
const LATIN1_NAME = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x73]);
const JSON_NAME = 'caf\udce9.ts';

function repo(git: boolean): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-raw-names-'));
  dirs.push(root);
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'app', dependencies: { bullmq: '5' } }));
  fs.writeFileSync(path.join(root, 'main.ts'), "import { Queue } from 'bullmq';\nvoid new Queue('latin').add('convert', {});\n");
  // The only consumer of "latin" lives in the file with the Latin-1 name.
  fs.writeFileSync(Buffer.concat([Buffer.from(`${root}/`), LATIN1_NAME]), "import { Worker } from 'bullmq';\nnew Worker('latin', async (job) => { if (job.name !== 'convert') return; }, { connection: {} });\n");
  if (git) {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
  }
  return root;
}

function check(root: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, 'check', '.', '--no-cache', ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
}

describe.each([['a walked folder', false], ['a git work tree', true]])('a file name that is not UTF-8, in %s', (_, git) => {
  it('is listed and read: its consumer is found, nothing is skipped', () => {
    const root = repo(git);
    const run = check(root, '-f', 'json');
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { skipped: unknown[]; queues: Array<{ queue: string; consumers: Array<{ file: string }> }> };
    expect(result.skipped).toEqual([]);
    expect(result.queues.find((q) => q.queue === 'latin')!.consumers.map((c) => c.file)).toEqual([JSON_NAME]);
  });

  it('is printed with the byte as \\xNN in text output', () => {
    const run = check(repo(git));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('caf\\xE9.ts:2:1');
    expect(run.stdout).not.toContain('\uFFFD');
  });
});
