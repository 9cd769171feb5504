import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/job-owners.js');
let dir: string;

function check(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'check', '.', '-f', 'json', '--timings', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  const result = JSON.parse(run.stdout) as { queues: Array<{ queue: string; owner: string | null }> };
  // --timings lists the phases that ran: a cache hit never extracts.
  return { code: run.status, owners: result.queues.map((q) => [q.queue, q.owner]), analysed: /^extract /m.test(run.stderr) };
}

describe('result cache', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-cache-'));
    fs.cpSync(path.join(REPO, 'fixtures/audiobook-fixed'), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the first run analyses and writes the cache; the second reuses it with the same answer', () => {
    const first = check();
    expect(first).toMatchObject({ code: 0, analysed: true });
    expect(fs.existsSync(path.join(dir, 'node_modules/.cache/job-owners/result.json'))).toBe(true);
    const second = check();
    expect(second).toEqual({ ...first, analysed: false });
  });

  it('an edited file invalidates it', () => {
    const file = path.join(dir, 'apps/api/src/main.ts');
    fs.appendFileSync(file, `\nimport { Worker } from 'bullmq';\nnew Worker('audio-processing', async () => undefined, { connection: {} });\n`);
    const run = check();
    expect(run).toMatchObject({ code: 1, analysed: true });
    expect(run.owners).toContainEqual(['audio-processing', null]);
  });

  it('--no-cache neither reads nor writes it', () => {
    fs.rmSync(path.join(dir, 'node_modules/.cache'), { recursive: true, force: true });
    expect(check('--no-cache').analysed).toBe(true);
    expect(fs.existsSync(path.join(dir, 'node_modules/.cache'))).toBe(false);
  });

  it('a repository without node_modules gets no cache folder', () => {
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    expect(check().analysed).toBe(true);
    expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
  });
});
