/**
 * GitHub Actions through the real CLI: `github` is picked automatically under
 * GITHUB_ACTIONS=true, annotation paths follow GITHUB_WORKSPACE, and the markdown report is
 * appended to $GITHUB_STEP_SUMMARY (cut with a note past 1 MiB).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, jobOwners, REPO_ROOT } from './helpers.js';

const expected = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test/cli-output/expected', name), 'utf8');
const temps: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-gh-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});
const cwd = path.join(REPO_ROOT, 'fixtures/awkward-names');

describe.concurrent('under GitHub Actions', () => {
  it('GITHUB_ACTIONS=true and no --format: github annotations on stdout', async () => {
    const run = await jobOwners(['check'], { cwd, env: { GITHUB_ACTIONS: 'true' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected('awkward-names.github.txt'));
  });

  it('an explicit --format wins over the automatic choice', async () => {
    const run = await jobOwners(['check', '-f', 'stylish'], { cwd, env: { GITHUB_ACTIONS: 'true' } });
    expect(run.stdout).toBe(expected('awkward-names.stylish.txt'));
  });

  it('report stays markdown under Actions', async () => {
    const run = await jobOwners(['report'], { cwd: path.join(REPO_ROOT, 'fixtures/audiobook-incident'), env: { GITHUB_ACTIONS: 'true' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(expected('audiobook-incident.report.md'));
  });

  it('annotation paths are relative to GITHUB_WORKSPACE when the step runs in a subfolder', async () => {
    const workspace = tempDir();
    fs.cpSync(cwd, path.join(workspace, 'services/postbox'), { recursive: true });
    const run = await jobOwners(['check'], { cwd: path.join(workspace, 'services/postbox'), env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(expected('awkward-names.github.txt').replaceAll('file=apps/', 'file=services/postbox/apps/'));
  });

  it('appends the markdown report to GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', async () => {
    const summary = path.join(tempDir(), 'step_summary.md');
    fs.writeFileSync(summary, '## Build\n\nok\n');
    const run = await jobOwners(['check'], { cwd, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(expected('awkward-names.github.txt'));
    expect(fs.readFileSync(summary, 'utf8')).toBe(`## Build\n\nok\n${expected('awkward-names.report.md')}`);
  });

  it('step summary links point at the commit on GitHub when the run context is known', async () => {
    const workspace = tempDir();
    fs.cpSync(cwd, path.join(workspace, 'services/postbox'), { recursive: true });
    const summary = path.join(workspace, 'summary.md');
    const run = await jobOwners(['check', '-f', 'json'], {
      cwd: path.join(workspace, 'services/postbox'),
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_WORKSPACE: workspace,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/postbox',
        GITHUB_SHA: '0123abc',
      },
    });
    expect(run.code).toBe(1);
    JSON.parse(run.stdout); // the chosen format still goes to stdout
    expect(fs.readFileSync(summary, 'utf8')).toBe(
      expected('awkward-names.report.md').replaceAll('](apps/', '](https://github.com/acme/postbox/blob/0123abc/services/postbox/apps/'),
    );
  });

  it('truncates the step summary at 1 MiB, on a line boundary, with a note', async () => {
    const repo = tempDir();
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(path.join(repo, 'package.json'), '{ "name": "bulk", "private": true }\n');
    const adds = Array.from({ length: 1200 }, (_, i) => `  await q.add('report-${String(i).padStart(4, '0')}-${'x'.repeat(150)}', {});`);
    fs.writeFileSync(path.join(repo, 'src/main.ts'), ["import { Queue } from 'bullmq';", "const q = new Queue('bulk');", 'export async function go() {', ...adds, '}', ''].join('\n'));
    const summary = path.join(repo, 'summary.md');
    const run = await jobOwners(['check', '-f', 'json'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    const full = (await jobOwners(['report'], { cwd: repo })).stdout;
    expect(Buffer.byteLength(full)).toBeGreaterThan(1024 * 1024);
    const text = fs.readFileSync(summary, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024);
    const note = '\n> **Note:** this report was truncated to fit the 1 MiB job summary limit. Run `job-owners report` locally for the full report.\n';
    expect(text.endsWith(note)).toBe(true);
    expect(full.startsWith(text.slice(0, -note.length))).toBe(true);
  });
});
