import fs from 'node:fs';
import path from 'node:path';
import { type FileStamp, stampOf } from '../sources/file-bytes.js';
import { fsPath } from './raw-path.js';

/**
 * Paths the analysis depended on besides the listed files, for the result cache: files it read
 * or found (a tsconfig's parent, a gitignored generated file an import resolved to, a file behind
 * a symlinked folder), and paths where it looked for a file that was not there (a module
 * resolution candidate, `dist/index.js` before a build). A changed file, or a file appearing
 * where none was, means the cached result may be stale. Every stamp is taken when the analysis
 * looked, not after the run, so an edit during the run is seen by the next one.
 *
 * A missing candidate is recorded as the path itself, checked with one `stat` (it must still not
 * be a file), never as the timestamp of a folder: a folder's timestamp moves whenever any entry
 * in it is created, renamed or deleted — every `sed -i`, most editors' saves, `git checkout`,
 * `git stash pop`, a report written into the repository root — and watching folders made all of
 * those cost a full re-analysis.
 */
export interface WatchedPaths {
  /** Absolute file → its stamp when looked at; null: it was not a regular file then (absent, a folder). */
  files: Map<string, FileStamp | null>;
  /** Always empty: folder timestamps are no longer watched (kept for callers that read it). */
  folders: Map<string, FileStamp>;
  /**
   * Paths that did not exist at all when looked for as folders (a package's `dist/` before a
   * build, the target of a link that leads nowhere yet): each must still not exist. A folder
   * appearing changes what resolution finds inside it, files it never probed included.
   */
  absent: Set<string>;
}

let active: WatchedPaths | undefined;

/**
 * Starts recording what the code probes and reads through `noteFound` / `noteMissing` /
 * `notePath`; the returned function stops (idempotently) and gives the record.
 */
export function watchPaths(): () => WatchedPaths {
  const previous = active;
  const watched: WatchedPaths = { files: new Map(), folders: new Map(), absent: new Set() };
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

/** A file was found (with the stat that found it, or its stamp). */
export function noteFound(file: string, stat: fs.Stats | FileStamp): void {
  if (!active) return; // not recording: no cost on the resolver's hot path
  const abs = path.resolve(file);
  if (!active.files.has(abs)) active.files.set(abs, Array.isArray(stat) ? stat : stampOf(stat));
}

/** A path was looked at, whatever came of it (an unreadable or binary file, say). */
export function notePath(file: string): void {
  if (!active) return;
  const abs = path.resolve(file);
  if (active.files.has(abs)) return;
  try {
    active.files.set(abs, stampOf(fs.statSync(fsPath(abs))));
  } catch {
    active.files.set(abs, null);
  }
}

/**
 * `file` was looked for and is not a regular file: recorded as a path that must stay so (a
 * module candidate that appears later — a new `dist/index.js`, a `.tsx` next to a `.ts` — changes
 * what resolution finds). Checked later with one stat (cache/evidence.ts `outsideUnchanged`).
 */
export function noteMissing(file: string): void {
  if (!active) return;
  const abs = path.resolve(file);
  if (!active.files.has(abs)) active.files.set(abs, null);
}

/** `dir` was looked for as a folder and nothing is there: recorded as a path that must stay absent. */
export function noteAbsent(dir: string): void {
  if (!active) return;
  active.absent.add(path.resolve(dir));
}
