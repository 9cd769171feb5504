import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { isDeploymentFile } from './processes/deployment-files.js';
import { decodePath, fsPath } from '../util/raw-path.js';

/** Source extensions the analysis reads. `.d.ts` files are excluded separately. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * Folders that never hold a service's own source: dependencies, build output, caches.
 * Tests are excluded too: a Worker in a spec file is a test double, not a consumer (SPEC §2.6).
 */
const EXCLUDED_DIRECTORIES = new Set([
  'node_modules', 'dist', 'build', 'out', '.next', '.nuxt', '.output', 'coverage', '.turbo',
  '.nx', '.git', '.cache', '.vercel', '.svelte-kit', 'tmp',
  '__tests__', '__mocks__', 'test', 'tests', 'e2e', '__fixtures__',
]);

/** `*.spec.ts`, `*.test.ts`, `*.clienttest.ts`, `*.e2e-spec.ts`, `*.stories.tsx`, `*.test-d.ts`… */
const TEST_FILE = /\.([\w-]*(spec|test)[\w-]*|stories)\.[cm]?[jt]sx?$/;

export interface FileListing {
  /** Repo-relative POSIX paths of analysable source files, sorted. */
  sources: string[];
  /** Repo-relative POSIX paths of every manifest (package.json / project.json), sorted. */
  manifests: string[];
  /**
   * Other files that change the analysis, read whole: tsconfig*.json, pnpm-workspace.yaml, and the
   * files that deploy code (Dockerfile, Procfile, compose, pm2 ecosystem, supervisord, nest-cli,
   * nodemon.json; see processes/deployment-files.ts). Part of the cache key; an edit re-analyses.
   */
  configs: string[];
  /** How the files were enumerated, for --debug and the docs. */
  strategy: 'git' | 'walk';
}

export interface ListOptions {
  include: string[];
  exclude: string[];
  /** Directories the walker could not read, reported as skipped. */
  onSkip?: (file: string, reason: string) => void;
  /** false: always walk, never ask git (a tree extracted from git objects into a temporary folder). */
  git?: boolean;
}

export function listFiles(root: string, options: ListOptions): FileListing {
  // A folder that git ignores entirely (a generated tree, a scratch copy) lists as empty: then
  // the user clearly asked for that folder, so walk it instead of reporting an empty repository.
  const problems: Problem[] = [];
  const gitFiles = options.git === false ? undefined : listWithGit(root, problems);
  const fromGit = gitFiles && gitFiles.length > 0 ? gitFiles : undefined;
  if (!fromGit) problems.length = 0;
  const all = fromGit ?? walk(root, problems);
  const includeMatch = options.include.length > 0 ? picomatch(options.include, { dot: true }) : undefined;
  const excludeMatch = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : undefined;
  // The walk never enters an excluded folder; git lists everything it tracks.
  const inExcludedDirectory = fromGit ? isInExcludedDirectory : () => false;
  const wantedSource = (rel: string, base: string): boolean => {
    if (!isSourceFile(base)) return false;
    if (includeMatch && !includeMatch(rel)) return false;
    return !excludeMatch?.(rel);
  };
  const wanted = (rel: string): boolean => !inExcludedDirectory(rel) && wantedSource(rel, rel.slice(rel.lastIndexOf('/') + 1));
  // A file we could not list is reported only where it would have been analysed: a dangling
  // `README.md` link or a socket under node_modules is not worth a line on stderr.
  for (const problem of problems) {
    if (problem.directory || wanted(problem.rel)) options.onSkip?.(problem.rel, problem.reason);
  }
  const sources: string[] = [];
  const manifests: string[] = [];
  const configs: string[] = [];
  for (const rel of all) {
    if (inExcludedDirectory(rel)) continue;
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    if ((base.startsWith('tsconfig') && base.endsWith('.json')) || base === 'pnpm-workspace.yaml') configs.push(rel);
    if (base === 'package.json' || base === 'project.json') {
      manifests.push(rel);
      continue;
    }
    // A pm2 `ecosystem.config.js` is a deployment descriptor, not code a process runs: listed
    // once, with the configs, so the cache treats an edit to it like an edit to a Procfile.
    if (isDeploymentFile(rel)) {
      configs.push(rel);
      continue;
    }
    if (wantedSource(rel, base)) sources.push(rel);
  }
  sources.sort();
  manifests.sort();
  configs.sort();
  return { sources, manifests, configs, strategy: fromGit ? 'git' : 'walk' };
}

/**
 * Whether a repository-relative path is one the listing would hand to the analysis (a source,
 * a manifest, a tsconfig or pnpm-workspace.yaml), by the same rules as `listFiles` on git's list.
 */
export function isListedInput(rel: string, options: Pick<ListOptions, 'include' | 'exclude'>): boolean {
  if (isInExcludedDirectory(rel)) return false;
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  if ((base.startsWith('tsconfig') && base.endsWith('.json')) || base === 'pnpm-workspace.yaml' || base === 'package.json' || base === 'project.json') return true;
  if (!isSourceFile(base)) return false;
  if (options.include.length > 0 && !picomatch.isMatch(rel, options.include, { dot: true })) return false;
  return !(options.exclude.length > 0 && picomatch.isMatch(rel, options.exclude, { dot: true }));
}

/** An entry that could not be listed as a file, and why. */
interface Problem {
  rel: string;
  reason: string;
  /** Folder problems are always reported; file problems only for would-be sources. */
  directory: boolean;
}

function statProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'dangling symbolic link';
  return `unreadable (${code ?? 'error'})`;
}

export function isSourceFile(base: string): boolean {
  if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return false;
  if (TEST_FILE.test(base)) return false;
  return SOURCE_EXTENSIONS.some((ext) => base.endsWith(ext));
}

function isInExcludedDirectory(rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (EXCLUDED_DIRECTORIES.has(parts[i]!)) return true;
  }
  return false;
}

/**
 * Inside a git work tree, git already knows which files are real (tracked or untracked but not
 * ignored), honouring every nested .gitignore. Returns undefined outside git.
 *
 * `-t -s` tags each entry and gives tracked files their mode, so one call says which tracked
 * files were deleted (`R`) and which are links (120000) or submodules (160000): only links,
 * untracked files and entries outside the work tree (sparse checkouts) need a stat of their own.
 */
function listWithGit(root: string, problems: Problem[]): string[] | undefined {
  // Bytes, not text: a file name need not be UTF-8 (util/raw-path.ts).
  const run = spawnSync('git', ['ls-files', '-z', '-t', '-s', '--cached', '--deleted', '--others', '--exclude-standard', '--', '.'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' },
  });
  if (run.error || run.status !== 0) return undefined;
  const out = run.stdout;
  // Folders git could not enter (`warning: could not open directory 'x/': Permission denied`)
  // are left out of its listing with only that warning: they are problems like an unreadable
  // folder in the walk, not empty folders. (Tracked files inside are still listed; reading
  // them fails and is reported per file.)
  for (const folder of unreadableGitFolders(root, run.stderr)) problems.push({ rel: folder, reason: 'unreadable directory (EACCES)', directory: true });
  const regular = new Set<string>();
  const deleted = new Set<string>();
  const toStat = new Set<string>();
  for (const record of splitRecords(out)) {
    if (record.length < 3) continue;
    const tag = record[0];
    if (tag === '?') {
      toStat.add(record.slice(2)); // untracked: `? path`
      continue;
    }
    // `<tag> <mode> <object> <stage>\t<path>`
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const file = record.slice(tab + 1);
    const mode = record.slice(2, record.indexOf(' ', 2));
    if (tag === 'R') deleted.add(file);
    else if (mode === '160000') continue; // a submodule: its own repository
    else if (tag === 'H' && (mode === '100644' || mode === '100755')) regular.add(file);
    else toStat.add(file); // links, skip-worktree and other states: ask the file system
  }
  const files: string[] = [];
  for (const f of regular) if (!deleted.has(f)) files.push(f);
  for (const f of toStat) {
    if (regular.has(f)) continue;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(fsPath(path.join(root, f)));
    } catch (error) {
      // A deleted file is simply gone; a tracked link that leads nowhere is worth saying.
      if (isSymbolicLink(path.join(root, f))) problems.push({ rel: f, reason: statProblem(error), directory: false });
      continue;
    }
    if (!stat.isFile() && !stat.isDirectory()) problems.push({ rel: f, reason: 'not a regular file', directory: false });
    if (stat.isFile()) files.push(f);
  }
  return files;
}

/** NUL-separated records of git output, each decoded as a path may need (util/raw-path.ts). */
function splitRecords(out: Buffer): string[] {
  const text = out.toString('utf8');
  if (!text.includes('\uFFFD')) return text.split('\0');
  const records: string[] = [];
  let start = 0;
  for (let end = out.indexOf(0); end !== -1; start = end + 1, end = out.indexOf(0, start)) records.push(decodePath(out.subarray(start, end)));
  if (start < out.length) records.push(decodePath(out.subarray(start)));
  return records;
}

/**
 * Folders git's listing warned it could not open, from its stderr (run with LC_ALL=C), relative
 * to `root`: git names them from the top of the work tree, which is not `root` in a subfolder run.
 */
function unreadableGitFolders(root: string, stderr: Buffer): string[] {
  const text = stderr.length > 0 ? decodePath(stderr) : '';
  const found = [...text.matchAll(/could not open directory '(.*?)\/?': /g)].map((m) => m[1]!);
  if (found.length === 0) return [];
  const prefix = spawnSync('git', ['rev-parse', '--show-prefix'], { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  return found.map((f) => (prefix && f.startsWith(prefix) ? f.slice(prefix.length) : f)).sort();
}

/** Outside git: a plain walk honouring the root .gitignore and the excluded folders. */
function walk(root: string, problems: Problem[]): string[] {
  const ig = ignore();
  // When every rule names a folder (`node_modules/`, `dist/`), files need no check of their own:
  // their folders were checked on the way down. That check is most of a walk's cost per file.
  let filesNeedCheck = false;
  try {
    const rules = fs.readFileSync(path.join(root, '.gitignore'), 'utf8');
    ig.add(rules);
    filesNeedCheck = rules.split(/\r?\n/).map((l) => l.trim()).some((l) => l !== '' && !l.startsWith('#') && !l.endsWith('/'));
  } catch {
    // no .gitignore: nothing to honour
  }
  const fileIgnored = (rel: string): boolean => filesNeedCheck && ig.ignores(rel);
  let realRoot = root;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    // reported by visit below
  }
  const out: string[] = [];
  // Real paths of the folders walked, against symlink loops. Only a folder reached through a link
  // needs a realpath call; any other folder's real path is its parent's plus its name.
  const seen = new Set<string>();
  const visit = (dir: string, relDir: string, real: string): void => {
    if (seen.has(real)) return; // symlink loop
    seen.add(real);
    let entries: Array<fs.Dirent<Buffer>>;
    try {
      entries = fs.readdirSync(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      problems.push({ rel: relDir || '.', reason: `unreadable directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`, directory: true });
      return;
    }
    const named = entries.map((entry) => ({ entry, name: decodePath(entry.name) }));
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { entry, name } of named) {
      // Built with '/': entry names never contain a separator, so `rel` is already POSIX.
      const rel = relDir ? `${relDir}/${name}` : name;
      const abs = `${dir}${path.sep}${name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let realChild = `${real}${path.sep}${name}`;
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(fsPath(abs));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (error) {
          problems.push({ rel, reason: statProblem(error), directory: false });
          continue;
        }
        if (isDir) realChild = realpathOrSelf(abs);
        // git does not follow links either; following `ln -s / x` would walk the whole disk.
        if (isDir && !EXCLUDED_DIRECTORIES.has(name) && !ig.ignores(`${rel}/`) && !isInside(realRoot, realChild)) {
          problems.push({ rel, reason: 'symbolic link to a folder outside the repository (not followed)', directory: true });
          continue;
        }
      }
      if (isDir) {
        if (EXCLUDED_DIRECTORIES.has(name)) continue;
        if (ig.ignores(`${rel}/`)) continue;
        visit(abs, rel, realChild);
      } else if (isFile) {
        if (fileIgnored(rel)) continue;
        out.push(rel);
      } else if (!fileIgnored(rel)) {
        problems.push({ rel, reason: 'not a regular file', directory: false });
      }
    }
  };
  visit(root, '', realRoot);
  return out;
}

function isSymbolicLink(abs: string): boolean {
  try {
    return fs.lstatSync(fsPath(abs)).isSymbolicLink();
  } catch {
    return false;
  }
}

function realpathOrSelf(abs: string): string {
  try {
    return decodePath(fs.realpathSync(fsPath(abs), { encoding: 'buffer' }));
  } catch {
    return abs;
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
