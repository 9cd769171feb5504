import path from 'node:path';
import type { TreeAnalysis } from '../cache/tree-cache.js';
import type { CachedAnalysis } from '../cache/result-cache.js';
import type { ResolvedConfig } from '../config/types.js';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import { isListedInput } from '../discovery/list-files.js';
import { isAnalysisInput } from '../git/materialize.js';
import { EMPTY_TREE, gitBytes, gitLine, gitSucceeds } from '../git/run-git.js';
import { commitEntries, indexEntries, pathList } from '../git/tree-entries.js';
import { type Timings, timed } from '../util/timings.js';
import { analyzeTree, treeCache, treeKey } from './tree-analysis.js';

export interface ScopeOptions {
  changedSince?: string;
  staged?: boolean;
}

/**
 * A changed-scope run, resolved against git:
 * - `--staged` (pre-commit): the change is the index against HEAD. The current side is the
 *   index: the work tree's analysis when the work tree holds exactly the index's analysis inputs
 *   (no unstaged edits, no untracked source files — what pre-commit and lint-staged leave behind
 *   when they stash), else an analysis of the index itself, read from git's objects.
 * - `--changed-since <ref>` (pull requests): the change is the work tree (commits, uncommitted
 *   edits and untracked files) against the merge base of `<ref>` and HEAD — what a pull request's
 *   "Files changed" shows (`git diff <ref>...`), so commits that landed on `<ref>` since the
 *   branch was cut are not taken for this change.
 * The base side is always analysed from git's objects (`tree-analysis.ts`), never checked out.
 */
export interface ResolvedScope {
  /** Changed paths relative to the analysed root (deleted and renamed files by both names). */
  changed: Set<string>;
  /** How the base is called in messages: `HEAD`, `main (merge base 1a2b3c4)`. */
  baseLabel: string;
  /** The base revision (a commit), or EMPTY_TREE before the first commit. */
  baseRev: string;
  /** `--staged` with a work tree that differs from the index: analyse the index itself. */
  currentFromIndex: boolean;
  top: string;
}

export function resolveScope(root: string, options: ScopeOptions, config: ResolvedConfig, timings?: Timings): ResolvedScope | undefined {
  if (!options.changedSince && !options.staged) return undefined;
  const what = options.staged ? '--staged' : `--changed-since ${options.changedSince}`;
  return timed(timings, 'base:git', () => {
    const top = gitLine(root, ['rev-parse', '--show-toplevel'], what);
    const hasHead = gitSucceeds(root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']);
    const changed = new Set<string>();
    const add = (out: Buffer): void => {
      for (const file of pathList(out)) changed.add(file);
    };
    if (options.staged) {
      const baseRev = hasHead ? gitLine(root, ['rev-parse', 'HEAD^{commit}'], what) : EMPTY_TREE;
      add(gitBytes(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--relative', baseRev, '--'], what));
      // An unstaged edit of anything the analysis could read (a tsconfig's parent included), or an
      // untracked file the listing would hand to it (an untracked report or scratch JSON does
      // not count): then the work tree is not the index.
      const unstaged = pathList(gitBytes(root, ['diff', '--name-only', '-z', '--no-renames', '--relative', '--'], what));
      const untracked = pathList(gitBytes(root, ['ls-files', '-z', '--others', '--exclude-standard', '--', '.'], what));
      const currentFromIndex = unstaged.some(isAnalysisInput) || untracked.some((file) => isListedInput(file, config));
      return { changed, baseLabel: hasHead ? `HEAD (${baseRev.slice(0, 7)})` : 'the empty tree (no commit yet)', baseRev, currentFromIndex, top };
    }
    const ref = options.changedSince!;
    const refCommit = gitLine(root, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`], what);
    const baseRev = hasHead ? mergeBase(root, refCommit, ref) : refCommit;
    add(gitBytes(root, ['diff', '--name-only', '-z', '--no-renames', '--relative', baseRev, '--'], what));
    add(gitBytes(root, ['ls-files', '-z', '--others', '--exclude-standard', '--', '.'], what));
    const short = baseRev.slice(0, 7);
    return { changed, baseLabel: baseRev === refCommit ? `${ref} (${short})` : `${ref} (merge base ${short})`, baseRev, currentFromIndex: false, top };
  });
}

function mergeBase(root: string, refCommit: string, ref: string): string {
  try {
    return gitLine(root, ['merge-base', refCommit, 'HEAD'], `--changed-since ${ref}`);
  } catch {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `--changed-since ${ref}: ${ref} and HEAD have no common ancestor in this clone, so there is no base to compare with (a shallow clone? fetch the history, e.g. fetch-depth: 0 in actions/checkout).`);
  }
}

/** The base revision's analysis (cached by content; an empty tree needs no analysis at all). */
export async function analyzeBase(root: string, scope: ResolvedScope, config: ResolvedConfig, cache: boolean, timings?: Timings, onPhase?: (text: string) => void): Promise<TreeAnalysis | undefined> {
  if (scope.baseRev === EMPTY_TREE) return undefined;
  const entries = timed(timings, 'base:git', () => commitEntries(scope.top, scope.baseRev, 'the base revision'));
  return analyzeTree({ top: scope.top, root, entries, config, cache, label: 'base', timings, onPhase });
}

/** The index's analysis, for `--staged` when the work tree differs from it. */
export async function analyzeIndex(root: string, scope: ResolvedScope, config: ResolvedConfig, cache: boolean, timings?: Timings, onPhase?: (text: string) => void): Promise<TreeAnalysis> {
  const entries = timed(timings, 'index:git', () => indexEntries(scope.top, '--staged'));
  return analyzeTree({ top: scope.top, root, entries, config, cache, label: 'index', timings, onPhase });
}

/** Whether the change edits the config file itself: then every finding is in scope. */
export function changesConfig(root: string, config: ResolvedConfig, changed: ReadonlySet<string>): boolean {
  if (!config.filepath) return false;
  const rel = path.relative(root, config.filepath).split(path.sep).join('/');
  return changed.has(rel);
}

/**
 * `--staged` with the work tree equal to the index: the work tree's analysis *is* the index's —
 * when it read nothing git does not have (a git-ignored generated file would make it differ from
 * an analysis of git's objects; `node_modules` is linked into those, so it may be read). Stored
 * under the index's tree key, it is the base of the next commit's run, which then costs a lookup
 * instead of an analysis of the new HEAD.
 */
export function rememberIndexAnalysis(root: string, scope: ResolvedScope, config: ResolvedConfig, cache: boolean, raw: CachedAnalysis, readText: (file: string) => string | null, timings?: Timings): void {
  if (!raw.outsideFound) return;
  const store = treeCache(root, cache);
  if (!store.enabled) return;
  timed(timings, 'index:remember', () => {
    const all = indexEntries(scope.top, '--staged');
    const tracked = new Set(all.map((e) => path.join(scope.top, e.path)));
    const modules = path.join(scope.top, 'node_modules') + path.sep;
    if (!raw.outsideFound!.every((file) => tracked.has(file) || file.startsWith(modules))) return;
    const { key } = treeKey(scope.top, root, all, config);
    if (store.has(key)) return;
    const texts: Record<string, string> = {};
    for (const file of raw.directiveFiles) {
      const text = readText(file);
      if (text !== null) texts[file] = text;
    }
    store.put(key, { result: raw.result, directiveFiles: raw.directiveFiles, sources: raw.sources, texts });
  });
}
