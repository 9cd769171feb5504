import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { JobOwnersResult } from '../model/result.js';
import { isDirectory } from '../util/fs.js';
import { joinListed } from '../util/paths.js';

/** Bump when the cached shape or anything that decides the analysis changes incompatibly. */
const CACHE_FORMAT = 2;

export interface CachedAnalysis {
  result: JobOwnersResult;
  directiveFiles: string[];
  sources: string[];
}

interface CacheFile {
  format: number;
  key: string;
  analysis: CachedAnalysis;
}

/**
 * Whole-result cache (README, "Cache"). The analysis is a function of the tool version, the
 * resolved config and every listed file, so when none of those changed the previous result is
 * reused and the parser is never even loaded.
 *
 * Files are compared by path, size and modification time — ESLint's "metadata" strategy — so
 * a cold run never hashes contents (hashing cost more than the reads it would save). A checkout
 * that only touches timestamps costs one re-analysis, never a wrong answer. The cache lives in
 * `<root>/node_modules/.cache/job-owners/` and is used only when `<root>/node_modules` exists, so
 * the tool never creates folders in a repository that is not installed. Any failure to read or
 * write it is silent: the cache can only make a run faster, never change its answer.
 */
export class ResultCache {
  private readonly file: string;
  private pending: { files: string[]; config: ResolvedConfig; version: string } | undefined;

  constructor(private readonly root: string, readonly enabled: boolean) {
    this.file = path.join(root, 'node_modules', '.cache', 'job-owners', 'result.json');
    this.enabled = enabled && isDirectory(path.join(root, 'node_modules'));
  }

  /** The cached analysis when no listed file, the config or the version changed. */
  lookup(files: string[], config: ResolvedConfig, version: string): CachedAnalysis | undefined {
    if (!this.enabled) return undefined;
    this.pending = { files, config, version };
    const previous = readCache(this.file);
    if (!previous) return undefined;
    return previous.key === this.key(new Map()) ? previous.analysis : undefined;
  }

  /** Stores the analysis; `known` holds the [size, mtimeMs] the analysis saw (no second stat). */
  save(analysis: CachedAnalysis, known: Map<string, [number, number]> = new Map()): void {
    if (!this.enabled || !this.pending) return;
    const { result, directiveFiles, sources } = analysis;
    const content: CacheFile = { format: CACHE_FORMAT, key: this.key(known), analysis: { result, directiveFiles, sources } };
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

  private key(known: Map<string, [number, number]>): string {
    const { files, config, version } = this.pending!;
    const digest = crypto.createHash('sha1');
    digest.update(`${CACHE_FORMAT}\0${version}\0${stableConfig(config)}\0`);
    for (const rel of [...files].sort()) {
      let stat = known.get(rel);
      if (!stat) {
        try {
          const s = fs.statSync(joinListed(this.root, rel));
          stat = [s.size, s.mtimeMs];
        } catch {
          digest.update(`${rel}\0missing\0`);
          continue;
        }
      }
      digest.update(`${rel}\0${stat[0]}\0${stat[1]}\0`);
    }
    return digest.digest('hex');
  }
}

function readCache(file: string): CacheFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
    return parsed.format === CACHE_FORMAT && typeof parsed.key === 'string' && parsed.analysis ? parsed : undefined;
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
