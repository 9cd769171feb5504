import fs from 'node:fs';
import path from 'node:path';
import { ts } from '../util/typescript.js';
import { noteAbsent, noteFound, noteMissing, notePath } from '../util/watched-paths.js';

/** A workspace package as module resolution needs it: its npm name and its folder. */
export interface WorkspaceLink {
  name: string;
  /** Absolute folder. */
  dir: string;
}

/**
 * The file system as TypeScript's module resolver sees it, answered from the file listing.
 *
 * - Listed files and their folders are answered from memory: resolving every import of a
 *   20,000-file repository costs no system call for the files that exist.
 * - Workspace packages appear under every `node_modules` folder, as the package manager's
 *   symlinks would make them (`node_modules/@acme/queue` → `packages/queue`), so `exports`,
 *   `main` and `types` are resolved by TypeScript itself whether or not dependencies are
 *   installed. Any other package in `node_modules` does not exist for module resolution: an
 *   import of it is external, and nothing the repository owns lives there.
 * - Anything else (a git-ignored generated file, a folder outside the analysed root) is
 *   stat'ed once and recorded for the result cache.
 *
 * `configHost()` is the variant for reading tsconfig files: there `extends` may name a real
 * package in `node_modules` (`@tsconfig/node20`), which is read from disk.
 */
export class RepoHost implements ts.ModuleResolutionHost {
  private readonly byName = new Map<string, WorkspaceLink>();
  private readonly scopes = new Set<string>();
  private readonly statCache = new Map<string, 'file' | 'dir' | 'none'>();

  constructor(
    private readonly root: string,
    /** Absolute paths of every listed file. */
    private readonly listed: ReadonlySet<string>,
    /** Absolute paths of every folder holding a listed file, and their ancestors up to the root. */
    private readonly dirs: ReadonlySet<string>,
    links: WorkspaceLink[],
    private readonly realNodeModules = false,
  ) {
    for (const link of links) {
      this.byName.set(link.name, link);
      if (link.name.startsWith('@')) this.scopes.add(link.name.split('/')[0]!);
    }
  }

  /** The same view, but real packages under `node_modules` exist (for tsconfig `extends`). */
  configHost(): RepoHost {
    return new RepoHost(this.root, this.listed, this.dirs, [...this.byName.values()], true);
  }

  getCurrentDirectory(): string {
    return this.root;
  }

  useCaseSensitiveFileNames(): boolean {
    return true;
  }

  fileExists(file: string): boolean {
    return this.kind(file) === 'file';
  }

  directoryExists(dir: string): boolean {
    return this.kind(dir, true) === 'dir';
  }

  readFile(file: string): string | undefined {
    const real = this.mapped(file);
    if (real === null) return undefined;
    try {
      notePath(real);
      return fs.readFileSync(real, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Once per path: TypeScript and the source mapping ask for the same files' real paths again and again. */
  private readonly realpaths = new Map<string, string>();

  realpath(file: string): string {
    let known = this.realpaths.get(file);
    if (known === undefined) {
      known = this.realpathUncached(file);
      this.realpaths.set(file, known);
    }
    return known;
  }

  private realpathUncached(file: string): string {
    const real = this.mapped(file);
    if (real === null) return file;
    try {
      return fs.realpathSync.native(real);
    } catch {
      return real;
    }
  }

  getDirectories(dir: string): string[] {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return [];
    }
  }

  /** For `parseJsonConfigFileContent`: file lists are never needed, only options. */
  readDirectory(): string[] {
    return [];
  }

  /** The workspace package a bare specifier names, if any (`@acme/queue/sub` → `@acme/queue`). */
  workspacePackage(specifier: string): WorkspaceLink | undefined {
    return this.byName.get(packageNameOf(specifier));
  }

  private kind(p: string, asFolder = false): 'file' | 'dir' | 'none' {
    if (this.listed.has(p)) return 'file';
    if (this.dirs.has(p)) return 'dir';
    const real = this.mapped(p);
    if (real === null) return 'none';
    if (real === 'virtual-dir') return 'dir';
    if (real !== p) {
      if (this.listed.has(real)) return 'file';
      if (this.dirs.has(real)) return 'dir';
    }
    return this.stat(real, asFolder);
  }

  /**
   * Where a path really is: itself, a workspace package folder for a `node_modules` path, the
   * marker 'virtual-dir' for `node_modules` and `node_modules/@scope` themselves, or null when
   * the path is inside a package that does not exist for this host.
   */
  private mapped(p: string): string | null | 'virtual-dir' {
    const at = p.lastIndexOf('/node_modules');
    if (at === -1) return p;
    const rest = p.slice(at + '/node_modules'.length);
    if (rest === '') return this.realNodeModules ? p : 'virtual-dir';
    const parts = rest.slice(1).split('/');
    const scoped = parts[0]!.startsWith('@');
    if (scoped && parts.length === 1 && this.scopes.has(parts[0]!)) return 'virtual-dir';
    const name = scoped ? parts.slice(0, 2).join('/') : parts[0]!;
    const link = this.byName.get(name);
    if (link) {
      const inside = parts.slice(scoped ? 2 : 1).join('/');
      return inside ? `${link.dir}/${inside}` : link.dir;
    }
    // `@types/*` and every other installed package: external, unless reading configs.
    return this.realNodeModules ? p : null;
  }

  private stat(p: string, asFolder: boolean): 'file' | 'dir' | 'none' {
    const cached = this.statCache.get(p);
    if (cached) {
      if (cached === 'none' && asFolder) noteAbsent(p);
      return cached;
    }
    let result: 'file' | 'dir' | 'none' = 'none';
    try {
      const st = fs.statSync(p);
      result = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'none';
      if (result === 'file') noteFound(p, st);
    } catch {
      result = 'none';
    }
    // Missing: a file must not appear there (one stat at cache time); looked for as a folder, a
    // folder must not appear either (what it would hold was never probed). A link that leads
    // nowhere yet (`gen -> ../codegen/queues`) is absent until its target is created.
    if (result === 'none') {
      noteMissing(p);
      if (asFolder) noteAbsent(p);
    }
    this.statCache.set(p, result);
    return result;
  }
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every folder that holds a listed file, with its ancestors up to (and including) the root. */
export function foldersOf(root: string, files: Iterable<string>): Set<string> {
  const dirs = new Set<string>([root]);
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir.length >= root.length && !dirs.has(dir); dir = path.posix.dirname(dir)) dirs.add(dir);
  }
  return dirs;
}
