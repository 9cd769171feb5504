import { markerBits, readFileBytes } from './file-bytes.js';
import { packRecords, scanImportBytes } from './import-scan.js';

// This module must not import the TypeScript compiler: the read-ahead worker runs it while the
// main thread is still loading the compiler (read-ahead.ts).

/** Per-file outcome of a read: not read by this thread, read, or not analysed (the reason in `skipped`). */
export const NOT_READ = 0;
export const READ = 1;
export const SKIPPED = 2;

/**
 * What one thread learned of the files it read, as parallel arrays (index = position in the
 * list): cheap to transfer between threads, unlike one object per file. Not the files' bytes:
 * the analysis needs the text of a few hundred files of a 20,000-file tree, and keeping every
 * file's bytes held 83 MB there (the store reads the few it needs again; source-store.ts).
 */
export interface ReadPart {
  status: Uint8Array<ArrayBuffer>;
  /** fstat size, mtime and ctime (the result cache's FileStamp). */
  size: Float64Array<ArrayBuffer>;
  mtimeMs: Float64Array<ArrayBuffer>;
  ctimeMs: Float64Array<ArrayBuffer>;
  /** `markerBits` of each file read. */
  bits: Uint8Array<ArrayBuffer>;
  /** Each file's import records, packed (import-scan.ts `packRecords`); '' when not read here. */
  imports: string[];
  /** [index, reason] of files that are not analysed. */
  skipped: Array<[number, string]>;
}

export function emptyPart(n: number): ReadPart {
  return {
    status: new Uint8Array(n),
    size: new Float64Array(n),
    mtimeMs: new Float64Array(n),
    ctimeMs: new Float64Array(n),
    bits: new Uint8Array(n),
    imports: new Array<string>(n).fill(''),
    skipped: [],
  };
}

/** Files claimed at a time: few enough that the threads finish together, enough that the counter is not contended. */
const CHUNK = 32;

/**
 * Reads the files not yet claimed by another thread, a chunk at a time, until none is left.
 * `cursor[0]` (shared memory) is the next unclaimed index. Each file is read into one scratch
 * buffer that the next file overwrites: only what is learned from it is kept.
 */
export function readClaimed(files: readonly string[], cursor: Int32Array, part: ReadPart): void {
  let scratch = Buffer.allocUnsafe(64 * 1024);
  const allocate = (size: number): Buffer => {
    if (size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    return scratch.subarray(0, size);
  };
  for (let start = Atomics.add(cursor, 0, CHUNK); start < files.length; start = Atomics.add(cursor, 0, CHUNK)) {
    const end = Math.min(files.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const outcome = readFileBytes(files[i]!, allocate);
      if (!outcome.ok) {
        part.status[i] = SKIPPED;
        part.skipped.push([i, outcome.reason]);
        continue;
      }
      part.status[i] = READ;
      [part.size[i], part.mtimeMs[i], part.ctimeMs[i]] = outcome.stamp;
      part.bits[i] = markerBits(outcome.buffer);
      // The import graph needs every file's imports.
      part.imports[i] = packRecords(scanImportBytes(outcome.buffer));
    }
  }
}

/** One part from two threads' parts over disjoint files; skips in file order. */
export function mergeParts(a: ReadPart, b: ReadPart): ReadPart {
  const out = a;
  for (let i = 0; i < b.status.length; i++) {
    if (b.status[i] === NOT_READ) continue;
    out.status[i] = b.status[i]!;
    out.size[i] = b.size[i]!;
    out.mtimeMs[i] = b.mtimeMs[i]!;
    out.ctimeMs[i] = b.ctimeMs[i]!;
    out.bits[i] = b.bits[i]!;
    out.imports[i] = b.imports[i]!;
  }
  out.skipped = [...a.skipped, ...b.skipped].sort((x, y) => x[0] - y[0]);
  return out;
}
