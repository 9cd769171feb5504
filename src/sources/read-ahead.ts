import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { emptyPart, mergeParts, readClaimed, type ReadPart } from './read-batch.js';

export type { ReadPart as ReadAheadResult } from './read-batch.js';

export interface ReadAhead {
  files: string[];
  result: ReadPart;
}

export interface ReadAheadJob {
  /**
   * Reads, on this thread, the files the worker has not claimed yet, then waits for the worker's
   * last chunk: everything read by both (undefined when nothing was read ahead). Files neither
   * thread read (a worker that died) are left to the store, which reads what it is asked for.
   */
  finish(): Promise<ReadAhead | undefined>;
}

/**
 * Below this many files a thread is not worth starting: reading them on the main thread costs
 * less than the worker's start-up.
 */
export const READ_AHEAD_MIN_FILES = 500;

const NOTHING: ReadAheadJob = { finish: () => Promise.resolve(undefined) };

/**
 * Starts reading `files` (absolute paths) on a worker thread. Every source file is read once per
 * run (its imports feed the import graph), and a cold run spends about half a second loading the
 * TypeScript compiler before it can parse anything: on a second core those reads come for free.
 * At 20,000 files the reads outlast the compiler's load, so the main thread then reads the rest
 * alongside the worker (both claim files from one shared counter) instead of waiting for it.
 *
 * When the worker cannot run (running from the TypeScript sources, a platform without threads,
 * a worker that failed), the store reads files itself, as always.
 */
export function startReadAhead(files: string[], options: { minFiles?: number } = {}): ReadAheadJob {
  if (files.length < (options.minFiles ?? READ_AHEAD_MIN_FILES)) return NOTHING;
  const script = new URL('./read-ahead-worker.js', import.meta.url);
  if (script.protocol !== 'file:' || !fs.existsSync(fileURLToPath(script))) return NOTHING;
  const cursor = new SharedArrayBuffer(4);
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { files, cursor } });
  } catch {
    return NOTHING;
  }
  const workerPart = new Promise<ReadPart | undefined>((resolve) => {
    worker.once('message', (part: ReadPart) => resolve(part));
    worker.once('error', () => resolve(undefined));
    // A worker that exits without a message (killed, out of memory) must not hang the run.
    worker.once('exit', () => resolve(undefined));
  });
  return {
    async finish() {
      const mine = emptyPart(files.length);
      readClaimed(files, new Int32Array(cursor), mine);
      const theirs = await workerPart;
      return { files, result: theirs ? mergeParts(theirs, mine) : mine };
    },
  };
}
