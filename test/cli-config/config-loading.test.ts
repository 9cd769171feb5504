/**
 * Issue #4 item 1: where the config comes from. Searched from the analysed directory up to the
 * repository root (the nearest `.git`), every SPEC §6 file name, `-c/--config`, `--no-config`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK, jobOwners, jsonOf, tempRepo, write, writeJson } from './helpers.js';

const SILENT_OFF = { rules: { 'silent-completion': 'off' } };

describe('config search', () => {
  it('without a config, the incident reports multiple-owners and silent-completion', () => {
    const repo = tempRepo('audiobook-incident');
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code, run.stderr).toBe(1);
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['multiple-owners', 'silent-completion']);
  });

  it('finds the root config when run from apps/api (search goes up to the repository root)', () => {
    const repo = tempRepo('audiobook-incident');
    writeJson(repo, '.jobownershiprc.json', { rules: { 'unresolved-name': 'off' } });
    const api = path.join(repo, 'apps/api');
    // apps/api alone cannot see the contracts package: its queue and job names are unresolved.
    const bare = jobOwners(api, 'check', '--no-config', '-f', 'json');
    expect(jsonOf(bare).findings.map((f) => f.rule)).toContain('unresolved-name');
    const run = jobOwners(api, 'check', '-f', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOf(run).findings.map((f) => f.rule)).not.toContain('unresolved-name');
  });

  it('also when the analysed directory is given as an argument from elsewhere', () => {
    const repo = tempRepo('audiobook-incident');
    writeJson(repo, '.jobownershiprc.json', { rules: { 'unresolved-name': 'off' } });
    const run = jobOwners(path.dirname(repo), 'check', 'repo/apps/api', '-f', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOf(run).findings.map((f) => f.rule)).not.toContain('unresolved-name');
  });

  it('a config nearer the analysed directory wins over the root one', () => {
    const repo = tempRepo('audiobook-incident');
    writeJson(repo, '.jobownershiprc.json', { rules: { 'unresolved-name': 'error' } });
    writeJson(repo, 'apps/api/.jobownershiprc.json', { rules: { 'unresolved-name': 'off' } });
    const run = jobOwners(path.join(repo, 'apps/api'), 'check', '-f', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(jobOwners(path.join(repo, 'apps/api'), 'check', '-c', '../../.jobownershiprc.json').code).toBe(1);
  });

  it('stops at the repository root: a config above the .git folder is never read', () => {
    const repo = tempRepo('audiobook-incident');
    write(path.dirname(repo), '.jobownershiprc.json', '{ this is not json');
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).not.toContain('Invalid');
  });

  it.each([
    ['.jobownershiprc', 'rules:\n  silent-completion: off\n'],
    ['.jobownershiprc', '{ "rules": { "silent-completion": "off" } }\n'],
    ['.jobownershiprc.json', JSON.stringify(SILENT_OFF)],
    ['.jobownershiprc.yaml', 'rules:\n  silent-completion: "off"\n'],
    ['.jobownershiprc.yml', 'rules: { silent-completion: "off" }\n'],
    ['.jobownershiprc.js', `export default ${JSON.stringify(SILENT_OFF)};\n`],
    ['.jobownershiprc.cjs', `module.exports = ${JSON.stringify(SILENT_OFF)};\n`],
    ['.jobownershiprc.mjs', `export default ${JSON.stringify(SILENT_OFF)};\n`],
    ['.jobownershiprc.ts', `const config: { rules: Record<string, 'off' | 'warn' | 'error'> } = ${JSON.stringify(SILENT_OFF)};\nexport default config;\n`],
    ['job-owners.config.js', `export default ${JSON.stringify(SILENT_OFF)};\n`],
    ['job-owners.config.cjs', `module.exports = ${JSON.stringify(SILENT_OFF)};\n`],
    ['job-owners.config.mjs', `export default ${JSON.stringify(SILENT_OFF)};\n`],
    ['job-owners.config.ts', `export default ${JSON.stringify(SILENT_OFF)} satisfies object;\n`],
  ])('reads %s', (file, text) => {
    const repo = tempRepo('audiobook-incident');
    write(repo, file, text);
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code, run.stderr).toBe(1);
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['multiple-owners']);
  });

  it('reads the "jobOwners" key of package.json', () => {
    const repo = tempRepo('audiobook-incident');
    const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeJson(repo, 'package.json', { ...manifest, jobOwners: SILENT_OFF });
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['multiple-owners']);
  });
});

describe('-c/--config and --no-config', () => {
  it('-c FILE uses that file (relative to the cwd) and nothing else', () => {
    const repo = tempRepo('audiobook-incident');
    write(repo, '.jobownershiprc.json', '{ broken');
    writeJson(repo, 'config/job-owners.json', SILENT_OFF);
    const run = jobOwners(repo, 'check', '-c', 'config/job-owners.json', '-f', 'json');
    expect(run.code, run.stderr).toBe(1);
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['multiple-owners']);
    const long = jobOwners(repo, 'check', '--config', 'config/job-owners.json', '-f', 'json');
    expect(long.stdout).toBe(run.stdout);
  });

  it('-c names a YAML file by its extension', () => {
    const repo = tempRepo('audiobook-incident');
    write(repo, 'ci/owners.yaml', 'rules:\n  silent-completion: "off"\n');
    const run = jobOwners(repo, 'check', '-c', 'ci/owners.yaml', '-f', 'json');
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['multiple-owners']);
  });

  it('-c with a missing file exits 2 and names it', () => {
    const repo = tempRepo('audiobook-incident');
    const run = jobOwners(repo, 'check', '-c', 'nope.json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Config file not found: nope.json');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('-c with a package.json that has no "jobOwners" key exits 2', () => {
    const repo = tempRepo('audiobook-incident');
    const run = jobOwners(repo, 'check', '-c', 'package.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('package.json has no "jobOwners" key');
  });

  it('--no-config ignores a config that would otherwise fail', () => {
    const repo = tempRepo('audiobook-incident');
    write(repo, '.jobownershiprc.json', '{ broken');
    expect(jobOwners(repo, 'check').code).toBe(2);
    const run = jobOwners(repo, 'check', '--no-config', '-f', 'json');
    expect(run.code, run.stderr).toBe(1);
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['multiple-owners', 'silent-completion']);
  });

  it('explain honours the config too', () => {
    const repo = tempRepo('audiobook-incident');
    write(repo, '.jobownershiprc.json', '{ broken');
    expect(jobOwners(repo, 'explain', 'audio-processing').code).toBe(2);
    expect(jobOwners(repo, 'explain', 'audio-processing', '--no-config').code).toBe(0);
  });
});
