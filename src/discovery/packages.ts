import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import YAML from 'yaml';
import { readWatched } from '../util/fs.js';

/** A folder with its own package.json or Nx project.json: the unit services are made of. */
export interface WorkspacePackage {
  /** Nx project name, else package.json name, else folder name. */
  name: string;
  /** Repo-relative POSIX folder; '.' for the root. */
  root: string;
  /** package.json name (for resolving `import … from '@scope/pkg'`), if any. */
  packageName?: string;
  manifest?: PackageManifest;
  nx?: { projectType?: string; main?: string };
  source: 'workspace' | 'folder' | 'nx' | 'root' | 'config';
}

export interface PackageManifest {
  name?: string;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  source?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  scripts?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  nx?: { projectType?: string; name?: string };
}

interface NxProjectJson {
  name?: string;
  projectType?: string;
  sourceRoot?: string;
  targets?: Record<string, { options?: { main?: string } }>;
}

/**
 * Finds the workspace packages: npm/yarn `workspaces`, `pnpm-workspace.yaml`, Nx `project.json`.
 * A repo with none of these is one package (the root).
 */
export function discoverPackages(root: string, manifests: string[], onSkip: (file: string, reason: string) => void = () => {}): WorkspacePackage[] {
  // A manifest we cannot read changes which services exist: say so rather than answer quietly.
  const readManifest = <T>(rel: string): T | undefined => {
    const result = readJson<T>(path.join(root, rel));
    if (result.error) onSkip(rel, result.error);
    return result.value;
  };
  const rootManifest = readManifest<PackageManifest>('package.json');
  const patterns = workspacePatterns(root, rootManifest, onSkip);
  const byRoot = new Map<string, WorkspacePackage>();

  if (patterns.length > 0) {
    const positive = patterns.filter((p) => !p.startsWith('!')).map(normalisePattern);
    const negative = patterns.filter((p) => p.startsWith('!')).map((p) => normalisePattern(p.slice(1)));
    const isMatch = picomatch(positive, { dot: false });
    const isExcluded = negative.length > 0 ? picomatch(negative) : () => false;
    for (const manifest of manifests) {
      if (!manifest.endsWith('package.json')) continue;
      const dir = parentDir(manifest);
      if (dir === '.' || !isMatch(dir) || isExcluded(dir)) continue;
      const pkg = readManifest<PackageManifest>(manifest);
      if (!pkg) continue;
      byRoot.set(dir, {
        name: pkg.nx?.name ?? pkg.name ?? path.posix.basename(dir),
        root: dir,
        packageName: pkg.name,
        manifest: pkg,
        nx: pkg.nx ? { projectType: pkg.nx.projectType } : undefined,
        source: 'workspace',
      });
    }
  }

  // No workspaces: a repository of packages installed one by one (`cd App && npm install`,
  // linked with `file:../Common`) — every package.json is a package, except in folders of
  // tests, fixtures and examples, which are not deployed.
  if (patterns.length === 0) {
    for (const manifest of manifests) {
      if (!manifest.endsWith('package.json')) continue;
      const dir = parentDir(manifest);
      if (dir === '.' || NOT_DEPLOYED_FOLDER.test(`/${dir}/`)) continue;
      const pkg = readManifest<PackageManifest>(manifest);
      // A package.json with neither name nor scripts (`{ "type": "module" }` in a subfolder) is a
      // module-format marker, not a package.
      if (!pkg || (pkg.name === undefined && pkg.scripts === undefined)) continue;
      byRoot.set(dir, {
        name: pkg.name ?? path.posix.basename(dir),
        root: dir,
        packageName: pkg.name,
        manifest: pkg,
        nx: pkg.nx ? { projectType: pkg.nx.projectType } : undefined,
        source: 'folder',
      });
    }
  }

  // Nx projects: project.json anywhere; merged with a package.json in the same folder.
  for (const manifest of manifests) {
    if (!manifest.endsWith('project.json')) continue;
    const dir = parentDir(manifest);
    if (dir === '.') continue;
    const project = readManifest<NxProjectJson>(manifest);
    if (!project) continue;
    const existing = byRoot.get(dir);
    const pkg = existing?.manifest ?? readManifest<PackageManifest>(`${dir}/package.json`);
    const main = Object.values(project.targets ?? {}).find((t) => t?.options?.main)?.options?.main;
    byRoot.set(dir, {
      name: project.name ?? pkg?.name ?? path.posix.basename(dir),
      root: dir,
      packageName: pkg?.name,
      manifest: pkg,
      nx: { projectType: project.projectType, main },
      source: 'nx',
    });
  }

  const packages = [...byRoot.values()];
  packages.push({
    name: rootManifest?.name ?? path.basename(root),
    root: '.',
    packageName: rootManifest?.name,
    manifest: rootManifest,
    source: 'root',
  });
  return packages.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

const NOT_DEPLOYED_FOLDER = /\/(tests?|__tests__|e2e|fixtures?|__fixtures__|examples?|samples?|demos?|templates?)\//i;

function workspacePatterns(root: string, manifest: PackageManifest | undefined, onSkip: (file: string, reason: string) => void): string[] {
  const patterns: unknown[] = [];
  const ws = manifest?.workspaces as unknown;
  if (Array.isArray(ws)) patterns.push(...ws);
  else if (ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages)) patterns.push(...(ws as { packages: unknown[] }).packages);
  let text: string | undefined;
  try {
    text = readWatched(path.join(root, 'pnpm-workspace.yaml'));
  } catch {
    text = undefined; // no pnpm workspace
  }
  if (text !== undefined) {
    try {
      const parsed = YAML.parse(text) as { packages?: unknown } | null;
      if (parsed && Array.isArray(parsed.packages)) patterns.push(...parsed.packages);
    } catch (error) {
      onSkip('pnpm-workspace.yaml', `invalid YAML (${firstLine(error)}); its workspace packages are not known`);
    }
  }
  return patterns.filter((p): p is string => typeof p === 'string' && p.length > 0);
}

function readJson<T>(file: string): { value?: T; error?: string } {
  let text: string;
  try {
    text = readWatched(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Absent: nothing to report. There but unreadable: its package is unknown, say so.
    return code === 'ENOENT' || code === 'ENOTDIR' ? {} : { error: `unreadable (${code ?? 'error'})` };
  }
  try {
    const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { value: value as T } : { error: 'not a JSON object' };
  } catch (error) {
    return { error: `invalid JSON (${firstLine(error)})` };
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

function normalisePattern(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

function parentDir(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i === -1 ? '.' : rel.slice(0, i);
}
