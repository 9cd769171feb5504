import path from 'node:path';
import type { WorkspacePackage } from '../packages.js';
import { sourceCandidatesFor } from '../services.js';
import type { OutputRule } from './build-outputs.js';
import { type FileIndex, isInside, joinRel, relativeTo } from './file-index.js';

export type EntryResult = { entry: string } | { reason: string };

const JS_SWAPS: Record<string, readonly string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.ts': ['.ts'],
  '.tsx': ['.tsx'],
  '.mts': ['.mts'],
  '.cts': ['.cts'],
};
const ALL_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * From the file a command runs to the source file the analysis reads: the file itself (a
 * JavaScript package, `ts-node src/main.ts`); Node's own resolution (`node dist/main` without
 * extension, a folder → its `index`, a package folder → its `main`); the `.ts` a `.js` was
 * compiled from; the package's build outputs (tsconfig `outDir`/`rootDir`, Nest and Nx
 * bundles); and last the same relative path under `src/` (`sourceCandidatesFor`).
 */
export class EntryMapper {
  private readonly byRoot: WorkspacePackage[];

  constructor(
    private readonly files: FileIndex,
    packages: readonly WorkspacePackage[],
    private readonly rulesOf: (pkg: WorkspacePackage) => readonly OutputRule[],
    private readonly globalRules: readonly OutputRule[] = [],
  ) {
    // Deepest first, so the package that holds a path is the first that contains it.
    this.byRoot = [...packages].sort((a, b) => depth(b.root) - depth(a.root) || (a.root < b.root ? -1 : 1));
  }

  /** The workspace package a repo-relative path belongs to (the deepest that contains it). */
  packageOf(rel: string): WorkspacePackage | undefined {
    return this.byRoot.find((p) => isInside(p.root, rel));
  }

  map(hostPath: string): EntryResult {
    const tried: string[] = [];
    const hit = this.direct(hostPath, tried, true);
    if (hit) return { entry: hit };
    const pkg = this.packageOf(hostPath);
    const rules = [...(pkg ? this.rulesOf(pkg) : []), ...this.globalRules]
      .filter((r) => isInside(r.outDir, hostPath) && r.outDir !== '.')
      .sort((a, b) => b.outDir.length - a.outDir.length);
    for (const rule of rules) {
      const rest = relativeTo(rule.outDir, hostPath);
      if (rule.kind === 'bundle') {
        if (rest === '' || /^(?:main|index)(?:\.[cm]?js)?$/.test(rest) || stripExt(rest) === path.posix.basename(rule.main)) {
          const main = this.direct(rule.main, tried, false);
          if (main) return { entry: main };
        }
        continue;
      }
      const bases = [rule.rootDir, joinRel(rule.pkgRoot, 'src'), rule.pkgRoot, '.'].filter((b): b is string => b !== undefined);
      for (const base of new Set(bases)) {
        const candidate = joinRel(base, rest);
        const found = candidate && this.direct(candidate, tried, false);
        if (found) return { entry: found };
      }
    }
    if (pkg) {
      const candidates = sourceCandidatesFor(relativeTo(pkg.root, hostPath));
      // …and, for a folder (`node dist/jobs`), each of those places as a folder with an index.
      const folders = [...new Set(candidates.map((c) => c.replace(/\.[cm]?[jt]sx?$/, '')))].flatMap((base) => ALL_EXTENSIONS.map((e) => `${base}/index${e}`));
      for (const candidate of [...candidates, ...folders]) {
        const rel = joinRel(pkg.root, candidate);
        if (rel === undefined) continue;
        tried.push(rel);
        if (this.files.isSource(rel)) return { entry: rel };
      }
    }
    // The places looked in, not every extension: `src/main.*` says it.
    const places = [...new Set(tried.map((t) => t.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '')))];
    const shown = places.slice(0, 4).map((p) => `${p}.*`).join(', ');
    return { reason: `no source file for ${hostPath}${shown ? ` (looked for ${shown}${places.length > 4 ? ` and ${places.length - 4} more` : ''})` : ''}` };
  }

  /** Node's resolution of `p` among the listed sources, with `.js` → `.ts` swaps. */
  private direct(p: string, tried: string[], followMain: boolean): string | undefined {
    if (this.files.isSource(p)) return p;
    const ext = path.posix.extname(p);
    const swaps = JS_SWAPS[ext];
    const base = swaps ? p.slice(0, -ext.length) : p;
    for (const e of swaps ?? ALL_EXTENSIONS) {
      tried.push(base + e);
      if (this.files.isSource(base + e)) return base + e;
    }
    if (!swaps) {
      if (followMain) {
        const pkg = this.byRoot.find((x) => x.root === p);
        const main = pkg?.manifest?.main;
        if (typeof main === 'string') {
          const target = joinRel(p, main);
          const viaMain = target && target !== p ? this.map(target) : undefined;
          if (viaMain && 'entry' in viaMain) return viaMain.entry;
        }
      }
      for (const e of ALL_EXTENSIONS) {
        const index = p === '.' ? `index${e}` : `${p}/index${e}`;
        tried.push(index);
        if (this.files.isSource(index)) return index;
      }
    }
    return undefined;
  }
}

function depth(root: string): number {
  return root === '.' ? 0 : root.split('/').length;
}

function stripExt(rel: string): string {
  return rel.replace(/\.[cm]?[jt]sx?$/, '');
}
