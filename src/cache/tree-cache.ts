import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { JobOwnersResult } from '../model/result.js';
import { makeDirs } from '../util/make-dirs.js';
import { BUILD, stableConfig } from './result-cache.js';

const FORMAT = 1;
/** Tree results kept; the oldest beyond this are removed when one is written. */
const KEEP = 12;

/** An analysis of a git tree (a base revision, or the index) with what suppression needs. */
export interface TreeAnalysis {
  result: JobOwnersResult;
  directiveFiles: string[];
  sources: string[];
  /** Text of each directive file, as the tree holds it (the work tree may differ). */
  texts: Record<string, string>;
}

/**
 * Analyses of git trees, content-addressed: the key is the tool build, the config and the mode,
 * blob id and path of every file the analysis could read (`materialize.ts`). Whether the files
 * came from a commit or from the index does not matter, so the index a pre-commit run checked
 * is the base of the next commit's run (see `rememberIndexAnalysis`), and repeated hooks on one
 * base cost a lookup. Stored in `<root>/node_modules/.cache/job-owners/trees/`, only when that
 * `node_modules` exists; failures to read or write are silent (the cache never changes an answer).
 */
export class TreeCache {
  private readonly dir: string;

  constructor(root: string, readonly enabled: boolean) {
    this.dir = path.join(root, 'node_modules', '.cache', 'job-owners', 'trees');
  }

  static key(parts: { version: string; config: ResolvedConfig; prefix: string; entries: Array<{ mode: string; object: string; path: string }> }): string {
    const digest = crypto.createHash('sha1');
    digest.update(`${FORMAT}\0${parts.version}\0${BUILD}\0${stableConfig(parts.config)}\0${parts.prefix}\0`);
    for (const e of [...parts.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) digest.update(`${e.mode} ${e.object} ${e.path}\0`);
    return digest.digest('hex');
  }

  get(key: string): TreeAnalysis | undefined {
    if (!this.enabled) return undefined;
    try {
      const file = path.join(this.dir, `${key}.json`);
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: number; key: string; analysis: TreeAnalysis };
      if (parsed.format !== FORMAT || parsed.key !== key || !parsed.analysis?.result) return undefined;
      // Touched on use, so pruning keeps the trees still in use.
      const now = new Date();
      fs.utimesSync(file, now, now);
      return parsed.analysis;
    } catch {
      return undefined;
    }
  }

  has(key: string): boolean {
    return this.enabled && fs.existsSync(path.join(this.dir, `${key}.json`));
  }

  put(key: string, analysis: TreeAnalysis): void {
    if (!this.enabled) return;
    const file = path.join(this.dir, `${key}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    try {
      makeDirs(this.dir);
      fs.writeFileSync(temp, JSON.stringify({ format: FORMAT, key, analysis }));
      fs.renameSync(temp, file);
      this.prune();
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // read-only: no cache, same answer
      }
    }
  }

  private prune(): void {
    const files = fs.readdirSync(this.dir).filter((f) => f.endsWith('.json')).map((f) => ({ f, t: fs.statSync(path.join(this.dir, f)).mtimeMs }));
    files.sort((a, b) => b.t - a.t);
    for (const { f } of files.slice(KEEP)) fs.rmSync(path.join(this.dir, f), { force: true });
  }
}
