import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { toPosix } from '../util/paths.js';

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
  /** How the files were enumerated, for --debug and the docs. */
  strategy: 'git' | 'walk';
}

export interface ListOptions {
  include: string[];
  exclude: string[];
  /** Directories the walker could not read, reported as skipped. */
  onSkip?: (file: string, reason: string) => void;
}

export function listFiles(root: string, options: ListOptions): FileListing {
  // A folder that git ignores entirely (a generated tree, a scratch copy) lists as empty: then
  // the user clearly asked for that folder, so walk it instead of reporting an empty repository.
  const gitFiles = listWithGit(root);
  const fromGit = gitFiles && gitFiles.length > 0 ? gitFiles : undefined;
  const all = fromGit ?? walk(root, options.onSkip);
  const includeMatch = options.include.length > 0 ? picomatch(options.include, { dot: true }) : undefined;
  const excludeMatch = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : undefined;
  const sources: string[] = [];
  const manifests: string[] = [];
  for (const rel of all) {
    if (isInExcludedDirectory(rel)) continue;
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    if (base === 'package.json' || base === 'project.json') {
      manifests.push(rel);
      continue;
    }
    if (!isSourceFile(base)) continue;
    if (includeMatch && !includeMatch(rel)) continue;
    if (excludeMatch?.(rel)) continue;
    sources.push(rel);
  }
  sources.sort();
  manifests.sort();
  return { sources, manifests, strategy: fromGit ? 'git' : 'walk' };
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
 */
function listWithGit(root: string): string[] | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    const files = out.split('\0').filter((f) => f.length > 0);
    // Deleted-but-tracked files are still listed by --cached; keep only what exists.
    return files.filter((f) => {
      try {
        return fs.statSync(path.join(root, f)).isFile();
      } catch {
        return false;
      }
    });
  } catch {
    return undefined;
  }
}

/** Outside git: a plain walk honouring the root .gitignore and the excluded folders. */
function walk(root: string, onSkip?: (file: string, reason: string) => void): string[] {
  const ig = ignore();
  try {
    ig.add(fs.readFileSync(path.join(root, '.gitignore'), 'utf8'));
  } catch {
    // no .gitignore: nothing to honour
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, relDir: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (error) {
      onSkip?.(relDir || '.', `unreadable directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    if (seen.has(real)) return; // symlink loop
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      onSkip?.(relDir || '.', `unreadable directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          onSkip?.(rel, 'dangling symbolic link');
          continue;
        }
      }
      if (isDir) {
        if (EXCLUDED_DIRECTORIES.has(entry.name)) continue;
        if (ig.ignores(`${rel}/`)) continue;
        visit(abs, rel);
      } else if (isFile) {
        if (ig.ignores(rel)) continue;
        out.push(toPosix(rel));
      }
    }
  };
  visit(root, '');
  return out;
}
