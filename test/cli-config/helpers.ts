/**
 * End-to-end helpers for the config / suppression / baseline / init tests: every test works on
 * a throw-away copy of a fixture under os.tmpdir() and runs the real, built CLI
 * (`node bin/job-owners.js`) the way a user does, with NO_COLOR and nothing else from the env.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(REPO_ROOT, 'bin/job-owners.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `job-owners ...args` with `cwd` as the working directory. */
export function jobOwners(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `--format json` output, parsed; fails with stderr when stdout is not JSON. */
export function jsonOf(run: Run): JsonResult {
  try {
    return JSON.parse(run.stdout) as JsonResult;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n--- stderr ---\n${run.stderr}`);
  }
}

export interface JsonFinding {
  rule: string;
  severity: 'error' | 'warn';
  queue: string | null;
  job: string | null;
  services: string[];
  message: string;
  summary: string;
  advice: string;
  locations: { file: string; line: number; column: number }[];
}

export interface JsonResult {
  findings: JsonFinding[];
  summary: { errors: number; warnings: number; suppressed: number };
  services: { name: string; root: string; kind: string }[];
  queues: { queue: string; owner: string | null }[];
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh copy of `fixtures/<name>` at `<tmp>/repo`, with a `.git` folder so the config search
 * stops there (the temp dir is outside any repository). Returns the repo folder; its parent
 * (`<tmp>`) is outside the repository and may hold files that must *not* be found.
 */
export function tempRepo(fixture: string): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-cli-config-'));
  created.push(base);
  const repo = path.join(base, 'repo');
  fs.cpSync(path.join(REPO_ROOT, 'fixtures', fixture), repo, { recursive: true });
  fs.mkdirSync(path.join(repo, '.git'));
  return repo;
}

export function write(dir: string, file: string, text: string): string {
  const target = path.join(dir, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  return target;
}

export function writeJson(dir: string, file: string, value: unknown): string {
  return write(dir, file, `${JSON.stringify(value, null, 2)}\n`);
}

export function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

/** Inserts `text` as a new line before 1-based `line` of a file (the next line moves down). */
export function insertLine(dir: string, file: string, line: number, text: string): void {
  const target = path.join(dir, file);
  const lines = fs.readFileSync(target, 'utf8').split('\n');
  lines.splice(line - 1, 0, text);
  fs.writeFileSync(target, lines.join('\n'));
}

/** Usage errors are sentences, not crashes. */
export const STACK = /^\s+at /m;
