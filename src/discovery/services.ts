import path from 'node:path';
import type { ServiceInfo } from '../model/result.js';
import type { PackageManifest, WorkspacePackage } from './packages.js';
import { isFile } from '../util/fs.js';

/** Folder names whose packages are deployables by convention (Nx, Turborepo, NestJS monorepos). */
const SERVICE_FOLDERS = new Set(['apps', 'services', 'servers', 'workers', 'microservices', 'backends']);
const START_SCRIPTS = ['start', 'start:prod', 'serve', 'start:worker', 'worker'];

/** A workspace package classified as a deployable service or a library, with its entry files. */
export interface ClassifiedPackage extends WorkspacePackage {
  kind: 'service' | 'library';
  /** Repo-relative source files where the process starts (for import reachability). */
  entries: string[];
  /** Why it was classified so, for `explain` and the README. */
  reason: string;
  /** Config services declared as file globs: files matching them belong here, whatever their folder. */
  globs?: string[];
}

export function classifyPackages(root: string, packages: WorkspacePackage[]): ClassifiedPackage[] {
  const onlyRoot = packages.length === 1;
  return packages.map((pkg) => {
    const { kind, reason } = classify(pkg, onlyRoot);
    return { ...pkg, kind, reason, entries: findEntries(root, pkg) };
  });
}

function classify(pkg: WorkspacePackage, onlyRoot: boolean): { kind: 'service' | 'library'; reason: string } {
  if (pkg.root === '.') {
    return onlyRoot
      ? { kind: 'service', reason: 'single-package repository' }
      : { kind: 'library', reason: 'monorepo root (files outside every workspace package)' };
  }
  const projectType = pkg.nx?.projectType;
  if (projectType === 'application') return { kind: 'service', reason: 'Nx projectType "application"' };
  if (projectType === 'library') return { kind: 'library', reason: 'Nx projectType "library"' };
  const scripts = pkg.manifest?.scripts ?? {};
  const start = START_SCRIPTS.find((s) => typeof scripts[s] === 'string');
  if (start) return { kind: 'service', reason: `has a "${start}" script` };
  if (pkg.manifest?.bin) return { kind: 'service', reason: 'has a "bin" entry' };
  const top = pkg.root.split('/')[0]!;
  if (SERVICE_FOLDERS.has(top)) return { kind: 'service', reason: `lives under ${top}/` };
  return { kind: 'library', reason: 'no start script, bin or application folder' };
}

/** Entry files of a package, mapped from build output (dist/*.js) back to source where needed. */
function findEntries(root: string, pkg: WorkspacePackage): string[] {
  const dir = path.join(root, pkg.root);
  const candidates: string[] = [];
  if (pkg.nx?.main) candidates.push(path.relative(pkg.root === '.' ? '' : pkg.root, pkg.nx.main));
  const manifest: PackageManifest | undefined = pkg.manifest;
  for (const script of START_SCRIPTS) {
    const cmd = manifest?.scripts?.[script];
    const m = cmd?.match(/(?:node|ts-node|tsx|nodemon|bun)\s+(?:--?[\w-]+(?:[= ][^\s]+)?\s+)*([\w./-]+\.[cm]?[jt]s)/);
    if (m?.[1]) candidates.push(m[1]);
  }
  if (typeof manifest?.main === 'string') candidates.push(manifest.main);
  if (typeof manifest?.bin === 'string') candidates.push(manifest.bin);
  else if (manifest?.bin) candidates.push(...Object.values(manifest.bin));
  candidates.push('src/main.ts', 'src/index.ts', 'src/server.ts', 'src/worker.ts', 'src/app.ts', 'main.ts', 'index.ts', 'src/main.js', 'src/index.js', 'index.js', 'server.js');
  const found = new Set<string>();
  for (const candidate of candidates) {
    for (const option of sourceCandidatesFor(candidate)) {
      if (isFile(path.join(dir, option))) {
        found.add(path.posix.join(pkg.root, option.split(path.sep).join('/')));
        break;
      }
    }
  }
  return [...found].sort();
}

/** `dist/main.js` → `src/main.ts`, `main.js`, …: where the source of a build artefact lives. */
export function sourceCandidatesFor(file: string): string[] {
  const clean = file.replace(/^\.\//, '');
  const noExt = clean.replace(/\.[cm]?[jt]sx?$/, '');
  const bases = [noExt];
  const m = noExt.match(/^(?:dist|build|lib|out)\/(?:apps\/[^/]+\/)?(?:src\/)?(.*)$/);
  if (m) bases.push(`src/${m[1]}`, m[1]!);
  const out: string[] = [];
  for (const base of bases) {
    for (const ext of ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs']) out.push(base + ext);
  }
  return out;
}

export function toServiceInfo(pkg: ClassifiedPackage): ServiceInfo {
  return { name: pkg.name, root: pkg.root, source: pkg.source, kind: pkg.kind };
}
