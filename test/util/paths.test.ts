import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinListed, toRelative } from '../../src/util/paths.js';

describe('joinListed', () => {
  it('is path.join for every shape of root and listed path', () => {
    const roots = ['/repo', '/repo/', '/', '/a/b c/ü', '/a/../repo', '/a/./repo', '//repo'];
    const files = ['apps/api/src/main.ts', 'main.ts', '.github/x.ts', 'a/./b.ts', 'a/../b.ts', 'a//b.ts', 'a/.hidden/b.ts', 'a/b.ts/'];
    for (const root of roots) for (const rel of files) expect(joinListed(root, rel), `${root} + ${rel}`).toBe(path.join(root, rel));
  });
});

describe('toRelative', () => {
  it('is path.relative, POSIX-separated, for every shape of root and path', () => {
    const roots = ['/repo', '/repo/', '/', '/a/../repo', '/a/./repo', '//repo', '/re'];
    const paths = ['/repo/apps/main.ts', '/repo', '/repo/', '/repo/./x.ts', '/repo/a/../b.ts', '/repo//x.ts', '/repo/.hidden/x.ts', '/repository/x.ts', '/elsewhere/x.ts'];
    for (const root of roots) for (const abs of paths) expect(toRelative(root, abs), `${root} → ${abs}`).toBe(path.relative(root, abs).split(path.sep).join('/'));
  });
});
