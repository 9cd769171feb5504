import fs from 'node:fs';
import { decodeUtf8, type FileStamp, markerBits, readFileBytes, stampOf } from '../sources/file-bytes.js';
import { importFingerprint, scanImportBytes } from '../sources/import-scan.js';
import { joinListed } from '../util/paths.js';
import { fsPath } from '../util/raw-path.js';

/**
 * What an analysis learned from the repository's files, recorded with a cached result so a run
 * after an edit can tell whether the edit could matter (SourceStore keeps it during the analysis).
 *
 * The analysis reads every source file, but parses only the relevant ones; of every other file
 * it knows its import records (what the import graph and the relevance filter use) and its
 * marker bits (`job-owners-ignore`). Its result is therefore a function of the decoded files'
 * contents and, for every other file, of those.
 */
export interface AnalysisEvidence {
  /** Files whose text was decoded: parsed, or matched against a pattern. Any edit matters. */
  decoded: string[];
  /** Non-zero marker bits (every other file's are zero). */
  markers: Record<string, number>;
  /** The fingerprint of every other file's import records: an edit that keeps them is invisible. */
  imports: Record<string, string>;
}

/** Absolute paths outside the listing the analysis depended on (see analyze.ts `outsideListing`). */
export interface OutsideDependencies {
  /**
   * File → its stamp when the analysis looked. null: it was not a regular file then (a missing
   * module candidate, a folder where a file was tried): it must still not be one.
   */
  files: Record<string, FileStamp | null>;
  /** No longer recorded (folder timestamps moved on every rename-save); ignored when present. */
  folders?: Record<string, FileStamp>;
  /** Paths that did not exist when looked for as folders: each must still not exist. */
  absent?: string[];
}

/**
 * Whether every outside file is as the analysis left it (any doubt: no): one stat each. A stamp
 * inside the racy window (`isRacy`) counts as changed, since an edit in the same timestamp tick
 * would not show in it.
 */
export function outsideUnchanged(outside: OutsideDependencies, isRacy: (stamp: FileStamp) => boolean = () => false): boolean {
  for (const [file, stamp] of Object.entries(outside.files)) {
    if (stamp === null) {
      if (isRegularFile(file)) return false;
    } else if (isRacy(stamp) || !sameStamp(stampNow(file), stamp)) return false;
  }
  for (const dir of outside.absent ?? []) if (stampNow(dir) !== null) return false;
  return true;
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(fsPath(file)).isFile();
  } catch {
    return false;
  }
}

/** A path's stamp now, or null when it is not there (or cannot be stat'ed). */
export function stampNow(file: string): FileStamp | null {
  try {
    return stampOf(fs.statSync(fsPath(file)));
  } catch {
    return null;
  }
}

/** Equal stamps; two nulls (absent then and now) are equal too. */
export function sameStamp(a: FileStamp | null | undefined, b: FileStamp | null | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === null || b === null) return a === b;
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/**
 * Whether edits to `changed` (repo-relative sources, none added or removed) leave the analysis
 * exactly as it was: each file was never decoded, is still readable text, has the same marker
 * bits and the same import records. Then every question the analysis asked of it has the same
 * answer, so its result is the same — without loading the parser. Anything else (and any doubt)
 * means the analysis runs again.
 */
export function editsKeepResult(root: string, changed: string[], evidence: AnalysisEvidence, skipped: ReadonlySet<string>): boolean {
  const decoded = new Set(evidence.decoded);
  for (const rel of changed) {
    if (decoded.has(rel) || skipped.has(rel) || !Object.hasOwn(evidence.imports, rel)) return false;
    const outcome = readFileBytes(joinListed(root, rel));
    if (!outcome.ok || decodeUtf8(outcome.buffer) === null) return false;
    if (markerBits(outcome.buffer) !== (Object.hasOwn(evidence.markers, rel) ? evidence.markers[rel] : 0)) return false;
    if (importFingerprint(scanImportBytes(outcome.buffer)) !== evidence.imports[rel]) return false;
  }
  return true;
}
