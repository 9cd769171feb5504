/**
 * Running the CLI as a user for whom permissions bite. As root (CI runs as root), chmod 000 stops
 * nothing, so the unreadable-input tests would prove nothing or be skipped: there the CLI runs as
 * `nobody` through `setpriv` (util-linux), on a tree handed to `nobody` with `chown`. When
 * `nobody` cannot reach this checkout (a clone under /root), it runs as root without the two
 * capabilities that let root ignore permissions (`setpriv --bounding-set=-dac_override,
 * -dac_read_search`): permission checks then apply to it as to its files' owner. As any other
 * user it simply runs as that user.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(REPO_ROOT, 'bin/job-owners.js');

export const IS_ROOT = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534 };

/** Set JOB_OWNERS_TEST_NO_DAC=1 to use the capability drop even where nobody could run the CLI. */
const FORCE_NO_DAC = process.env.JOB_OWNERS_TEST_NO_DAC === '1';

const NO_DAC = ['--bounding-set=-dac_override,-dac_read_search'];
const AS_NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/** How the CLI is run here: as this user, as nobody, or as root without permission overrides. */
const MODE: 'self' | 'nobody' | 'no-dac' | { unavailable: string } = (() => {
  if (process.platform === 'win32') return { unavailable: 'no POSIX permissions on Windows' };
  if (!IS_ROOT) return 'self';
  const reach = spawnSync('setpriv', [...AS_NOBODY, process.execPath, BIN, '--version'], { encoding: 'utf8' });
  if (reach.status === 0 && !FORCE_NO_DAC) return 'nobody';
  // The drop works where root can no longer read a file it made unreadable.
  const locked = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-probe-')), 'locked');
  fs.writeFileSync(locked, 'x');
  fs.chmodSync(locked, 0o000);
  const probe = spawnSync('setpriv', [...NO_DAC, process.execPath, '-e', `try { require('fs').readFileSync(${JSON.stringify(locked)}); process.exit(1) } catch { process.exit(0) }`], { encoding: 'utf8' });
  fs.rmSync(path.dirname(locked), { recursive: true, force: true });
  if (probe.status === 0) return 'no-dac';
  return { unavailable: `running as root, and setpriv can neither run the CLI as nobody (${reach.error?.message ?? reach.stderr.trim().split('\n')[0]}) nor drop the permission-override capabilities` };
})();

/** Why the unreadable-input tests cannot run here, or undefined when they can. */
export function unprivilegedUnavailable(): string | undefined {
  return typeof MODE === 'object' ? MODE.unavailable : undefined;
}

/** A temp folder the unprivileged user owns (and can therefore have permissions taken away in). */
export function unprivilegedTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Hands `dir` (recursively) to the unprivileged user; a no-op when not root. */
export function handOver(dir: string): void {
  if (MODE !== 'nobody') return;
  const visit = (p: string): void => {
    fs.lchownSync(p, NOBODY.uid, NOBODY.gid);
    if (fs.lstatSync(p).isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `job-owners ...args` in `cwd`, as nobody when the test runs as root. */
export function runUnprivileged(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const command = MODE === 'self' ? process.execPath : 'setpriv';
  const argv = MODE === 'self' ? [BIN, ...args] : [...(MODE === 'nobody' ? AS_NOBODY : NO_DAC), process.execPath, BIN, ...args];
  const r = spawnSync(command, argv, { cwd, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: cwd, ...env } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Removes a tree whatever permissions the test left on it. */
export function removeTree(dir: string): void {
  const writable = (p: string): void => {
    try {
      const stat = fs.lstatSync(p);
      if (stat.isSymbolicLink()) return;
      fs.chmodSync(p, stat.isDirectory() ? 0o755 : 0o644);
      if (stat.isDirectory()) for (const name of fs.readdirSync(p)) writable(path.join(p, name));
    } catch {
      // best effort
    }
  };
  writable(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}
