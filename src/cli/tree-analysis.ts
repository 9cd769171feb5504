import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TreeAnalysis, TreeCache } from '../cache/tree-cache.js';
import type { ResolvedConfig } from '../config/types.js';
import { listFiles } from '../discovery/list-files.js';
import { startReadAhead } from '../sources/read-ahead.js';
import { isAnalysisInput, materialize } from '../git/materialize.js';
import type { TreeEntry } from '../git/tree-entries.js';
import { TOOL_VERSION } from '../model/to-result.js';
import { joinListed } from '../util/paths.js';
import { fsPath } from '../util/raw-path.js';
import { skipCollector } from '../util/skipped.js';
import { type Timings, timed, timedAsync } from '../util/timings.js';

export interface TreeAnalysisOptions {
  /** The repository's top level (where git runs) and the analysed root inside it. */
  top: string;
  root: string;
  entries: TreeEntry[];
  config: ResolvedConfig;
  cache: boolean;
  /** Timing phase prefix: `base` or `index`. */
  label: string;
  timings?: Timings;
  onPhase?: (text: string) => void;
}

/**
 * The same analysis as `check`, of a git tree instead of the work tree: the tree's analysis
 * inputs are written to a temporary folder outside the repository (`materialize.ts`), analysed
 * with the same config, and the folder removed. The repository's `node_modules` is linked in, in
 * case resolution looks there. The result is cached by the tree's content (`TreeCache`).
 */
export async function analyzeTree(options: TreeAnalysisOptions): Promise<TreeAnalysis> {
  const { top, root, config, timings, label } = options;
  const { prefix, entries, key } = treeKey(top, root, options.entries, config);
  const cache = treeCache(root, options.cache);
  const cached = timed(timings, `${label}:cache`, () => cache.get(key));
  if (cached) return cached;

  options.onPhase?.(`${label}: extracting ${entries.length.toLocaleString('en-US')} files from git`);
  const temp = await timedAsync(timings, `${label}:extract`, () => extract(top, entries));
  try {
    const treeRoot = prefix ? path.join(temp, prefix) : temp;
    fs.mkdirSync(fsPath(treeRoot), { recursive: true });
    linkNodeModules(path.join(top, 'node_modules'), path.join(temp, 'node_modules'));
    if (prefix) linkNodeModules(path.join(root, 'node_modules'), path.join(treeRoot, 'node_modules'));
    const { skipped, onSkip } = skipCollector();
    // Walked, never listed by git: a temporary folder inside some other work tree (a TMPDIR under a
    // dotfiles repository) must not have that repository's ignore rules applied to it.
    const listing = listFiles(treeRoot, { include: config.include, exclude: config.exclude, onSkip, git: false });
    options.onPhase?.(`${label}: analysing ${listing.sources.length.toLocaleString('en-US')} files`);
    const analysis = await timedAsync(timings, `${label}:analyse`, async () => {
      const reading = startReadAhead(listing.sources.map((rel) => joinListed(treeRoot, rel)));
      const { analyzeRaw } = await import('../analyze.js');
      const raw = analyzeRaw({ root: treeRoot, config, listing, skipped, readAhead: await reading.finish() });
      const texts: Record<string, string> = {};
      for (const file of raw.directiveFiles) {
        try {
          texts[file] = fs.readFileSync(fsPath(path.join(treeRoot, file)), 'utf8');
        } catch {
          // not there: no directives from it
        }
      }
      return { result: raw.result, directiveFiles: raw.directiveFiles, sources: raw.sources, texts };
    });
    timed(timings, `${label}:cache`, () => cache.put(key, analysis));
    return analysis;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** The tree cache's key for `entries` analysed at `root`, with the entries that count for it. */
export function treeKey(top: string, root: string, all: TreeEntry[], config: ResolvedConfig): { prefix: string; entries: TreeEntry[]; key: string } {
  const prefix = path.relative(top, root).split(path.sep).join('/');
  const entries = all.filter((e) => isAnalysisInput(e.path));
  return { prefix, entries, key: TreeCache.key({ version: TOOL_VERSION, config, prefix, entries }) };
}

export function treeCache(root: string, enabled: boolean): TreeCache {
  return new TreeCache(root, enabled && isDir(path.join(root, 'node_modules')));
}

/**
 * Where the tree is written: a folder of its own in memory (`/dev/shm`) on Linux unless TMPDIR
 * says otherwise — creating thousands of small files on a busy disk costs about a millisecond
 * each, in memory a few microseconds — else the system's temporary folder. Never inside the
 * repository. A full /dev/shm (64 MB in a default Docker container) falls back to the disk.
 */
async function extract(top: string, entries: TreeEntry[]): Promise<string> {
  const candidates = [...(process.env.TMPDIR || process.platform !== 'linux' || !isDir('/dev/shm') ? [] : ['/dev/shm']), os.tmpdir(), '/tmp'];
  // Never inside the repository, whatever TMPDIR says.
  const parents = [...new Set(candidates.map((p) => path.resolve(p)))].filter((p) => isDir(p) && !isInsideFolder(top, p));
  if (parents.length === 0) throw new Error(`no temporary folder outside the repository (TMPDIR is ${os.tmpdir()})`);
  for (const [i, parent] of parents.entries()) {
    removeStale(parent);
    const temp = fs.mkdtempSync(path.join(parent, TEMP_PREFIX));
    try {
      await materialize(top, entries, temp);
      return temp;
    } catch (error) {
      fs.rmSync(temp, { recursive: true, force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (i === parents.length - 1 || (code !== 'ENOSPC' && code !== 'EDQUOT')) throw error;
    }
  }
  throw new Error('unreachable');
}

const TEMP_PREFIX = 'job-owners-tree-';

/** Trees left behind by a run that was killed (the folder is removed in a `finally` otherwise). */
function removeStale(parent: string): void {
  try {
    const hourAgo = Date.now() - 60 * 60 * 1000;
    for (const name of fs.readdirSync(parent)) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      const dir = path.join(parent, name);
      const stat = fs.lstatSync(dir);
      if (stat.isDirectory() && stat.uid === process.getuid?.() && stat.mtimeMs < hourAgo) fs.rmSync(dir, { recursive: true, force: true });
    }
  } catch {
    // not ours to clean, or not readable: leave it
  }
}

function isInsideFolder(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function linkNodeModules(from: string, to: string): void {
  if (!isDir(from)) return;
  try {
    fs.symlinkSync(from, to, 'dir');
  } catch {
    // an entry of that name came from the tree: leave it
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
