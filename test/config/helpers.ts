import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { writeFiles } from '../support/repo-files.js';

const created: string[] = [];

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A throwaway repository under the OS temp dir: `.git` marks its root (the config search
 * stops there), and `files` maps relative paths to contents. realpath because macOS /tmp is
 * a symlink and messages print resolved paths.
 */
export function tempRepo(files: Record<string, string> = {}): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'job-owners-config-')));
  created.push(root);
  mkdirSync(path.join(root, '.git'));
  writeFiles(root, files);
  return root;
}
