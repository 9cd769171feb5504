import path from 'node:path';
import type { WorkspacePackage } from '../discovery/packages.js';
import { sourceCandidatesFor } from '../discovery/services.js';
import { isFile } from '../util/fs.js';
import { applyPathMappings, TsconfigPaths } from './tsconfig-paths.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Resolves an import specifier to a source file of the repository, or undefined for an external
 * package. No TypeScript program: relative paths, tsconfig `paths` and workspace package names
 * (mapped from their build output back to `src/`) cover how monorepos share constants.
 */
export class ModuleResolver {
  private readonly cache = new Map<string, string | undefined>();
  private readonly tsconfigPaths: TsconfigPaths;
  private readonly packagesByName: Map<string, WorkspacePackage>;

  constructor(private readonly root: string, packages: WorkspacePackage[]) {
    this.tsconfigPaths = new TsconfigPaths(root);
    this.packagesByName = new Map(
      packages.filter((p) => p.packageName).map((p) => [p.packageName!, p]),
    );
  }

  resolve(fromFile: string, specifier: string): string | undefined {
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const resolved = this.resolveUncached(fromFile, specifier);
    this.cache.set(key, resolved);
    return resolved;
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith('node:')) return undefined;
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      return resolveAsFileOrDirectory(path.resolve(path.dirname(fromFile), specifier));
    }
    for (const candidate of applyPathMappings(this.tsconfigPaths.mappingsFor(fromFile), specifier)) {
      const hit = resolveAsFileOrDirectory(candidate);
      if (hit) return hit;
    }
    return this.resolveWorkspacePackage(specifier);
  }

  private resolveWorkspacePackage(specifier: string): string | undefined {
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLength).join('/');
    const pkg = this.packagesByName.get(name);
    if (!pkg) return undefined;
    const pkgDir = path.join(this.root, pkg.root);
    const subpath = parts.slice(nameLength).join('/');
    if (subpath) {
      const fromExports = exportTarget(pkg.manifest?.exports, `./${subpath}`);
      for (const target of fromExports ? [fromExports] : []) {
        const hit = firstSource(pkgDir, target);
        if (hit) return hit;
      }
      return resolveAsFileOrDirectory(path.join(pkgDir, 'src', subpath)) ?? resolveAsFileOrDirectory(path.join(pkgDir, subpath));
    }
    const m = pkg.manifest;
    const targets = [
      m?.source,
      exportTarget(m?.exports, '.'),
      m?.types,
      m?.typings,
      m?.module,
      m?.main,
      'src/index.ts',
      'index.ts',
      'src/index.js',
      'index.js',
    ].filter((t): t is string => typeof t === 'string');
    for (const target of targets) {
      const hit = firstSource(pkgDir, target.replace(/\.d\.([cm]?)ts$/, '.$1js'));
      if (hit) return hit;
    }
    return undefined;
  }
}

function firstSource(pkgDir: string, target: string): string | undefined {
  for (const candidate of sourceCandidatesFor(target)) {
    const abs = path.join(pkgDir, candidate);
    if (isFile(abs)) return abs;
  }
  return undefined;
}

/** `exports` may be a string, a conditions object, or a subpath map; pick a file for `subpath`. */
function exportTarget(exportsField: unknown, subpath: string): string | undefined {
  if (!exportsField) return undefined;
  if (typeof exportsField === 'string') return subpath === '.' ? exportsField : undefined;
  if (typeof exportsField !== 'object') return undefined;
  const record = exportsField as Record<string, unknown>;
  const isSubpathMap = Object.keys(record).some((k) => k.startsWith('.'));
  const entry = isSubpathMap ? record[subpath] : subpath === '.' ? record : undefined;
  return pickCondition(entry);
}

function pickCondition(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return undefined;
  const record = entry as Record<string, unknown>;
  for (const condition of ['source', 'types', 'import', 'require', 'node', 'default']) {
    const picked = pickCondition(record[condition]);
    if (picked) return picked;
  }
  return undefined;
}

/** Node/TS-style probing: exact file, `.js` written for a `.ts` source, extensions, index files. */
export function resolveAsFileOrDirectory(base: string): string | undefined {
  if (isFile(base) && EXTENSIONS.some((e) => base.endsWith(e))) return base;
  const jsLike = base.match(/^(.*)\.(js|jsx|mjs|cjs)$/);
  if (jsLike) {
    const stem = jsLike[1]!;
    const tsExt = { js: ['.ts', '.tsx'], jsx: ['.tsx'], mjs: ['.mts'], cjs: ['.cts'] }[jsLike[2] as 'js'];
    for (const ext of tsExt) if (isFile(stem + ext)) return stem + ext;
  }
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  for (const ext of EXTENSIONS) {
    const index = path.join(base, `index${ext}`);
    if (isFile(index)) return index;
  }
  return undefined;
}
