import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The nearest ancestor of `from` (itself included) that contains `.git` — a folder, or a
 * file in worktrees and submodules — or the filesystem root. Config search stops there so a
 * config in a parent checkout or the home folder never leaks into this repository.
 */
export function findRepoRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return dir;
    dir = parent;
  }
}

/** `from`, its parent, … up to and including `stopDir` (or the root if stopDir is not above). */
export function directoriesUpTo(from: string, stopDir: string): string[] {
  const stop = path.resolve(stopDir);
  const dirs: string[] = [];
  let dir = path.resolve(from);
  for (;;) {
    dirs.push(dir);
    if (dir === stop) return dirs;
    const parent = path.dirname(dir);
    if (parent === dir) return dirs;
    dir = parent;
  }
}
