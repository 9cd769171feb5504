import fs from 'node:fs';
import path from 'node:path';

/**
 * Paths the analysis depended on besides the listed files, for the result cache: files it read
 * or found (a tsconfig's parent, a gitignored generated file an import resolved to, a file behind
 * a symlinked folder), and folders where it looked for a file that was not there (a module
 * resolution candidate, `dist/index.js` before a build). A changed file, or a folder whose
 * entries changed (its mtime), means the cached result may be stale.
 */
export interface WatchedPaths {
  /** Absolute files found or read. */
  files: Set<string>;
  /** Absolute folder → its mtime when a file in it (or below it, not yet created) was missing. */
  folders: Map<string, number>;
}

let active: WatchedPaths | undefined;

/**
 * Starts recording what the code probes and reads through `noteFound` / `noteMissing`; the
 * returned function stops (idempotently) and gives the record.
 */
export function watchPaths(): () => WatchedPaths {
  const previous = active;
  const watched: WatchedPaths = { files: new Set(), folders: new Map() };
  active = watched;
  let stopped = false;
  return () => {
    if (!stopped) {
      stopped = true;
      active = previous;
    }
    return watched;
  };
}

export function noteFound(file: string): void {
  active?.files.add(path.resolve(file));
}

/** `file` was looked for and is not a file: watch the nearest existing folder above it. */
export function noteMissing(file: string): void {
  if (!active) return;
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (active.folders.has(dir)) return;
    try {
      const stat = fs.statSync(dir);
      if (stat.isDirectory()) {
        active.folders.set(dir, stat.mtimeMs);
        return;
      }
    } catch {
      // not there either: its parent gains the entry when it is created
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
