import path from 'node:path';
import type { ServiceInfo } from '../model/result.js';
import type { WorkspacePackage } from './packages.js';

/** Folder names whose packages are deployables by convention (Nx, Turborepo, NestJS monorepos). */
const SERVICE_FOLDERS = new Set(['apps', 'services', 'servers', 'workers', 'microservices', 'backends']);
const START_SCRIPTS = ['start', 'start:prod', 'serve', 'start:worker', 'worker'];

/** A workspace package classified as a deployable service or a library. */
export interface ClassifiedPackage extends WorkspacePackage {
  kind: 'service' | 'library';
  /** Why it was classified so, for `explain` and the README. */
  reason: string;
  /** Config services declared as file globs: files matching them belong here, whatever their folder. */
  globs?: string[];
}

export function classifyPackages(packages: WorkspacePackage[]): ClassifiedPackage[] {
  const onlyRoot = packages.length === 1;
  return packages.map((pkg) => ({ ...pkg, ...classify(pkg, onlyRoot) }));
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
