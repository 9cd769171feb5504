import type { ServiceDeclaration } from '../config/types.js';
import type { ClassifiedPackage } from './services.js';

/**
 * Config `services` override discovery (SPEC §3, §6):
 * - `{ root, entry }` declares (or renames) the service rooted at a folder; a discovered package at
 *   the same root is replaced by it;
 * - a list of globs carves a service out of files, whatever package holds them — how one package
 *   started as two processes (`main.ts`, `worker.ts`) becomes two services.
 */
export function applyConfigServices(packages: ClassifiedPackage[], declarations: Record<string, ServiceDeclaration>): ClassifiedPackage[] {
  const entries = Object.entries(declarations);
  if (entries.length === 0) return packages;
  const declaredRoots = new Set<string>();
  const declared: ClassifiedPackage[] = entries.map(([name, declaration]) => {
    if (Array.isArray(declaration)) {
      return { name, root: commonFolder(declaration), source: 'config', kind: 'service', reason: 'declared in config (globs)', globs: declaration };
    }
    const root = normalise(declaration.root);
    declaredRoots.add(root);
    const original = packages.find((p) => p.root === root);
    return {
      ...(original ?? {}),
      name,
      root,
      source: 'config',
      kind: 'service',
      reason: 'declared in config',
    };
  });
  return [...packages.filter((p) => !declaredRoots.has(p.root)), ...declared];
}

function normalise(root: string): string {
  const clean = root.replace(/^\.\//, '').replace(/\/+$/, '');
  return clean === '' ? '.' : clean;
}

/** The folder every glob starts with, for display (`apps/api/src/*.ts` → `apps/api/src`). */
function commonFolder(globs: string[]): string {
  const fixed = globs.map((g) => g.split('/').filter((part, i, all) => i < all.length - 1 && !/[*?[\]{}!]/.test(part)));
  const first = fixed[0] ?? [];
  let n = 0;
  while (n < first.length && fixed.every((f) => f[n] === first[n])) n++;
  return first.slice(0, n).join('/') || '.';
}
