/**
 * End-to-end helpers: spawn the real bin (built dist, `npm test` builds first) with a minimal
 * environment, so nothing from the developer's shell or from CI (GITHUB_ACTIONS, FORCE_COLOR,
 * a TTY) leaks into the exact-string assertions.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(REPO_ROOT, 'bin', 'job-owners.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Added to `{ PATH, NO_COLOR: '1' }`; a value of undefined removes the key. */
  env?: Record<string, string | undefined>;
}

/** `node bin/job-owners.js …args`, asynchronous so a test file can run several at once. */
export function jobOwners(args: string[], options: RunOptions = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, NO_COLOR: '1', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A throwaway copy of a fixture (tests that write files never touch the committed fixtures). */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `job-owners-${name}-`));
  fs.cpSync(path.join(REPO_ROOT, 'fixtures', name), dir, { recursive: true });
  return dir;
}

/** Every file under dir, repo-relative with `/`, sorted: to prove no temp file was left behind. */
export function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

export const ANSI = /\u001b\[/;

const memo = new Map<string, Promise<Run>>();

/** The same run shared by every test that asserts on it (for read-only runs on committed fixtures). */
export function jobOwnersOnce(args: string[], options: RunOptions = {}): Promise<Run> {
  const key = JSON.stringify([args, options.cwd ?? '', Object.entries(options.env ?? {}).sort()]);
  let run = memo.get(key);
  if (!run) memo.set(key, (run = jobOwners(args, options)));
  return run;
}
