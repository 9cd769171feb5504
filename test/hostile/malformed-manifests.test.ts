/**
 * Malformed manifests and configs found while hardening for issue #7: each was a crash, a silent
 * wrong answer or a surprise write before it was fixed (the describe names the file involved).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { cleanup, copyFixture, runMain, spawnCli } from './helpers.js';
import { writeFiles } from '../support/repo-files.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(cleanup));
function fixture(name: string, files: Record<string, string>): string {
  const dir = copyFixture(name);
  dirs.push(dir);
  writeFiles(dir, files);
  return dir;
}

describe('a malformed tsconfig is one skipped file, not a crash (src/extract/tsconfig-paths.ts)', () => {
  it.each([
    // Valid since TypeScript 5.0: extends may be an array.
    ['"extends" as an array (valid TS ≥ 5.0)', 'apps/api/tsconfig.json', '{ "extends": ["../../tsconfig.base.json"], "compilerOptions": { "outDir": "dist" } }'],
    ['"extends" that is a number', 'apps/api/tsconfig.json', '{ "extends": 3 }'],
    ['a "paths" target that is a number', 'tsconfig.base.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@x/*": [3] } } }'],
    ['a "paths" entry that is a string, not an array', 'tsconfig.base.json', '{ "compilerOptions": { "paths": { "@x/*": "libs/x" } } }'],
    ['a "baseUrl" that is a number', 'tsconfig.base.json', '{ "compilerOptions": { "baseUrl": 3, "paths": { "@x/*": ["x"] } } }'],
  ])('%s', (_, file, content) => {
    const dir = fixture('audiobook-incident', { [file]: content });
    const result = analyze({ root: dir }); // was: TypeError from tsconfig-paths.ts TsconfigPaths.load
    expect(result.findings.map((f) => f.rule)).toContain('multiple-owners');
  });
});

describe('malformed workspace manifests (src/discovery/packages.ts)', () => {
  it('"workspaces" with non-string entries does not crash', () => {
    const dir = fixture('audiobook-fixed', { 'package.json': '{ "name": "root", "private": true, "workspaces": [1, null, "apps/*"] }' });
    expect(() => analyze({ root: dir })).not.toThrow(); // was: TypeError p.startsWith is not a function
  });

  it('an unparseable pnpm-workspace.yaml is reported as skipped, not silently turned into a clean exit 0', async () => {
    const dir = fixture('audiobook-incident', { 'pnpm-workspace.yaml': 'packages:\n  - [apps/*\n' });
    const run = await runMain(['check', '.', '--format', 'json', '--no-config'], dir);
    const result = JSON.parse(run.stdout);
    // was: skipped [] and exit 0 — the multiple-owners error of the incident vanishes without a word
    expect(result.skipped.map((s: { file: string }) => s.file)).toContain('pnpm-workspace.yaml');
  });

  it('an unparseable service package.json is reported as skipped', () => {
    const dir = fixture('audiobook-incident', { 'apps/workers/package.json': '{ "name": "workers", ' });
    expect(analyze({ root: dir }).skipped.map((s) => s.file)).toContain('apps/workers/package.json');
  });
});

describe('findings that depend on a skipped file say so (issue #7.1; src/model, src/rules)', () => {
  it('no-consumer, when the consumer file was skipped, names that file', () => {
    const consumer = 'apps/workers/src/workers/epub-parsing.worker.ts';
    const dir = copyFixture('audiobook-fixed');
    dirs.push(dir);
    fs.appendFileSync(path.join(dir, consumer), '\n}}}\n');
    const result = analyze({ root: dir });
    expect(result.skipped.map((s) => s.file)).toEqual([consumer]);
    const finding = result.findings.find((f) => f.rule === 'no-consumer' && f.queue === 'epub-parsing');
    expect(finding).toBeDefined();
    // was: "…no service consumes that queue, so these jobs wait forever" — a confident false error
    expect(JSON.stringify(finding)).toContain(consumer);
  });
});

describe('a TypeScript config does not write next to itself (issue #7.4; src/config/load-module.ts)', () => {
  it('loading job-owners.config.ts creates no file in the repository, even for a moment', async () => {
    const dir = fixture('audiobook-fixed', { 'job-owners.config.ts': 'export default { rules: {} };\n' });
    const seen: string[] = [];
    const watcher = fs.watch(dir, (_e, file) => file && seen.push(String(file)));
    try {
      await new Promise((r) => setTimeout(r, 50));
      const run = spawnCli(['check', dir]);
      await new Promise((r) => setTimeout(r, 200));
      expect(run.code, run.stderr).toBe(0);
    } finally {
      watcher.close();
    }
    // was: job-owners.config.ts.<uuid>.mjs is written beside the config and removed; on a
    // read-only checkout (non-root) loading the config fails.
    expect(seen).toEqual([]);
  });
});
