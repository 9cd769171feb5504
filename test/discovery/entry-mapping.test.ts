/** Issue 13: from the file a command runs to the source file the analysis reads. */
import { describe, expect, it } from 'vitest';
import type { WorkspacePackage } from '../../src/discovery/packages.js';
import { type OutputRule, tsconfigOutputs } from '../../src/discovery/processes/build-outputs.js';
import { EntryMapper } from '../../src/discovery/processes/entry-mapping.js';
import { FileIndex } from '../../src/discovery/processes/file-index.js';

const files = [
  'apps/api/package.json',
  'apps/api/src/main.ts',
  'apps/api/src/worker.ts',
  'apps/api/src/jobs/index.ts',
  'apps/esm/package.json',
  'apps/esm/src/server.mts',
  'apps/js/package.json',
  'apps/js/server.js',
  'apps/js/lib/index.js',
  'apps/lib-out/package.json',
  'apps/lib-out/source/boot.ts',
  'apps/nested/package.json',
  'apps/nested/src/main.ts',
  'apps/main-field/package.json',
  'apps/main-field/src/entry.ts',
];
const pkg = (root: string, manifest: WorkspacePackage['manifest'] = {}): WorkspacePackage => ({ name: root, root, manifest, source: 'workspace' });
const packages = [pkg('apps/api'), pkg('apps/esm'), pkg('apps/js'), pkg('apps/lib-out'), pkg('apps/nested'), pkg('apps/main-field', { main: 'dist/entry.js' }), pkg('.')];
const rules: Record<string, OutputRule[]> = {
  'apps/lib-out': [{ kind: 'tree', outDir: 'apps/lib-out/out', rootDir: 'apps/lib-out/source', pkgRoot: 'apps/lib-out', from: 'apps/lib-out/tsconfig.json' }],
  // tsc without rootDir over src and scripts: dist/src/main.js
  'apps/nested': [{ kind: 'tree', outDir: 'apps/nested/dist', pkgRoot: 'apps/nested', from: 'apps/nested/tsconfig.json' }],
};
const mapper = new EntryMapper(new FileIndex(files), packages, (p) => rules[p.root] ?? [], [{ kind: 'bundle', outDir: 'dist/apps/api', main: 'apps/api/src/main.ts', from: 'apps/api/project.json' }]);

describe('EntryMapper.map', () => {
  const table: [string, string][] = [
    ['apps/api/dist/main.js', 'apps/api/src/main.ts'],
    ['apps/api/dist/main', 'apps/api/src/main.ts'], // node dist/main
    ['apps/api/dist/worker.js', 'apps/api/src/worker.ts'],
    ['apps/api/dist/jobs', 'apps/api/src/jobs/index.ts'], // a folder → its index
    ['apps/api/src/main.ts', 'apps/api/src/main.ts'], // ts-node src/main.ts
    ['apps/api/src/main.js', 'apps/api/src/main.ts'], // tsx src/main.js (ESM-style specifier)
    ['apps/esm/dist/server.mjs', 'apps/esm/src/server.mts'],
    ['apps/js/server.js', 'apps/js/server.js'], // a JavaScript package
    ['apps/js/lib', 'apps/js/lib/index.js'],
    ['apps/lib-out/out/boot.js', 'apps/lib-out/source/boot.ts'], // tsconfig outDir/rootDir
    ['apps/nested/dist/src/main.js', 'apps/nested/src/main.ts'],
    ['apps/main-field', 'apps/main-field/src/entry.ts'], // node . → package main → source
    ['dist/apps/api/main.js', 'apps/api/src/main.ts'], // an Nx/Nest bundle
  ];
  it.each(table)('%s → %s', (host, entry) => expect(mapper.map(host)).toEqual({ entry }));

  it('says what it looked for when nothing matches', () => {
    expect(mapper.map('apps/api/dist/gone.js')).toEqual({ reason: 'no source file for apps/api/dist/gone.js (looked for apps/api/dist/gone.*, apps/api/src/gone.*, apps/api/gone.*)' });
  });

  it('packageOf is the deepest package holding the path', () => {
    expect(mapper.packageOf('apps/api/src/main.ts')?.root).toBe('apps/api');
    expect(mapper.packageOf('scripts/x.ts')?.root).toBe('.');
  });
});

describe('tsconfigOutputs', () => {
  it('reads outDir/rootDir through extends, with TypeScript', () => {
    const texts: Record<string, string> = {
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { strict: true, outDir: 'ignored' } }),
      'apps/api/tsconfig.json': '// comments are fine in a tsconfig\n{ "extends": "../../tsconfig.base.json", "compilerOptions": { "outDir": "./build", "rootDir": "./src", }, }',
      'apps/api/tsconfig.build.json': JSON.stringify({ extends: './tsconfig.json', exclude: ['test'] }),
    };
    const index = new FileIndex(Object.keys(texts));
    expect(tsconfigOutputs('apps/api', index, (rel) => texts[rel], '/repo')).toEqual([
      { kind: 'tree', outDir: 'apps/api/build', rootDir: 'apps/api/src', pkgRoot: 'apps/api', from: 'apps/api/tsconfig.build.json' },
      { kind: 'tree', outDir: 'apps/api/build', rootDir: 'apps/api/src', pkgRoot: 'apps/api', from: 'apps/api/tsconfig.json' },
    ]);
  });
});
