/**
 * Issue 13 item 4: config `services` over discovered processes. `{ root, entry }` uses its
 * entry (validated), `{ root }` names the package, globs work as before, and packages the
 * config does not mention are still discovered.
 */
import { describe, expect, it } from 'vitest';
import { applyConfiguredProcesses } from '../../src/discovery/processes/index.js';
import { discover, fixturePath, listingOf } from './helpers.js';

const procfile = fixturePath('processes-procfile');
const discovered = discover(procfile);
const files = listingOf(procfile);

describe('applyConfiguredProcesses', () => {
  it('no services: discovery as is', () => {
    expect(applyConfiguredProcesses(discovered, {}, files)).toEqual({ ...discovered, errors: [] });
  });

  it('{ root, entry } declares a process with that entry and replaces the discovered ones of that root', () => {
    const out = applyConfiguredProcesses(discovered, { 'transcoder': { root: 'apps/platform', entry: ['src/worker.ts'] } }, files);
    expect(out.errors).toEqual([]);
    expect(out.processes).toEqual([
      {
        name: 'transcoder',
        package: 'apps/platform',
        entry: 'apps/platform/src/worker.ts',
        command: 'node dist/worker',
        foundAt: [{ file: 'apps/platform/Procfile', line: 4 }, { file: 'apps/platform/package.json', line: 8 }],
        source: 'config',
        nest: true,
      },
    ]);
    expect(out.notes).toContain('platform:web (apps/platform/src/main.ts): replaced by the config\'s services');
  });

  it('several entries: one process started from each (entries), as written by init for each process', () => {
    const out = applyConfiguredProcesses(
      discovered,
      { web: { root: 'apps/platform', entry: ['src/main.ts'] }, worker: { root: 'apps/platform', entry: ['./src/worker.ts'] }, both: { root: 'apps/platform', entry: ['src/main.ts', 'src/worker.ts'] } },
      files,
    );
    expect(out.errors).toEqual([]);
    expect(out.processes.map((p) => [p.name, p.entry, p.entries])).toEqual([
      ['both', 'apps/platform/src/main.ts', ['apps/platform/src/main.ts', 'apps/platform/src/worker.ts']],
      ['web', 'apps/platform/src/main.ts', undefined],
      ['worker', 'apps/platform/src/worker.ts', undefined],
    ]);
  });

  it('an entry that is not a listed source file is a config error naming the key, with a hint for repo-relative paths', () => {
    const out = applyConfiguredProcesses(discovered, { api: { root: 'apps/platform', entry: ['src/server.ts', 'apps/platform/src/main.ts'] } }, files);
    expect(out.errors).toEqual([
      'services.api.entry[0]: "src/server.ts" is not a source file under apps/platform (apps/platform/src/server.ts is not among the analysed files).',
      'services.api.entry[1]: "apps/platform/src/main.ts" is not a source file under apps/platform (apps/platform/apps/platform/src/main.ts is not among the analysed files). Entries are relative to root: did you mean "src/main.ts"?',
    ]);
  });

  it('{ root } without entry: the package as one service, from all its discovered entries', () => {
    const out = applyConfiguredProcesses(discovered, { platform: { root: './apps/platform/' } }, files);
    expect(out.processes.map((p) => [p.name, p.package, p.entry, p.entries, p.source])).toEqual([
      ['platform', 'apps/platform', 'apps/platform/src/worker.ts', ['apps/platform/src/worker.ts', 'apps/platform/src/main.ts'], 'config'],
    ]);
  });

  it('{ root } of a folder nothing deploys: a process without entry, and a note', () => {
    const out = applyConfiguredProcesses(discovered, { contracts: { root: 'libs/contracts' } }, files);
    expect(out.processes.map((p) => [p.name, p.entry ?? p.entryReason])).toEqual([
      ['contracts', 'declared in config without an entry file'],
      ['platform:mainWorker', 'apps/platform/src/worker.ts'],
      ['platform:web', 'apps/platform/src/main.ts'],
    ]);
    expect(out.notes).toContain('services.contracts: declared in config without an entry, and nothing found deploys libs/contracts; every file of the package counts for it');
  });

  it('globs keep working, and replace a discovered process whose entry they match', () => {
    const out = applyConfiguredProcesses(discovered, { worker: ['apps/platform/src/worker.ts', 'apps/platform/src/transcode/**'] }, files);
    expect(out.processes.map((p) => [p.name, p.package, p.entry ?? null, p.globs ?? null])).toEqual([
      ['platform:web', 'apps/platform', 'apps/platform/src/main.ts', null],
      ['worker', 'apps/platform/src', null, ['apps/platform/src/worker.ts', 'apps/platform/src/transcode/**']],
    ]);
  });

  it('a recorded list never freezes the service set: packages added later are still discovered', () => {
    const fixture = fixturePath('processes-compose');
    const out = applyConfiguredProcesses(discover(fixture), { gateway: { root: 'apps/gateway', entry: ['src/main.ts'] } }, listingOf(fixture));
    expect(out.processes.map((p) => `${p.name} ${p.source}`)).toEqual(['gateway config', 'media:media-api compose', 'media:media-worker compose']);
  });

  it('a declared name that a discovered process of another package also has is an error', () => {
    const out = applyConfiguredProcesses(discovered, { 'platform:web': { root: 'libs/contracts' } }, files);
    expect(out.errors).toEqual([
      'services.platform:web: also the name of the process discovered in apps/platform (apps/platform/src/main.ts); give one of them another name, or declare apps/platform in services too.',
    ]);
  });
});
