/**
 * Issue #4 item 8: `job-owners init [dir]` writes a starter `.jobownershiprc.json` — `$schema`,
 * the services it found, the `owners` contract filled from today's code and explained in
 * `$comment` (JSON has no comments) — refuses to overwrite without --force, prints next steps,
 * and the file it writes is a valid config that `check` accepts as is.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK, jobOwners, jsonOf, read, tempRepo, write, writeJson } from './helpers.js';

const FILE = '.jobownershiprc.json';

interface Written {
  $schema: string;
  $comment: string[];
  services?: Record<string, { root: string; entry?: string[] }>;
  owners: Record<string, string>;
  rules: Record<string, string>;
  ignore: unknown[];
}

function config(repo: string): Written {
  return JSON.parse(read(repo, FILE)) as Written;
}

describe('job-owners init', () => {
  it('writes $schema, the services found and the owners of today (fixed repo)', () => {
    const repo = tempRepo('audiobook-fixed');
    const run = jobOwners(repo, 'init');
    expect(run.code, run.stderr).toBe(0);
    const written = config(repo);
    expect(Object.keys(written)).toEqual(['$schema', '$comment', 'services', 'owners', 'rules', 'ignore']);
    expect(written.$schema).toBe('./node_modules/job-owners/schema.json');
    // Issue 13: each service is a process with the entry it runs.
    expect(written.services).toEqual({ api: { root: 'apps/api', entry: ['src/main.ts'] }, workers: { root: 'apps/workers', entry: ['src/main.ts'] } });
    expect(written.owners).toEqual({ 'audio-processing': 'workers', 'epub-parsing': 'workers' });
    expect(written.$comment.join('\n')).toContain('"owners": the ownership contract');
    expect(read(repo, FILE).endsWith('}\n')).toBe(true);
  });

  it('the written file round-trips: check accepts it, and it catches drift', () => {
    const repo = tempRepo('audiobook-fixed');
    jobOwners(repo, 'init');
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOf(run).services.filter((s) => s.kind === 'service').map((s) => [s.name, s.root])).toEqual(
      Object.entries(config(repo).services!).map(([name, d]) => [name, d.root]),
    );
    // Drift: the api starts consuming audio-processing too.
    write(repo, 'apps/api/src/rogue.ts', "import { Worker } from 'bullmq';\nnew Worker('audio-processing', async () => {});\n");
    write(repo, 'apps/api/src/main.ts', `import './rogue';\n${read(repo, 'apps/api/src/main.ts')}`);
    const drift = jobOwners(repo, 'check', '-f', 'json');
    expect(drift.code).toBe(1);
    expect(jsonOf(drift).findings.map((f) => f.rule)).toContain('owner-mismatch');
  });

  it('queues without a single owner are left out of owners, and listed in $comment and on stdout', () => {
    const repo = tempRepo('audiobook-incident');
    const run = jobOwners(repo, 'init');
    expect(run.code, run.stderr).toBe(0);
    const written = config(repo);
    expect(written.owners).toEqual({});
    expect(written.services).toEqual({ api: { root: 'apps/api', entry: ['src/main.ts'] }, workers: { root: 'apps/workers', entry: ['src/main.ts'] } });
    expect(written.$comment.join('\n')).toContain('audio-processing (consumed by api, workers)');
    expect(run.stdout).toContain('queues without a single owner (decide and add them to "owners"): audio-processing (consumed by api, workers)');
    // Valid config: check runs and reports the incident itself (exit 1, not 2).
    expect(jobOwners(repo, 'check').code).toBe(1);
  });

  it('prints what it wrote and the next steps: CI line and pre-commit hook', () => {
    const repo = tempRepo('audiobook-fixed');
    const run = jobOwners(repo, 'init');
    expect(run.stdout).toContain(`Wrote ${FILE}`);
    expect(run.stdout).toContain('services found: api (apps/api/src/main.ts), workers (apps/workers/src/main.ts)');
    expect(run.stdout).toContain('discovery stays on: packages added later are still found from what deploys them');
    expect(run.stdout).toContain('owners recorded: 2 (audio-processing -> workers, epub-parsing -> workers)');
    expect(run.stdout).toContain('Next steps:');
    expect(run.stdout).toContain('CI:          npx job-owners check');
    expect(run.stdout).toMatch(/pre-commit: .*job-owners hook/);
    expect(run.stdout).toContain('.husky/pre-commit');
  });

  it('a package deployed as several processes: one service per process, each with its entry; discovery stays on', () => {
    const repo = tempRepo('processes-procfile');
    const run = jobOwners(repo, 'init');
    expect(run.code, run.stderr).toBe(0);
    const written = config(repo);
    expect(written.services).toEqual({
      'platform:mainWorker': { root: 'apps/platform', entry: ['src/worker.ts'] },
      'platform:web': { root: 'apps/platform', entry: ['src/main.ts'] },
    });
    expect(written.$comment.join('\n')).toContain('Discovery stays on: packages added later are still found');
    expect(run.stdout).toContain('services found: platform:mainWorker (apps/platform/src/worker.ts), platform:web (apps/platform/src/main.ts)');
    // Every owner names a written service, so the file is a valid config.
    for (const owner of Object.values(written.owners)) expect(Object.keys(written.services!)).toContain(owner);
    expect(jobOwners(repo, 'check').code).not.toBe(2);
    // A package added later is still discovered with the recorded list in place.
    write(repo, 'apps/mailer/package.json', JSON.stringify({ name: 'mailer', scripts: { start: 'node dist/main.js' } }));
    write(repo, 'apps/mailer/src/main.ts', "import { Worker } from 'bullmq';\nnew Worker('mail', async () => {});\n");
    const later = jobOwners(repo, 'check', '-f', 'json');
    expect(jsonOf(later).services.map((s) => s.name)).toContain('mailer');
  });

  it('takes a directory and writes there, naming the file relative to the cwd', () => {
    const repo = tempRepo('audiobook-fixed');
    const run = jobOwners(path.dirname(repo), 'init', 'repo');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Wrote repo/${FILE}`);
    expect(config(repo).owners).toEqual({ 'audio-processing': 'workers', 'epub-parsing': 'workers' });
  });

  it('refuses to overwrite without --force (exit 2, file untouched), overwrites with it', () => {
    const repo = tempRepo('audiobook-fixed');
    writeJson(repo, FILE, { rules: { 'orphan-handler': 'off' } });
    const before = read(repo, FILE);
    const run = jobOwners(repo, 'init');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${FILE} already exists; pass --force to overwrite ${FILE}.`);
    expect(run.stderr).not.toMatch(STACK);
    expect(read(repo, FILE)).toBe(before);
    const forced = jobOwners(repo, 'init', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(config(repo).owners).toEqual({ 'audio-processing': 'workers', 'epub-parsing': 'workers' });
  });

  it('refuses too when another config file exists (it would shadow or be shadowed)', () => {
    const repo = tempRepo('audiobook-fixed');
    write(repo, '.jobownershiprc.yaml', 'rules:\n  orphan-handler: "off"\n');
    const run = jobOwners(repo, 'init');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.jobownershiprc.yaml already exists');
    const forced = jobOwners(repo, 'init', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('.jobownershiprc.yaml is now ignored');
  });

  it('a "jobOwners" key in package.json counts as an existing config; package.json without it does not', () => {
    const repo = tempRepo('audiobook-fixed');
    expect(jobOwners(repo, 'init').code).toBe(0);
    const other = tempRepo('audiobook-fixed');
    const manifest = JSON.parse(read(other, 'package.json')) as Record<string, unknown>;
    writeJson(other, 'package.json', { ...manifest, jobOwners: {} });
    const run = jobOwners(other, 'init');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('package.json ("jobOwners" key) already exists');
  });

  it('exits 2 for a directory that does not exist', () => {
    const repo = tempRepo('audiobook-fixed');
    const run = jobOwners(repo, 'init', 'nope');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No such directory: nope');
  });
});
