import path from 'node:path';
import type { WorkspacePackage } from '../discovery/packages.js';
import type { ImportRecord } from '../sources/import-scan.js';
import { joinListed } from '../util/paths.js';
import { ImportGraph } from './import-graph.js';
import { ModuleResolver } from './module-resolver.js';
import type { PackageManifestLike } from './package-entry.js';
import { foldersOf, RepoHost } from './repo-host.js';
import { TsconfigIndex } from './tsconfig.js';

export type { Resolution } from './module-resolver.js';
export type { ImportGraph, Importer, ResolvedImport } from './import-graph.js';

export interface RepositoryResolution {
  host: RepoHost;
  configs: TsconfigIndex;
  resolver: ModuleResolver;
  graph: ImportGraph;
  /** The workspace package (npm name) a file belongs to. */
  packageNameOf(abs: string): string | undefined;
}

export interface ResolutionInput {
  root: string;
  /** Repo-relative listed files: sources, manifests and configs. */
  sources: readonly string[];
  others: readonly string[];
  packages: readonly WorkspacePackage[];
  /** The import records of a source file (scanned on the read-ahead thread, or on demand). */
  recordsOf(abs: string): readonly ImportRecord[];
}

/** Module resolution and the import graph, as TypeScript resolves them (see each class). */
export function createResolution(input: ResolutionInput): RepositoryResolution {
  const { root } = input;
  const sourcesAbs = input.sources.map((rel) => joinListed(root, rel));
  const sourceSet = new Set(sourcesAbs);
  const listed = new Set([...sourcesAbs, ...input.others.map((rel) => joinListed(root, rel))]);
  const links = [...input.packages.filter((p) => p.packageName && p.root !== '.').map((p) => ({ name: p.packageName!, dir: joinListed(root, p.root) })), ...localDependencyLinks(root, input.packages)];
  const host = new RepoHost(root, listed, foldersOf(root, listed), links);
  const configs = new TsconfigIndex(root, host);
  const manifests = new Map<string, PackageManifestLike>();
  for (const p of input.packages) if (p.manifest) manifests.set(p.root === '.' ? root : joinListed(root, p.root), p.manifest);
  const resolver = new ModuleResolver(root, host, configs, (dir) => manifests.get(dir), (abs) => sourceSet.has(abs));
  const byDir = [...input.packages].filter((p) => p.packageName && p.root !== '.').map((p) => ({ dir: `${joinListed(root, p.root)}/`, name: p.packageName! })).sort((a, b) => b.dir.length - a.dir.length);
  const packageNameOf = (abs: string): string | undefined => byDir.find((p) => abs.startsWith(p.dir))?.name;
  const isOpaqueAlias = (importer: string, spec: string): boolean => {
    const paths = configs.governing(importer).options.paths;
    return paths !== undefined && opaqueAlias(paths, spec);
  };
  const graph = new ImportGraph(sourcesAbs, input.recordsOf, resolver, packageNameOf, isOpaqueAlias);
  return { host, configs, resolver, graph, packageNameOf };
}

/**
 * `"Common": "file:../Common"` (also `link:`, `portal:`): the package manager links the folder as
 * `node_modules/Common`, so `import … from 'Common/Server/Queue'` is that folder's file. Names a
 * workspace package already has are left to the workspace link.
 */
function localDependencyLinks(root: string, packages: readonly WorkspacePackage[]): Array<{ name: string; dir: string }> {
  const taken = new Set(packages.map((p) => p.packageName).filter(Boolean));
  const out = new Map<string, string>();
  for (const p of packages) {
    const deps = { ...p.manifest?.devDependencies, ...p.manifest?.dependencies };
    for (const [name, spec] of Object.entries(deps)) {
      if (typeof spec !== 'string' || taken.has(name) || out.has(name)) continue;
      const m = /^(?:file|link|portal):(.+)$/.exec(spec.trim());
      if (!m) continue;
      const rel = path.posix.normalize(path.posix.join(p.root, m[1]!));
      if (rel.startsWith('..') || path.posix.isAbsolute(rel) || /\.(tgz|tar\.gz)$/.test(rel)) continue;
      out.set(name, joinListed(root, rel));
    }
  }
  return [...out].map(([name, dir]) => ({ name, dir }));
}

/**
 * Whether `spec` is mapped by `paths` in a way its last segment does not show the file's name.
 * TypeScript takes an exact key first, else the matching pattern with the longest prefix. A
 * pattern keeps the name when its prefix ends a segment (`@app/`, or empty) and every target
 * ends with `/*` or is `*`: `@app/mail` → `src/mail(.ts|/index.ts)`. Anything else is opaque.
 */
function opaqueAlias(paths: Readonly<Record<string, readonly string[]>>, spec: string): boolean {
  if (Object.hasOwn(paths, spec)) return true;
  let best: { prefix: string; suffix: string; targets: readonly string[] } | undefined;
  for (const [key, targets] of Object.entries(paths)) {
    const star = key.indexOf('*');
    if (star < 0 || key.includes('*', star + 1)) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (spec.length < prefix.length + suffix.length || !spec.startsWith(prefix) || !spec.endsWith(suffix)) continue;
    if (!best || prefix.length > best.prefix.length) best = { prefix, suffix, targets };
  }
  if (!best) return false;
  const keepsName = (best.prefix === '' || best.prefix.endsWith('/')) && best.suffix === '' && best.targets.every((t) => t === '*' || t.endsWith('/*'));
  return !keepsName;
}
