import { builtinModules } from 'node:module';
import path from 'node:path';
import { ts } from '../util/typescript.js';
import { packageNameOf, type RepoHost, type WorkspaceLink } from './repo-host.js';
import { type PackageManifestLike, workspaceEntryCandidates } from './package-entry.js';
import type { GoverningConfig, TsconfigIndex } from './tsconfig.js';

/** What an import specifier leads to. */
export type Resolution =
  /** A source file of the repository (absolute path), mapped from `dist`/`.d.ts` to its source. */
  | { kind: 'file'; file: string }
  /** A package outside the repository, or a Node built-in: `bullmq`, `node:path`. */
  | { kind: 'external'; module: string }
  /** It looks like the repository's own code but leads nowhere; `reason` says exactly why. */
  | { kind: 'unresolved'; reason: string };

const BUILTINS = new Set(builtinModules);
const SOURCE_EXTENSION = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/**
 * Resolves import specifiers exactly as TypeScript does — `ts.resolveModuleName` with the
 * options of the file's governing tsconfig/jsconfig and one shared `ModuleResolutionCache` per
 * config — then maps what it returns from build output back to the source the repository
 * holds. See RepoHost for how workspace packages resolve without `node_modules`.
 */
export class ModuleResolver {
  private readonly memo = new Map<string, Resolution>();

  constructor(
    private readonly root: string,
    private readonly host: RepoHost,
    private readonly configs: TsconfigIndex,
    private readonly manifests: (dir: string) => PackageManifestLike | undefined,
    private readonly isListedSource: (abs: string) => boolean,
  ) {}

  /**
   * Answers by importing file first: the same file asks about the same specifiers again and
   * again (the call-site index checks every barrel's imports once per question, millions of
   * times on a large repository), and finding its governing config and building the folder-level
   * key cost more than the answer.
   */
  private readonly byFile = new Map<string, Map<string, Resolution>>();

  resolve(fromFile: string, specifier: string): Resolution {
    let mine = this.byFile.get(fromFile);
    const known = mine?.get(specifier);
    if (known) return known;
    const config = this.configs.governing(fromFile);
    const key = `${config.file ?? ''}\0${path.posix.dirname(fromFile)}\0${specifier}`;
    let hit = this.memo.get(key);
    if (!hit) {
      hit = this.resolveUncached(fromFile, specifier, config);
      this.memo.set(key, hit);
    }
    if (!mine) this.byFile.set(fromFile, (mine = new Map()));
    mine.set(specifier, hit);
    return hit;
  }

  private resolveUncached(fromFile: string, specifier: string, config: GoverningConfig): Resolution {
    if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!)) return { kind: 'external', module: specifier };
    const relative = specifier.startsWith('.') || specifier.startsWith('/');
    const link = relative ? undefined : this.host.workspacePackage(specifier);
    // A bare specifier that is no workspace package and no alias of this config is a package
    // from the registry: answered without asking the resolver to search `node_modules`.
    if (!relative && !link && !config.aliases) return { kind: 'external', module: packageNameOf(specifier) };

    const found = this.viaTypeScript(fromFile, specifier, config.options, config.cache) ?? this.viaBundlerRules(fromFile, specifier, config);
    if (found) return found;
    if (link) {
      const entry = this.workspaceFallback(link, specifier);
      if (entry) return { kind: 'file', file: entry };
      return { kind: 'unresolved', reason: `\`${specifier}\` names the workspace package at ${this.rel(link.dir)}, but no source file matches its entry points` };
    }
    if (relative) return { kind: 'unresolved', reason: `\`${specifier}\` does not resolve from ${this.rel(fromFile)}${config.file ? ` with ${this.rel(config.file)}` : ''}` };
    // Aliases configured but none matched: a registry package after all, unless the specifier
    // looks like a path under `baseUrl` / a `paths` pattern.
    if (this.looksLikeAlias(specifier, config)) {
      return { kind: 'unresolved', reason: `\`${specifier}\` does not resolve from ${this.rel(fromFile)} with ${this.rel(config.file!)}` };
    }
    return { kind: 'external', module: packageNameOf(specifier) };
  }

  private viaTypeScript(fromFile: string, specifier: string, options: ts.CompilerOptions, cache: ts.ModuleResolutionCache): Resolution | undefined {
    let result: ts.ResolvedModuleWithFailedLookupLocations;
    try {
      result = ts.resolveModuleName(specifier, fromFile, options, this.host, cache);
    } catch {
      return undefined;
    }
    const resolved = result.resolvedModule;
    if (!resolved) return undefined;
    const file = this.toSource(resolved.resolvedFileName);
    return file ? { kind: 'file', file } : undefined;
  }

  /**
   * Under `node16`/`nodenext`, TypeScript refuses extensionless relative imports in ES modules;
   * bundlers and `tsx` accept them, and the repository runs that way. Retried with bundler
   * rules only after the project's own rules found nothing.
   */
  private viaBundlerRules(fromFile: string, specifier: string, config: GoverningConfig): Resolution | undefined {
    const kind = config.options.moduleResolution;
    if (kind !== ts.ModuleResolutionKind.Node16 && kind !== ts.ModuleResolutionKind.NodeNext) return undefined;
    const options = { ...config.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
    return this.viaTypeScript(fromFile, specifier, options, this.configs.fallback().cache);
  }

  /** A workspace package whose entry points lead to no file (not built): its source entry. */
  private workspaceFallback(link: WorkspaceLink, specifier: string): string | undefined {
    const subpath = specifier.slice(link.name.length).replace(/^\//, '');
    for (const candidate of workspaceEntryCandidates(link.dir, this.manifests(link.dir), subpath)) {
      if (this.isListedSource(candidate)) return candidate;
    }
    return undefined;
  }

  /** `dist/index.d.ts`, `build/x.js` → the listed source file it was built from. */
  private toSource(resolved: string): string | undefined {
    const file = this.host.realpath(resolved);
    if (this.isListedSource(file) && !DECLARATION.test(file)) return file;
    const pkgDir = this.packageDirOf(file);
    if (pkgDir) {
      const options = this.configs.governing(`${pkgDir}/package.json`).options;
      for (const candidate of sourceCandidates(file, pkgDir, options)) if (this.isListedSource(candidate)) return candidate;
    }
    // An unlisted source that exists (git-ignored generated code) is still code that runs.
    if (!DECLARATION.test(file) && SOURCE_EXTENSION.test(file) && this.host.fileExists(file) && file.startsWith(`${this.root}/`) && !file.includes('/node_modules/')) return file;
    return undefined;
  }

  private packageDirOf(file: string): string | undefined {
    for (let dir = path.posix.dirname(file); dir.length >= this.root.length; dir = path.posix.dirname(dir)) {
      if (this.manifests(dir)) return dir;
      if (path.posix.dirname(dir) === dir) break;
    }
    return undefined;
  }

  private looksLikeAlias(specifier: string, config: GoverningConfig): boolean {
    const paths = config.options.paths ?? {};
    for (const pattern of Object.keys(paths)) {
      const star = pattern.indexOf('*');
      if (star === -1 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star))) return true;
    }
    const base = config.options.baseUrl;
    return !!base && this.host.directoryExists(`${base}/${specifier.split('/')[0]}`);
  }

  private rel(abs: string): string {
    return path.posix.relative(this.root, abs) || '.';
  }
}

/** Where the source of a build artefact lives: the tsconfig's outDir → rootDir, then conventions. */
function sourceCandidates(file: string, pkgDir: string, options: ts.CompilerOptions): string[] {
  const stem = file.replace(DECLARATION, '').replace(SOURCE_EXTENSION, '');
  const stems: string[] = [];
  if (options.outDir && stem.startsWith(`${options.outDir}/`)) {
    const inside = stem.slice(options.outDir.length + 1);
    stems.push(`${options.rootDir ?? `${pkgDir}/src`}/${inside}`, `${pkgDir}/src/${inside}`, `${pkgDir}/${inside}`);
  }
  const rel = path.posix.relative(pkgDir, stem);
  const m = rel.match(/^(?:dist|build|lib|out|esm|cjs)\/(?:(?:esm|cjs|types)\/)?(?:src\/)?(.*)$/);
  if (m) stems.push(`${pkgDir}/src/${m[1]}`, `${pkgDir}/${m[1]}`);
  stems.push(stem);
  const out: string[] = [];
  for (const s of stems) for (const ext of ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']) out.push(s + ext);
  return out;
}
