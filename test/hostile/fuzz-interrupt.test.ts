/**
 * Issue 14.5: `scripts/fuzz.mjs` stops on Ctrl-C. Its loop is synchronous, so a SIGINT handler
 * that exits never ran; it now stops between iterations, cleans up its temp trees and exits 130.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');

describe('scripts/fuzz.mjs', () => {
  it('stops on SIGINT within seconds, removes its temp trees, exits 130', { timeout: 60_000 }, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-fuzz-int-'));
    try {
      const child = spawn(process.execPath, [path.join(REPO, 'scripts/fuzz.mjs'), '--iterations', '100000', '--cli-every', '5', '--fixtures', 'audiobook-fixed'], {
        cwd: REPO,
        env: { PATH: process.env.PATH, TMPDIR: tmp, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const sent = Date.now();
      child.kill('SIGINT');
      const code = await exited;
      expect(Date.now() - sent).toBeLessThan(15_000);
      expect(code).toBe(130);
      expect(stderr).toMatch(/interrupted after \d+ of 100000 iterations/);
      expect(fs.readdirSync(tmp).filter((n) => n.startsWith('job-owners-fuzz-'))).toEqual([]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
