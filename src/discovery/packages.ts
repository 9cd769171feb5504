import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import YAML from 'yaml';
import { readJsonFile } from '../util/fs.js';

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
  source: 'workspace' | 'nx' | 'root' | 'config';
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
export function discoverPackages(root: string, manifests: string[]): WorkspacePackage[] {
  const rootManifest = readJsonFile<PackageManifest>(path.join(root, 'package.json'));
  const patterns = workspacePatterns(root, rootManifest);
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
      const pkg = readJsonFile<PackageManifest>(path.join(root, manifest));
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

  // Nx projects: project.json anywhere; merged with a package.json in the same folder.
  for (const manifest of manifests) {
    if (!manifest.endsWith('project.json')) continue;
    const dir = parentDir(manifest);
    if (dir === '.') continue;
    const project = readJsonFile<NxProjectJson>(path.join(root, manifest));
    if (!project) continue;
    const existing = byRoot.get(dir);
    const pkg = existing?.manifest ?? readJsonFile<PackageManifest>(path.join(root, dir, 'package.json'));
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

function workspacePatterns(root: string, manifest: PackageManifest | undefined): string[] {
  const patterns: string[] = [];
  const ws = manifest?.workspaces;
  if (Array.isArray(ws)) patterns.push(...ws);
  else if (ws && Array.isArray(ws.packages)) patterns.push(...ws.packages);
  try {
    const text = fs.readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
    const parsed = YAML.parse(text) as { packages?: unknown } | null;
    if (parsed && Array.isArray(parsed.packages)) {
      patterns.push(...parsed.packages.filter((p): p is string => typeof p === 'string'));
    }
  } catch {
    // no pnpm workspace (or unreadable: the npm/yarn patterns still apply)
  }
  return patterns;
}

function normalisePattern(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

function parentDir(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i === -1 ? '.' : rel.slice(0, i);
}
