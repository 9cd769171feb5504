/**
 * Issue 14.4/14.5: a config that cannot be read, found by the search or given with -c, is exit 2
 * with one sentence (it used to be skipped, its `rules` never applied, or reported as "Config
 * file the config file threw an error…"); a config that is not an object is exit 2 too, `null`
 * included (it used to be taken for an empty config).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handOver, removeTree, runUnprivileged, unprivilegedTempDir, unprivilegedUnavailable } from '../support/unprivileged.js';
import { jobOwners, tempRepo, write } from './helpers.js';

const PRODUCER = "import { Queue } from 'bullmq';\nvoid new Queue('emails').add('welcome', {});\n";
const unavailable = unprivilegedUnavailable();
if (unavailable) console.warn(`unreadable-config tests skipped: ${unavailable}`);

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));

function repoWithUnreadableConfig(name: string): string {
  const root = unprivilegedTempDir('job-owners-unreadable-config-');
  dirs.push(root);
  fs.mkdirSync(path.join(root, '.git'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'app', dependencies: { bullmq: '5' } }));
  fs.writeFileSync(path.join(root, 'main.ts'), PRODUCER);
  fs.writeFileSync(path.join(root, name), JSON.stringify({ rules: { 'no-consumer': 'off' } }));
  handOver(root);
  fs.chmodSync(path.join(root, name), 0o000);
  return root;
}

describe.skipIf(!!unavailable)('an unreadable config file', () => {
  it('found by the search: exit 2 with one sentence, not a run without its rules', () => {
    const root = repoWithUnreadableConfig('.jobownershiprc.json');
    const run = runUnprivileged(root, ['check', '.', '--no-cache']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'job-owners: Cannot read config file .jobownershiprc.json: permission denied. Make it readable, or pass --no-config.\n' });
  });

  it('given with -c: the same sentence', () => {
    const root = repoWithUnreadableConfig('custom.json');
    const run = runUnprivileged(root, ['check', '.', '--no-cache', '-c', 'custom.json']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'job-owners: Cannot read config file custom.json: permission denied. Make it readable, or pass --no-config.\n' });
  });

  it('an unreadable package.json on the search path is named too (it may hold "jobOwners")', () => {
    const root = repoWithUnreadableConfig('package.json');
    expect(runUnprivileged(root, ['check', '.', '--no-cache']).stderr).toBe('job-owners: Cannot read config file package.json: permission denied. Make it readable, or pass --no-config.\n');
  });
});

describe('a config that is not an object', () => {
  it.each([
    ['.jobownershiprc.json', 'null\n', 'null'],
    ['.jobownershiprc', 'null\n', 'null'],
    ['.jobownershiprc.yaml', '~\n', 'null'],
    ['.jobownershiprc.json', '42\n', 'a number (42)'],
    ['.jobownershiprc.yml', '- owners\n', 'a list'],
    ['.jobownershiprc.json', '"owners"\n', 'a string ("owners")'],
  ])('%s holding %j: exit 2 naming what it holds', (file, text, found) => {
    const repo = tempRepo('audiobook-incident');
    write(repo, file, text);
    const run = jobOwners(repo, 'check');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`job-owners: Config file ${file} holds ${found}, not an object of settings: write { "owners": { … } } and the like, or {} for none.\n`);
  });

  it('-c with a file holding null: the same sentence', () => {
    const repo = tempRepo('audiobook-incident');
    write(repo, 'cfg.json', 'null');
    expect(jobOwners(repo, 'check', '-c', 'cfg.json').stderr).toContain('Config file cfg.json holds null, not an object of settings');
  });

  it('an empty or comments-only file is still an empty config', () => {
    for (const [file, text] of [['.jobownershiprc.yaml', '# nothing yet\n'], ['.jobownershiprc.json', '']]) {
      const repo = tempRepo('audiobook-fixed');
      write(repo, file!, text!);
      expect(jobOwners(repo, 'check').code).toBe(0);
    }
  });
});
