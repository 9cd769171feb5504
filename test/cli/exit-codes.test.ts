/**
 * End-to-end: spawn the real bin (built dist) the way CI does, and check exit codes and
 * machine-readable output. 0 clean, 1 error findings, 2 usage error (SPEC §5).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function jobOwners(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['bin/job-owners.js', ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ANSI = /\u001b\[/;

describe('job-owners check: exit codes', () => {
  it.each([
    ['audiobook-incident', 1],
    ['audiobook-half-fixed', 1],
    ['audiobook-fixed', 0],
    ['traps', 0],
    ['detection-forms', 0], // one warning (unresolved-name), no error
  ])('fixtures/%s exits %i', (fixture, expected) => {
    const run = jobOwners('check', `fixtures/${fixture}`);
    expect(run.code, run.stderr).toBe(expected);
    // Exit 1 must come from findings, not from a crash.
    expect(run.stderr).not.toMatch(/^\s+at /m);
    if (expected === 1) expect(run.stdout).toContain('multiple-owners');
  });

  it('exits 2 for a directory that does not exist, naming it once on stderr', () => {
    const missing = 'fixtures/does-not-exist';
    const run = jobOwners('check', missing);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((line) => line.includes(missing));
    expect(lines).toHaveLength(1);
    expect(run.stderr).not.toMatch(/^\s+at /m); // a usage error, not a stack trace
  });

  it('exits 2 for an unknown option and names it on stderr', () => {
    const run = jobOwners('check', 'fixtures/audiobook-fixed', '--frobnicate');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--frobnicate');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('job-owners check --format json', () => {
  it('prints the whole result for the incident, and still exits 1', () => {
    const run = jobOwners('check', 'fixtures/audiobook-incident', '--format', 'json');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).not.toMatch(ANSI);
    const result = JSON.parse(run.stdout);
    expect(result.schemaVersion).toBe(1);
    expect(result.tool.name).toBe('job-owners');
    expect(result.findings.map((f: { rule: string }) => f.rule)).toEqual(['multiple-owners', 'silent-completion']);
    // Paths are relative to the analysed directory, not to the cwd.
    expect(result.findings[0].locations).toEqual([
      { file: 'apps/api/src/queue/epub-processor.service.ts', line: 6, column: 1 },
      { file: 'apps/workers/src/main.ts', line: 7, column: 16 },
    ]);
    expect(result.summary).toEqual({ errors: 1, warnings: 1, suppressed: 0 });
  });

  it('prints an empty finding list for the fixed repo, and exits 0', () => {
    const run = jobOwners('check', 'fixtures/audiobook-fixed', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.schemaVersion).toBe(1);
    expect(result.findings).toEqual([]);
    expect(result.queues.map((q: { queue: string; owner: string }) => [q.queue, q.owner])).toEqual([
      ['audio-processing', 'workers'],
      ['epub-parsing', 'workers'],
    ]);
  });

  it('prints the same bytes on two runs', () => {
    const a = jobOwners('check', 'fixtures/detection-forms', '--format', 'json');
    const b = jobOwners('check', 'fixtures/detection-forms', '--format', 'json');
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('job-owners check (default stylish output)', () => {
  it('names the rule and a path relative to the analysed folder (said on the first line), without colour under NO_COLOR', () => {
    const run = jobOwners('check', 'fixtures/audiobook-incident');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.stdout).toContain('multiple-owners');
    expect(run.stdout.startsWith('Paths are relative to fixtures/audiobook-incident/\n')).toBe(true);
    expect(run.stdout).toContain('    also at apps/workers/src/main.ts:7:16');
  });
});
