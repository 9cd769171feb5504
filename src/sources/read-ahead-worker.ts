import { parentPort, workerData } from 'node:worker_threads';
import { emptyPart, readClaimed } from './read-batch.js';

/**
 * Reads source files on its own thread, taking them from the shared cursor, while the main
 * thread loads the TypeScript compiler (and afterwards reads alongside it; see read-ahead.ts).
 */
const { files, cursor } = workerData as { files: string[]; cursor: SharedArrayBuffer };
const part = emptyPart(files.length);
readClaimed(files, new Int32Array(cursor), part);
parentPort!.postMessage(part, [part.status.buffer, part.size.buffer, part.mtimeMs.buffer, part.ctimeMs.buffer, part.bits.buffer]);
