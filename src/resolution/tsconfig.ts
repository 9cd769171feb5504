import path from 'node:path';
import picomatch from 'picomatch';
import { ts } from '../util/typescript.js';
import type { RepoHost } from './repo-host.js';

/** The compiler options that govern one source file, as TypeScript itself computes them. */
export interface GoverningConfig {
  /** Absolute path of the tsconfig/jsconfig, or undefined for the defaults. */
  file?: string;
  options: ts.CompilerOptions;
  /** Shared by every file this config governs: TypeScript's own per-folder resolution cache. */
  cache: ts.ModuleResolutionCache;
  /** `compilerOptions.paths` or `baseUrl` is set: bare specifiers may be the repository's own. */
  aliases: boolean;
  /** Problems TypeScript reported reading it (not "no inputs": we never ask for file lists). */
  errors: string[];
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/**
 * Options for files that no tsconfig/jsconfig governs (plain JavaScript): what a bundler or
 * Node does — extensionless relative imports, index files, `exports` maps, JavaScript sources.
 */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/**
 * Finds and parses the config that governs each file — the nearest `tsconfig.json` or
 * `jsconfig.json` up to the repository root — with TypeScript's `parseJsonConfigFileContent`,
 * so `extends` chains (relative files and packages), `baseUrl`, `paths` and
 * `moduleResolution` mean exactly what they mean to the compiler.
 *
 * A "solution" tsconfig (`files: []` and `references`) governs nothing itself: the referenced
 * project whose `include` matches the file does (Nx and Angular lay projects out that way).
 */
export class TsconfigIndex {
  private readonly byDir = new Map<string, GoverningConfig>();
  private readonly parsed = new Map<string, ts.ParsedCommandLine | null>();
  private readonly configs = new Map<string, GoverningConfig>();
  private defaults: GoverningConfig | undefined;

  constructor(
    private readonly root: string,
    private readonly host: RepoHost,
  ) {}

  governing(fileAbs: string): GoverningConfig {
    const dir = path.posix.dirname(fileAbs);
    const cached = this.byDir.get(dir);
    if (cached) return this.refine(cached, fileAbs);
    const found = this.nearest(dir);
    this.byDir.set(dir, found);
    return this.refine(found, fileAbs);
  }

  /** The defaults, for specifiers with no governing file (a package's own `main`). */
  fallback(): GoverningConfig {
    this.defaults ??= this.make(undefined, DEFAULT_OPTIONS, []);
    return this.defaults;
  }

  private nearest(dir: string): GoverningConfig {
    for (let d = dir; ; d = path.posix.dirname(d)) {
      for (const name of CONFIG_NAMES) {
        const file = `${d}/${name}`;
        if (this.host.fileExists(file)) {
          const config = this.load(file);
          if (config) return config;
        }
      }
      if (d.length <= this.root.length || path.posix.dirname(d) === d) break;
    }
    return this.fallback();
  }

  private load(file: string): GoverningConfig | undefined {
    const cached = this.configs.get(file);
    if (cached) return cached;
    const parsed = this.parse(file);
    if (!parsed) return undefined;
    const errors = parsed.errors.filter((e) => e.code !== 18003).map((e) => ts.flattenDiagnosticMessageText(e.messageText, ' '));
    // Resolution follows JavaScript files and package `exports` whatever the project's own
    // emit settings say: the analysis reads sources, it does not type-check them.
    const options: ts.CompilerOptions = { ...parsed.options, allowJs: true, noEmit: true };
    if (options.moduleResolution === undefined && options.module === undefined) options.moduleResolution = ts.ModuleResolutionKind.Node10;
    const config = this.make(file, options, errors, parsed);
    this.configs.set(file, config);
    return config;
  }

  private make(file: string | undefined, options: ts.CompilerOptions, errors: string[], parsed?: ts.ParsedCommandLine): GoverningConfig {
    const cache = ts.createModuleResolutionCache(this.root, (f) => f, options);
    const aliases = !!options.paths || !!options.baseUrl;
    const config: GoverningConfig = { file, options, cache, aliases, errors };
    if (parsed?.projectReferences?.length && parsed.fileNames.length === 0 && isSolution(file!, this.host)) {
      solutions.set(config, parsed.projectReferences.map((r) => ts.resolveProjectReferencePath(r)));
    }
    return config;
  }

  private parse(file: string): ts.ParsedCommandLine | null {
    const cached = this.parsed.get(file);
    if (cached !== undefined) return cached;
    let result: ts.ParsedCommandLine | null = null;
    const configHost = this.host.configHost();
    const text = configHost.readFile(file);
    if (text !== undefined) {
      const json = ts.parseConfigFileTextToJson(file, text);
      if (json.config && typeof json.config === 'object') {
        const parseHost: ts.ParseConfigHost = {
          useCaseSensitiveFileNames: true,
          readDirectory: () => [],
          fileExists: (f) => configHost.fileExists(f),
          readFile: (f) => configHost.readFile(f),
          // `extends: "@acme/tsconfig/base.json"` names a workspace package: its `paths` are
          // relative to the package's real folder, as with the package manager's symlink.
          ...({ realpath: (f: string) => configHost.realpath(f) } as object),
        };
        try {
          result = ts.parseJsonConfigFileContent(json.config, parseHost, path.posix.dirname(file), undefined, file);
        } catch {
          result = null; // a config TypeScript itself cannot read: fall back to the next one up
        }
      }
    }
    this.parsed.set(file, result);
    return result;
  }

  /** For a solution-style config, the referenced project that includes the file. */
  private refine(config: GoverningConfig, fileAbs: string): GoverningConfig {
    const refs = solutions.get(config);
    if (!refs) return config;
    let best: GoverningConfig | undefined;
    for (const ref of refs) {
      const parsed = this.parse(ref);
      if (!parsed) continue;
      const raw = (parsed.raw ?? {}) as { include?: unknown; files?: unknown; exclude?: unknown };
      if (!includes(path.posix.dirname(ref), raw, fileAbs)) continue;
      const candidate = this.load(ref);
      if (!candidate) continue;
      // Prefer the application/library project over the test project when both match.
      if (!best || /spec|test/.test(path.posix.basename(best.file ?? ''))) best = candidate;
    }
    return best ?? config;
  }
}

/** Configs that only reference other projects (recorded at load). */
const solutions = new WeakMap<GoverningConfig, string[]>();

function isSolution(file: string, host: RepoHost): boolean {
  const text = host.readFile(file);
  if (!text) return false;
  const json = ts.parseConfigFileTextToJson(file, text).config as { files?: unknown; include?: unknown } | undefined;
  return Array.isArray(json?.files) && json.files.length === 0 && json.include === undefined;
}

/** TypeScript's `include`/`files`/`exclude` semantics, for the one file asked about. */
function includes(dir: string, raw: { include?: unknown; files?: unknown; exclude?: unknown }, fileAbs: string): boolean {
  const rel = path.posix.relative(dir, fileAbs);
  if (rel.startsWith('..')) return false;
  const files = Array.isArray(raw.files) ? raw.files.filter((f): f is string => typeof f === 'string') : [];
  if (files.some((f) => path.posix.normalize(f) === rel)) return true;
  const include = Array.isArray(raw.include) ? raw.include.filter((f): f is string => typeof f === 'string') : files.length ? [] : ['**/*'];
  const exclude = Array.isArray(raw.exclude) ? raw.exclude.filter((f): f is string => typeof f === 'string') : [];
  const toGlob = (p: string): string => {
    const clean = p.replace(/^\.\//, '');
    return /[*?]/.test(path.posix.basename(clean)) ? clean : `${clean.replace(/\/$/, '')}/**/*`;
  };
  const isIncluded = include.length > 0 && picomatch(include.map(toGlob), { dot: true })(rel);
  const isExcluded = exclude.length > 0 && picomatch(exclude.map(toGlob), { dot: true })(rel);
  return isIncluded && !isExcluded;
}
