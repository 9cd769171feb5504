/**
 * Issue 14.5: no recursive mkdir where the parent exists. Node 20's recursive mkdir loops forever
 * under /proc, so `-f json:/proc/x/y.json` hung; now it fails at once with one sentence.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs } from '../../src/util/make-dirs.js';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/job-owners.js');

describe('output paths', () => {
  it.skipIf(!fs.existsSync('/proc/self'))('-f json:/proc/x/y.json fails fast with one sentence (exit 2)', () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, [BIN, 'check', 'fixtures/audiobook-fixed', '--no-cache', '-f', 'json:/proc/x/y.json'], { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('job-owners: Cannot write output to /proc/x/y.json: cannot create a file there.\n');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('makeDirs creates missing folders top down, accepts existing ones, and refuses a file in the way', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-mkdirs-'));
    try {
      makeDirs(path.join(root, 'a/b/c'));
      expect(fs.statSync(path.join(root, 'a/b/c')).isDirectory()).toBe(true);
      makeDirs(path.join(root, 'a/b/c'));
      fs.writeFileSync(path.join(root, 'file'), '');
      expect(() => makeDirs(path.join(root, 'file/d'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
