import fs from 'node:fs';
import path from 'node:path';
import { type FileStamp, stampOf } from '../sources/file-bytes.js';

/**
 * Paths the analysis depended on besides the listed files, for the result cache: files it read
 * or found (a tsconfig's parent, a gitignored generated file an import resolved to, a file behind
 * a symlinked folder), and folders where it looked for a file that was not there (a module
 * resolution candidate, `dist/index.js` before a build). A changed file, or a folder whose
 * entries changed, means the cached result may be stale. Every stamp is taken when the analysis
 * looked, not after the run, so an edit during the run is seen by the next one.
 */
export interface WatchedPaths {
  /** Absolute file → its stamp when looked at (null: not there then). */
  files: Map<string, FileStamp | null>;
  /** Absolute folder → its stamp when a file in it (or below it, not yet created) was missing. */
  folders: Map<string, FileStamp>;
}

let active: WatchedPaths | undefined;

/**
 * Starts recording what the code probes and reads through `noteFound` / `noteMissing` /
 * `notePath`; the returned function stops (idempotently) and gives the record.
 */
export function watchPaths(): () => WatchedPaths {
  const previous = active;
  const watched: WatchedPaths = { files: new Map(), folders: new Map() };
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

/** A file was found (with the stat that found it). */
export function noteFound(file: string, stat: fs.Stats): void {
  if (!active) return; // not recording: no cost on the resolver's hot path
  const abs = path.resolve(file);
  if (!active.files.has(abs)) active.files.set(abs, stampOf(stat));
}

/** A path was looked at, whatever came of it (an unreadable or binary file, say). */
export function notePath(file: string): void {
  if (!active) return;
  const abs = path.resolve(file);
  if (active.files.has(abs)) return;
  try {
    active.files.set(abs, stampOf(fs.statSync(abs)));
  } catch {
    active.files.set(abs, null);
    noteMissing(abs);
  }
}

/** `file` was looked for and is not a file: watch the nearest existing folder above it. */
export function noteMissing(file: string): void {
  if (active) watchNearestFolder(path.dirname(path.resolve(file)), active, new Set());
}

function watchNearestFolder(start: string, watched: WatchedPaths, seen: Set<string>): void {
  for (let dir = start; !seen.has(dir); dir = path.dirname(dir)) {
    seen.add(dir);
    if (watched.folders.has(dir)) return;
    try {
      const stat = fs.statSync(dir);
      if (stat.isDirectory()) {
        watched.folders.set(dir, stampOf(stat));
        return;
      }
    } catch {
      // A link that leads nowhere: creating what it points at changes no folder above the link,
      // so the folder where its target would appear is watched too.
      try {
        if (fs.lstatSync(dir).isSymbolicLink()) watchNearestFolder(path.resolve(path.dirname(dir), fs.readlinkSync(dir)), watched, seen);
      } catch {
        // not there at all: its parent gains the entry when it is created
      }
    }
    if (path.dirname(dir) === dir) return;
  }
}
