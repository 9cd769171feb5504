/**
 * Running the CLI as a user for whom permissions bite. As root (CI runs as root), chmod 000 stops
 * nothing, so the unreadable-input tests would prove nothing or be skipped: there the CLI runs as
 * `nobody` through `setpriv` (util-linux), on a tree handed to `nobody` with `chown`. As any other
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

/** Why the unreadable-input tests cannot run here, or undefined when they can. */
export function unprivilegedUnavailable(): string | undefined {
  if (process.platform === 'win32') return 'no POSIX permissions on Windows';
  if (!IS_ROOT) return undefined;
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)'], { encoding: 'utf8' });
  if (probe.status !== 0) return `running as root, and setpriv cannot switch to nobody (${probe.error?.message ?? probe.stderr.trim()})`;
  // nobody must be able to reach the built CLI.
  const reach = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, '--version'], { encoding: 'utf8' });
  if (reach.status !== 0) return `nobody cannot run ${BIN} (${reach.stderr.trim().split('\n')[0]})`;
  return undefined;
}

/** A temp folder the unprivileged user owns (and can therefore have permissions taken away in). */
export function unprivilegedTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Hands `dir` (recursively) to the unprivileged user; a no-op when not root. */
export function handOver(dir: string): void {
  if (!IS_ROOT) return;
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
  const command = IS_ROOT ? 'setpriv' : process.execPath;
  const argv = IS_ROOT ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args] : [BIN, ...args];
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
