import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { JobOwnersResult } from '../model/result.js';
import { isDirectory } from '../util/fs.js';

/** Bump when the cached shape or anything that decides the analysis changes incompatibly. */
const CACHE_FORMAT = 1;

export interface CachedAnalysis {
  result: JobOwnersResult;
  directiveFiles: string[];
  sources: string[];
}

interface CacheFile {
  format: number;
  key: string;
  /** rel path → [size, mtimeMs, sha1]: lets a warm run skip hashing files that did not change. */
  files: Record<string, [number, number, string]>;
  analysis: CachedAnalysis;
}

/**
 * Whole-result cache (see docs in README "Speed"): the analysis is a pure function of the tool
 * version, the resolved config and the content of every listed file, so when none of those
 * changed the previous result is reused and the parser is never even loaded.
 *
 * Content hashes, not timestamps, decide (a `git checkout` touches mtimes); size + mtime only
 * decide whether a file must be re-read to be hashed. The cache lives in
 * `<root>/node_modules/.cache/job-owners/` and is used only when `<root>/node_modules` exists, so
 * the tool never creates folders in a repository that is not installed. Any failure to read or
 * write it is silent: the cache can only make a run faster, never change its answer.
 */
export class ResultCache {
  private readonly file: string;
  private previous: CacheFile | undefined;
  private current: { key: string; files: CacheFile['files'] } | undefined;
  private pending: { files: string[]; config: ResolvedConfig; version: string } | undefined;

  constructor(private readonly root: string, readonly enabled: boolean) {
    this.file = path.join(root, 'node_modules', '.cache', 'job-owners', 'result.json');
    this.enabled = enabled && isDirectory(path.join(root, 'node_modules'));
  }

  /**
   * Returns the cached analysis when nothing changed. Without a previous cache there is nothing
   * to compare with, so nothing is hashed now: `save` takes the hashes the analysis computed
   * while reading the files anyway (a cold run reads each file once, not twice).
   */
  lookup(files: string[], config: ResolvedConfig, version: string): CachedAnalysis | undefined {
    if (!this.enabled) return undefined;
    this.pending = { files, config, version };
    this.previous = readCache(this.file);
    if (!this.previous) return undefined;
    this.current = this.fingerprint(new Map());
    return this.previous.key === this.current.key ? this.previous.analysis : undefined;
  }

  /** Key of the listed files: known hashes first, then unchanged size+mtime, else read and hash. */
  private fingerprint(known: Map<string, { hash: string; stat?: [number, number] }>): { key: string; files: CacheFile['files'] } {
    const { files, config, version } = this.pending!;
    const hashes: CacheFile['files'] = {};
    const digest = crypto.createHash('sha1');
    digest.update(`${CACHE_FORMAT}\0${version}\0${stableConfig(config)}\0`);
    for (const rel of [...files].sort()) {
      const fromAnalysis = known.get(rel);
      if (fromAnalysis?.stat) {
        hashes[rel] = [fromAnalysis.stat[0], fromAnalysis.stat[1], fromAnalysis.hash];
        digest.update(`${rel}\0${fromAnalysis.hash}\0`);
        continue;
      }
      const abs = path.join(this.root, rel);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(abs);
      } catch {
        digest.update(`${rel}\0missing\0`);
        continue;
      }
      const previous = this.previous?.files[rel];
      let hash: string;
      const fresh = known.get(rel)?.hash;
      if (fresh) hash = fresh;
      else if (previous && previous[0] === stat.size && previous[1] === stat.mtimeMs) hash = previous[2];
      else {
        try {
          hash = crypto.createHash('sha1').update(fs.readFileSync(abs)).digest('hex');
        } catch {
          hash = 'unreadable';
        }
      }
      hashes[rel] = [stat.size, stat.mtimeMs, hash];
      digest.update(`${rel}\0${hash}\0`);
    }
    return { key: digest.digest('hex'), files: hashes };
  }

  /** Stores the analysis under the key of the files it read (`contentHashes`: rel → sha1). */
  save(analysis: CachedAnalysis, contentHashes: Map<string, { hash: string; stat?: [number, number] }> = new Map()): void {
    if (!this.enabled || !this.pending) return;
    // A file edited while we analysed it would get a key for content we did not see: re-key
    // from the hashes the analysis itself computed, so the cache matches what was analysed.
    this.current = this.fingerprint(contentHashes);
    const { result, directiveFiles, sources } = analysis;
    const content: CacheFile = { format: CACHE_FORMAT, key: this.current.key, files: this.current.files, analysis: { result, directiveFiles, sources } };
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(temp, JSON.stringify(content));
      fs.renameSync(temp, this.file);
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // read-only tree: no cache, same answer
      }
    }
  }
}

function readCache(file: string): CacheFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
    return parsed.format === CACHE_FORMAT && typeof parsed.key === 'string' && parsed.files && parsed.analysis ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The config as it affects the analysis (its own path does not). */
function stableConfig(config: ResolvedConfig): string {
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
