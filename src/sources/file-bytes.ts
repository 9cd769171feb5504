import fs from 'node:fs';
import { fsPath } from '../util/raw-path.js';

// This module must not import ts-morph: the read-ahead worker (read-ahead-worker.ts) uses it, and
// the point of that worker is to read files while the main thread is still loading the compiler.

/** Files larger than this are not parsed: they are generated bundles, not queue wiring. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Strings tested in every file (see `SourceStore#hasMarker`): inline directives. Which files
 * touch queues is decided from the import graph, not from text (detectors/relevance.ts).
 */
export const MARKERS = ['job-owners-ignore'] as const;
export type Marker = (typeof MARKERS)[number];

/** One bit per entry of MARKERS. */
export function markerBits(buffer: Buffer): number {
  let bits = 0;
  for (let i = 0; i < MARKERS.length; i++) if (buffer.includes(MARKERS[i]!)) bits |= 1 << i;
  return bits;
}

const REPLACEMENT_CHARACTER = Buffer.from('\uFFFD', 'utf8');

/** The file's text, or null when it is not valid UTF-8 (a U+FFFD the bytes do not spell). */
export function decodeUtf8(buffer: Buffer): string | null {
  const text = buffer.toString('utf8');
  return text.includes('\uFFFD') && !buffer.includes(REPLACEMENT_CHARACTER) ? null : text;
}

/**
 * What the result cache compares a file by: size, mtime and ctime. ctime also moves on chmod,
 * rename or a copy (`cp -a` keeps mtime), so an unreadable file made readable is not missed.
 */
export type FileStamp = [size: number, mtimeMs: number, ctimeMs: number];

export function stampOf(stat: fs.Stats): FileStamp {
  return [stat.size, stat.mtimeMs, stat.ctimeMs];
}

export type ReadOutcome =
  | { ok: true; buffer: Buffer; stamp: FileStamp }
  | { ok: false; reason: string };

/**
 * Reads a source file's bytes, or says why it is not analysed. `allocate(size)` supplies the
 * buffer to read into, so the read-ahead worker can pack many files into one transferable block.
 */
export function readFileBytes(abs: string, allocate: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size)): ReadOutcome {
  let buffer: Buffer;
  let stamp: FileStamp;
  let fd: number | undefined;
  try {
    // One open, one fstat: the size check and the cache's size/mtime come from the same call.
    fd = fs.openSync(fsPath(abs), 'r');
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
    // readSync into a buffer of the fstat size: half the cost of readFileSync(fd), which
    // stats the descriptor again and grows its buffer in steps.
    buffer = readExactly(fd, allocate(stat.size));
    stamp = stampOf(stat);
  } catch (error) {
    return { ok: false, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (looksBinary(buffer)) return { ok: false, reason: 'binary content' };
  return { ok: true, buffer, stamp };
}

/**
 * Git's test (a NUL in the first 8000 bytes), refined: a text file may carry a stray NUL (a
 * `'\x00'` pasted into a comment, seen in real code) and still be valid UTF-8 with almost no
 * NULs, and TypeScript parses it. An image, an MPEG transport stream named `.ts` or UTF-16 text
 * has many NULs or is not UTF-8.
 */
export function looksBinary(buffer: Buffer): boolean {
  const head = buffer.subarray(0, 8000);
  let nuls = 0;
  for (let i = head.indexOf(0); i !== -1; i = head.indexOf(0, i + 1)) nuls++;
  if (nuls === 0) return false;
  if (nuls > Math.max(2, head.length / 1000)) return true;
  try {
    // stream: a character cut at byte 8000 is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return false;
  } catch {
    return true;
  }
}

function readExactly(fd: number, buffer: Buffer): Buffer {
  let offset = 0;
  while (offset < buffer.length) {
    const read = fs.readSync(fd, buffer, offset, buffer.length - offset, offset);
    if (read === 0) break; // the file shrank while we read it
    offset += read;
  }
  return offset === buffer.length ? buffer : buffer.subarray(0, offset);
}
