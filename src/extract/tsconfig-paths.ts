import { isFile, readWatched } from '../util/fs.js';
import path from 'node:path';
import { ts } from '../util/typescript.js';

/** One `paths` mapping, already anchored to an absolute base directory. */
export interface PathMapping {
  /** `@app/*` → prefix `@app/`, suffix '' and wildcard true. */
  prefix: string;
  suffix: string;
  wildcard: boolean;
  targets: string[]; // absolute, may contain one '*'
}

/**
 * Reads `compilerOptions.paths` of the tsconfig that governs a directory, following `extends`
 * (relative files and `./node_modules`-free package configs are skipped: they never carry
 * a monorepo's own aliases). Cached per tsconfig file.
 */
export class TsconfigPaths {
  private readonly byConfig = new Map<string, PathMapping[]>();
  private readonly configForDir = new Map<string, string | null>();

  constructor(private readonly root: string) {}

  mappingsFor(fileAbs: string): PathMapping[] {
    const config = this.nearestConfig(path.dirname(fileAbs));
    const own = config ? this.load(config, new Set()) : [];
    // Nx and most monorepos keep aliases in the root tsconfig.base.json, which package tsconfigs
    // extend; if the nearest config does not extend it we still honour the root one.
    if (own.length > 0) return own;
    for (const name of ['tsconfig.base.json', 'tsconfig.json']) {
      const rootConfig = path.join(this.root, name);
      if (isFile(rootConfig)) {
        const mappings = this.load(rootConfig, new Set());
        if (mappings.length > 0) return mappings;
      }
    }
    return [];
  }

  private nearestConfig(dir: string): string | null {
    const cached = this.configForDir.get(dir);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    const candidate = path.join(dir, 'tsconfig.json');
    if (isFile(candidate)) found = candidate;
    else if (dir.length > this.root.length && dir.startsWith(this.root)) found = this.nearestConfig(path.dirname(dir));
    this.configForDir.set(dir, found);
    return found;
  }

  private load(configFile: string, seen: Set<string>): PathMapping[] {
    const cached = this.byConfig.get(configFile);
    if (cached) return cached;
    if (seen.has(configFile)) return [];
    seen.add(configFile);
    let read: { config?: unknown };
    try {
      read = ts.readConfigFile(configFile, readWatched);
    } catch {
      read = {};
    }
    // A tsconfig is user input: every field is checked before use, and a malformed one simply
    // contributes no aliases (TypeScript itself would reject it; we still analyse the rest).
    const config = (isObject(read.config) ? read.config : {}) as { extends?: unknown; compilerOptions?: unknown };
    const options = (isObject(config.compilerOptions) ? config.compilerOptions : {}) as { baseUrl?: unknown; paths?: unknown };
    const dir = path.dirname(configFile);
    let mappings: PathMapping[] = [];
    const parents = (Array.isArray(config.extends) ? config.extends : [config.extends]).filter((p): p is string => typeof p === 'string');
    for (const parent of parents) {
      if (!parent.startsWith('.')) continue;
      const parentFile = path.resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
      if (isFile(parentFile)) mappings = [...mappings, ...this.load(parentFile, seen)];
    }
    if (isObject(options.paths)) {
      const base = path.resolve(dir, typeof options.baseUrl === 'string' ? options.baseUrl : '.');
      mappings = Object.entries(options.paths).flatMap(([pattern, targets]) => {
        if (!Array.isArray(targets)) return [];
        const star = pattern.indexOf('*');
        return [{
          prefix: star === -1 ? pattern : pattern.slice(0, star),
          suffix: star === -1 ? '' : pattern.slice(star + 1),
          wildcard: star !== -1,
          targets: targets.filter((t): t is string => typeof t === 'string').map((t) => path.resolve(base, t)),
        }];
      });
    }
    this.byConfig.set(configFile, mappings);
    return mappings;
  }
}

/** Candidate absolute paths (without extension probing) for a bare specifier. */
export function applyPathMappings(mappings: PathMapping[], specifier: string): string[] {
  const out: string[] = [];
  // Longest prefix wins, as in TypeScript.
  const sorted = [...mappings].sort((a, b) => b.prefix.length - a.prefix.length);
  for (const m of sorted) {
    if (!m.wildcard) {
      if (specifier === m.prefix) out.push(...m.targets);
      continue;
    }
    if (specifier.startsWith(m.prefix) && specifier.endsWith(m.suffix) && specifier.length >= m.prefix.length + m.suffix.length) {
      const star = specifier.slice(m.prefix.length, specifier.length - m.suffix.length);
      out.push(...m.targets.map((t) => t.replace('*', star)));
    }
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
