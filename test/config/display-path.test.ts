import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/config/display-path.js';
import { directoriesUpTo } from '../../src/config/find-repo-root.js';

describe('displayPath', () => {
  it('is relative (with /) inside the base directory and absolute outside it', () => {
    expect(displayPath(path.join('/repo', 'apps', 'api', '.jobownershiprc.json'), '/repo')).toBe('apps/api/.jobownershiprc.json');
    expect(displayPath('/elsewhere/.jobownershiprc.json', '/repo')).toBe('/elsewhere/.jobownershiprc.json');
  });
});

describe('directoriesUpTo', () => {
  it('walks from the start directory up to and including the stop directory', () => {
    expect(directoriesUpTo('/repo/apps/api', '/repo')).toEqual(['/repo/apps/api', '/repo/apps', '/repo']);
  });

  it('walks to the filesystem root when the stop directory is not an ancestor', () => {
    expect(directoriesUpTo('/a/b', '/x')).toEqual(['/a/b', '/a', '/']);
  });
});
