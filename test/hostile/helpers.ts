/**
 * Helpers for the hostile-input tests (issue #7): temporary trees outside any git work tree,
 * the CLI in-process (fast) and spawned (the real process: exit codes, streams, crashes).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(REPO_ROOT, 'bin/job-owners.js');

/** Root ignores file permissions, so chmod-based cases need another technique there. */
export const IS_ROOT = process.getuid?.() === 0;

export function fixturePath(name: string): string {
  return path.join(REPO_ROOT, 'fixtures', name);
}

/** A fresh folder under the OS temp dir; removed by `cleanup`. */
export function tempDir(prefix = 'job-owners-hostile-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of a fixture in a temp folder (not a git work tree, so discovery walks it). */
export function copyFixture(name: string): string {
  const dir = tempDir(`job-owners-${name}-`);
  fs.cpSync(fixturePath(name), dir, { recursive: true });
  return dir;
}

export function cleanup(dir: string): void {
  makeWritable(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

function makeWritable(dir: string): void {
  try {
    fs.chmodSync(dir, 0o755);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) makeWritable(path.join(dir, entry.name));
    }
  } catch {
    // best effort
  }
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in-process: same code path as the bin, minus process wiring. */
export async function runMain(argv: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { NO_COLOR: '1', ...env },
    cwd,
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** The built bin, spawned (needs `npm run build`, which `pretest` does). */
export function spawnCli(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every path under `dir` with its type, size, mode and content hash: a before/after snapshot. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string): void => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const childAbs = path.join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const st = fs.lstatSync(childAbs);
      if (entry.isDirectory()) {
        out.push(`${childRel}/ ${st.mode.toString(8)}`);
        visit(childAbs, childRel);
      } else {
        const content = entry.isFile() ? fs.readFileSync(childAbs).toString('base64') : '';
        out.push(`${childRel} ${st.mode.toString(8)} ${st.size} ${st.mtimeMs} ${content.length} ${hash(content)}`);
      }
    }
  };
  visit(dir, '');
  return out;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
