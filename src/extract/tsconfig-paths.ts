import fs from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';

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
      if (fs.existsSync(rootConfig)) {
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
    if (fs.existsSync(candidate)) found = candidate;
    else if (dir.length > this.root.length && dir.startsWith(this.root)) found = this.nearestConfig(path.dirname(dir));
    this.configForDir.set(dir, found);
    return found;
  }

  private load(configFile: string, seen: Set<string>): PathMapping[] {
    const cached = this.byConfig.get(configFile);
    if (cached) return cached;
    if (seen.has(configFile)) return [];
    seen.add(configFile);
    const read = ts.readConfigFile(configFile, (p) => fs.readFileSync(p, 'utf8'));
    const config = (read.config ?? {}) as {
      extends?: string | string[];
      compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
    };
    const dir = path.dirname(configFile);
    let mappings: PathMapping[] = [];
    const parents = Array.isArray(config.extends) ? config.extends : config.extends ? [config.extends] : [];
    for (const parent of parents) {
      if (!parent.startsWith('.')) continue;
      const parentFile = path.resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
      if (fs.existsSync(parentFile)) mappings = this.load(parentFile, seen);
    }
    const paths = config.compilerOptions?.paths;
    if (paths) {
      const base = path.resolve(dir, config.compilerOptions?.baseUrl ?? '.');
      mappings = Object.entries(paths).map(([pattern, targets]) => {
        const star = pattern.indexOf('*');
        return {
          prefix: star === -1 ? pattern : pattern.slice(0, star),
          suffix: star === -1 ? '' : pattern.slice(star + 1),
          wildcard: star !== -1,
          targets: targets.map((t) => path.resolve(base, t)),
        };
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
