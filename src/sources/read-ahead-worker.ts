import { parentPort, workerData } from 'node:worker_threads';
import { markerBits, readFileBytes } from './file-bytes.js';
import { packRecords, scanImportBytes } from './import-scan.js';
import type { ReadAheadResult } from './read-ahead.js';

/**
 * Reads every source file into a few large blocks and finds the markers and imports in each, on its own
 * thread, while the main thread loads the TypeScript compiler (see read-ahead.ts). The blocks are
 * transferred, not copied: the main thread gets views on the same memory.
 */
const BLOCK_BYTES = 8 * 1024 * 1024;

const files = (workerData as { files: string[] }).files;
const n = files.length;
const result: ReadAheadResult = {
  blocks: [],
  block: new Int32Array(n),
  offset: new Int32Array(n),
  length: new Int32Array(n),
  size: new Float64Array(n),
  mtimeMs: new Float64Array(n),
  ctimeMs: new Float64Array(n),
  bits: new Uint8Array(n),
  imports: new Array<string>(n).fill(''),
  skipped: [],
};
let current: ArrayBuffer | undefined;
let used = 0;
const allocate = (size: number): Buffer => {
  if (!current || used + size > current.byteLength) {
    current = new ArrayBuffer(Math.max(BLOCK_BYTES, size));
    result.blocks.push(current);
    used = 0;
  }
  const view = Buffer.from(current, used, size);
  used += size;
  return view;
};

for (let i = 0; i < n; i++) {
  const outcome = readFileBytes(files[i]!, allocate);
  if (!outcome.ok) {
    result.block[i] = -1;
    result.skipped.push([i, outcome.reason]);
    continue;
  }
  const { buffer } = outcome;
  result.block[i] = result.blocks.length - 1;
  result.offset[i] = buffer.byteOffset;
  result.length[i] = buffer.length;
  [result.size[i], result.mtimeMs[i], result.ctimeMs[i]] = outcome.stamp;
  result.bits[i] = markerBits(buffer);
  // The import graph needs every file's imports: scanned here, while the compiler loads.
  result.imports[i] = packRecords(scanImportBytes(buffer));
}

parentPort!.postMessage(result, [...result.blocks, result.block.buffer, result.offset.buffer, result.length.buffer, result.size.buffer, result.mtimeMs.buffer, result.ctimeMs.buffer, result.bits.buffer]);
