import type { FileStamp } from '../sources/file-bytes.js';

/**
 * git's "racy clean" rule, for the result cache. A file's stamp (size, mtime, ctime) only proves
 * it unchanged if an edit would have moved it; an edit made in the same timestamp tick as the
 * version the analysis read leaves mtime and ctime as they were (and often the size). So a file
 * whose mtime or ctime is not safely older than the run that cached the result — within the file
 * system's timestamp granularity of the moment that run started reading — is treated as changed
 * the next time, and checked by content (or re-analysed). The next cache write moves the window
 * on, so such a file costs one extra check.
 *
 * The window is anchored in the file system's own clock, as git's is (the index file's mtime):
 * the cache file's mtime, minus the run's duration up to the write (a monotonic clock), minus the
 * granularity.
 */
export function racyWindowStart(cacheFileMtimeMs: number, runElapsedMs: number): number {
  return cacheFileMtimeMs - runElapsedMs - timestampGranularityMs(cacheFileMtimeMs);
}

/**
 * How far apart two writes can be and still get the same timestamp. Linux stamps files from a
 * clock that advances once per scheduler tick (1–10 ms); file systems that keep whole seconds
 * (FAT keeps two, HFS+ and some network file systems one) are told by a whole-second stamp.
 */
export function timestampGranularityMs(sampleMtimeMs: number): number {
  return sampleMtimeMs % 1000 === 0 ? 2000 : 20;
}

/** Whether a stamp recorded by a run falls in that run's racy window. */
export function isRacyStamp(stamp: FileStamp, windowStart: number): boolean {
  return stamp[1] >= windowStart || stamp[2] >= windowStart;
}
