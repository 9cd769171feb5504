import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * What the read-ahead worker found for a list of files, as parallel arrays (index = position in
 * the list): cheap to transfer between threads, unlike one object per file.
 */
export interface ReadAheadResult {
  /** Blocks of file contents; `block[i]` is the block holding file i, or -1 when it was skipped. */
  blocks: ArrayBuffer[];
  block: Int32Array<ArrayBuffer>;
  offset: Int32Array<ArrayBuffer>;
  length: Int32Array<ArrayBuffer>;
  /** fstat size, mtime and ctime (the result cache's FileStamp). */
  size: Float64Array<ArrayBuffer>;
  mtimeMs: Float64Array<ArrayBuffer>;
  ctimeMs: Float64Array<ArrayBuffer>;
  /** `markerBits` of each file. */
  bits: Uint8Array<ArrayBuffer>;
  /** Each file's import records, packed (import-scan.ts `packRecords`). */
  imports: string[];
  /** [index, reason] of files that are not analysed. */
  skipped: Array<[number, string]>;
}

export interface ReadAhead {
  files: string[];
  result: ReadAheadResult;
}

/**
 * Below this many files a thread is not worth starting: reading them on the main thread costs
 * less than the worker's start-up.
 */
export const READ_AHEAD_MIN_FILES = 500;

/**
 * Starts reading `files` (absolute paths) on a worker thread. Every source file is read once per
 * run (the prefilter looks for markers in each), and a cold run spends about a quarter of a second
 * loading the TypeScript compiler before it can parse anything: on a second core those reads come
 * for free, so the cost of files that never touch a queue stays out of the wall time.
 *
 * Resolves to undefined when the worker cannot run (running from the TypeScript sources, a
 * platform without threads, a worker that failed): the store then reads files itself, as always.
 */
export function startReadAhead(files: string[], options: { minFiles?: number } = {}): Promise<ReadAhead | undefined> {
  if (files.length < (options.minFiles ?? READ_AHEAD_MIN_FILES)) return Promise.resolve(undefined);
  const script = new URL('./read-ahead-worker.js', import.meta.url);
  if (script.protocol !== 'file:' || !fs.existsSync(fileURLToPath(script))) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: { files } });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (result: ReadAheadResult) => resolve({ files, result }));
    worker.once('error', () => resolve(undefined));
    // A worker that exits without a message (killed, out of memory) must not hang the run.
    worker.once('exit', () => resolve(undefined));
  });
}
