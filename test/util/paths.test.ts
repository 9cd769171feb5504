import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinListed } from '../../src/util/paths.js';

describe('joinListed', () => {
  it('is path.join for every shape of root and listed path', () => {
    const roots = ['/repo', '/repo/', '/', '/a/b c/ü', '/a/../repo', '/a/./repo', '//repo'];
    const files = ['apps/api/src/main.ts', 'main.ts', '.github/x.ts', 'a/./b.ts', 'a/../b.ts', 'a//b.ts', 'a/.hidden/b.ts', 'a/b.ts/'];
    for (const root of roots) for (const rel of files) expect(joinListed(root, rel), `${root} + ${rel}`).toBe(path.join(root, rel));
  });
});
