import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../config/types.js';
import type { JobOwnersResult, SkippedFile } from '../model/result.js';
import { isDirectory } from '../util/fs.js';
import type { FileStamp } from '../sources/file-bytes.js';
import { type AnalysisEvidence, editsKeepResult, type OutsideDependencies, outsideUnchanged, sameStamp, stampNow } from './evidence.js';
import { joinListed } from '../util/paths.js';
import { makeDirs } from '../util/make-dirs.js';
import { isRacyStamp, racyWindowStart } from './racy.js';

/** Bump when the cached shape or anything that decides the analysis changes incompatibly. */
const CACHE_FORMAT = 8;

/**
 * Past this many edited files (a branch switch, a rebase) re-analysing is as cheap as checking
 * each edit against the evidence.
 */
const MAX_EDITS_TO_CHECK = 500;

export interface CachedAnalysis {
  result: JobOwnersResult;
  directiveFiles: string[];
  sources: string[];
  /** Absolute paths of the files outside the listing the analysis read or found (see `foundOutside`). */
  outsideFound?: string[];
}

/** The outside files that were there (not the candidates found missing). */
export function foundOutside(outside: OutsideDependencies): string[] {
  return Object.entries(outside.files).filter(([, stamp]) => stamp !== null).map(([file]) => file).sort();
}

interface CacheFile {
  format: number;
  /**
   * Tool version and build, root, config, the names of the listed files and what the listing could
   * not read: any change means a new analysis.
   */
  key: string;
  /** Stamp (size, mtime, ctime) of every listed file when the analysis read it. */
  files: Record<string, FileStamp>;
  evidence: AnalysisEvidence;
  outside: OutsideDependencies;
  analysis: CachedAnalysis;
  /** Wall time from the start of the run to this write: with the file's mtime, the racy window (racy.ts). */
  elapsedMs: number;
}

/**
 * Whole-result cache (README, "Cache"). The analysis is a function of the tool version, the
 * resolved config and the listed files, so when none of those changed the previous result is
 * reused and the parser is never even loaded.
 *
 * Files are compared by size, modification and change time — ESLint's "metadata" strategy — so a
 * cold run never hashes contents. An edited file does not always mean a new analysis: most files are only
 * ever searched for a few strings, and when every edited file was one of those and still answers
 * every search the same way (cache/evidence.ts), the result stands. A checkout that only touches
 * timestamps costs at most one re-analysis, never a wrong answer. The cache lives in
 * `<root>/node_modules/.cache/job-owners/` and is used only when `<root>/node_modules` exists, so
 * the tool never creates folders in a repository that is not installed. Any failure to read or
 * write it is silent: the cache can only make a run faster, never change its answer.
 */
export class ResultCache {
  private readonly file: string;
  private readonly early = new Map<string, FileStamp>();
  private pending: { files: string[]; config: ResolvedConfig; version: string; problems: SkippedFile[] } | undefined;
  /** When this run started looking at files (before the first stamp it takes). */
  private readonly started = performance.now();

  constructor(private readonly root: string, readonly enabled: boolean) {
    this.file = path.join(root, 'node_modules', '.cache', 'job-owners', 'result.json');
    this.enabled = enabled && isDirectory(path.join(root, 'node_modules'));
  }

  /** The cache's folder, when the cache is on (the compiler's code cache lives there too). */
  get directory(): string | undefined {
    return this.enabled ? path.dirname(this.file) : undefined;
  }

  /**
   * The cached analysis when the version, the config and the set of listed files are the same
   * and every listed file is unchanged, or changed in a way the analysis never looked at.
   */
  lookup(files: string[], config: ResolvedConfig, version: string, problems: SkippedFile[] = [], readWhole: string[] = []): CachedAnalysis | undefined {
    if (!this.enabled) return undefined;
    this.pending = { files, config, version, problems };
    // Manifests and tsconfigs are read whole by the analysis, not through the store: their
    // timestamps are taken now, before it reads them, so an edit during the run is never lost.
    for (const rel of readWhole) {
      const stat = stampNow(joinListed(this.root, rel));
      if (stat) this.early.set(rel, stat);
    }
    const previous = readCache(this.file);
    if (!previous || previous.key !== this.key()) return undefined;
    const racyFrom = racyWindowStart(previous.writtenMs, previous.elapsedMs);
    const racy = (stamp: FileStamp): boolean => isRacyStamp(stamp, racyFrom);
    if (!outsideUnchanged(previous.outside, racy)) return undefined;
    const current = this.stats(() => undefined);
    // Same stamp is not enough when it is racy: an edit in the same tick would not show.
    const edited = files.filter((rel) => !sameStamp(current[rel], previous.files[rel]) || racy(previous.files[rel]!));
    if (edited.length === 0) return previous.analysis;
    if (edited.length > MAX_EDITS_TO_CHECK) return undefined;
    const sources = new Set(previous.analysis.sources);
    const skipped = new Set(previous.analysis.result.skipped.map((s) => s.file));
    // A manifest or tsconfig is read whole by discovery: any edit there means a new analysis.
    if (!edited.every((rel) => sources.has(rel) && current[rel])) return undefined;
    if (!editsKeepResult(this.root, edited, previous.evidence, skipped)) return undefined;
    // Same answer: remember the new timestamps, so the next run is a plain hit.
    const { writtenMs: _writtenMs, ...kept } = previous;
    this.write({ ...kept, files: current });
    return previous.analysis;
  }

  /** Stores the analysis; `known` holds the stamps the analysis saw (no second stat). */
  save(analysis: CachedAnalysis & { evidence?: AnalysisEvidence; outside?: OutsideDependencies }, known: (rel: string) => FileStamp | undefined = () => undefined): void {
    if (!this.enabled || !this.pending || !analysis.evidence || !analysis.outside) return;
    const { result, directiveFiles, sources, evidence, outside } = analysis;
    this.write({ format: CACHE_FORMAT, key: this.key(), files: this.stats(known), evidence, outside, analysis: { result, directiveFiles, sources, outsideFound: foundOutside(outside) } });
  }

  private write(content: Omit<CacheFile, 'elapsedMs'>): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      makeDirs(path.dirname(this.file));
      fs.writeFileSync(temp, JSON.stringify({ ...content, elapsedMs: performance.now() - this.started }));
      fs.renameSync(temp, this.file);
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // read-only tree: no cache, same answer
      }
    }
  }

  private key(): string {
    const { files, config, version, problems } = this.pending!;
    const digest = crypto.createHash('sha1');
    // The root too: outside paths are absolute, and a copy made with `cp -a` keeps timestamps.
    digest.update(`${CACHE_FORMAT}\0${version}\0${BUILD}\0${this.root}\0${stableConfig(config)}\0`);
    // What the listing could not read is part of the result (`skipped`, notes in findings).
    digest.update(JSON.stringify(problems.map((p) => [p.file, p.reason]).sort()));
    for (const rel of [...files].sort()) digest.update(`${rel}\0`);
    return digest.digest('hex');
  }

  /** Stamp of every listed file (missing ones are left out). */
  private stats(known: (rel: string) => FileStamp | undefined): Record<string, FileStamp> {
    const out: Record<string, FileStamp> = Object.create(null);
    for (const rel of this.pending!.files) {
      // Gone since it was listed: left out, so it counts as edited.
      const stat = known(rel) ?? this.early.get(rel) ?? stampNow(joinListed(this.root, rel));
      if (stat) out[rel] = stat;
    }
    return out;
  }
}

/**
 * This build of the tool: a rebuilt or reinstalled copy may analyse differently under the same
 * version number (during development, always), so its files' timestamp is part of the key.
 */
export const BUILD = (() => {
  try {
    // ctime too: npm gives every file of an installed tarball the same mtime (1985).
    const stat = fs.statSync(fileURLToPath(import.meta.url));
    return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  } catch {
    return 'unknown';
  }
})();

function readCache(file: string): (CacheFile & { writtenMs: number }) | undefined {
  try {
    const fd = fs.openSync(file, 'r');
    let text: string;
    let writtenMs: number;
    try {
      writtenMs = fs.fstatSync(fd).mtimeMs;
      text = fs.readFileSync(fd, 'utf8');
    } finally {
      fs.closeSync(fd);
    }
    const parsed = JSON.parse(text) as CacheFile;
    const valid = parsed.format === CACHE_FORMAT && typeof parsed.key === 'string' && parsed.analysis && parsed.files && parsed.evidence && parsed.outside && typeof parsed.elapsedMs === 'number';
    return valid ? { ...parsed, writtenMs, files: Object.assign(Object.create(null), parsed.files) } : undefined;
  } catch {
    return undefined;
  }
}

/** The config as it affects the analysis (its own path does not). */
export function stableConfig(config: ResolvedConfig): string {
  const { filepath: _filepath, ...rest } = config;
  return canonical(rest);
}

/** JSON with object keys sorted at every level, so key order never changes the cache key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
