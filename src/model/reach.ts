import picomatch from 'picomatch';
import type { ImportGraph } from '../resolution/import-graph.js';
import { joinListed, toRelative } from '../util/paths.js';
import type { ChainStep } from './result.js';

/** A deployed process as reachability needs it. */
export interface ProcessSpec {
  name: string;
  /** Repo-relative folder of the package it runs from. */
  root: string;
  /**
   * Repo-relative files the process starts from. Undefined: not known, and every file of the
   * package counts as run by the process (with `globs`, every file matching them).
   */
  entries?: string[];
  globs?: string[];
}

export interface Reaching {
  process: string;
  /** Entry → … → file, as import steps (empty when the file is the process's own). */
  via: ChainStep[];
  /** The file is one the process starts from (or, without entries, one of its package). */
  own: boolean;
}

/**
 * Which processes run a file: those whose entry files reach it through runtime imports (SPEC §3;
 * `import type` excluded). Answered backwards from the file — its importers, theirs, … — so
 * the cost follows the queue code, not the size of the repository.
 */
export class Reach {
  private readonly memo = new Map<string, Reaching[]>();
  private readonly starts: Array<{ process: ProcessSpec; has: (rel: string) => boolean }>;
  private readonly claimedByGlobs: (rel: string) => boolean;

  constructor(
    private readonly root: string,
    processes: readonly ProcessSpec[],
    private readonly graph: ImportGraph,
    /** The package root a repo-relative file belongs to (the deepest one). */
    private readonly packageRootOf: (rel: string) => string | undefined,
    /** The 1-based line of a byte offset in a repo-relative file. */
    private readonly lineOf: (rel: string, offset: number) => number = () => 1,
  ) {
    // Files a glob-declared service claims belong to it alone, whatever package holds them.
    const claims = processes.filter((p) => p.globs).map((p) => picomatch(p.globs!, { dot: true }));
    const claimed = (rel: string): boolean => claims.some((m) => m(rel));
    this.claimedByGlobs = claimed;
    this.starts = processes.map((p) => {
      if (p.entries) {
        const set = new Set(p.entries);
        return { process: p, has: (rel: string) => set.has(rel) };
      }
      if (p.globs) {
        const match = picomatch(p.globs, { dot: true });
        return { process: p, has: (rel: string) => match(rel) };
      }
      return { process: p, has: (rel: string) => this.packageRootOf(rel) === p.root && !claimed(rel) };
    });
  }

  /**
   * Whether `rel` is the process's own code: a file of its package (or, for a glob-declared
   * service, matching its globs) — "package" in the JSON's attribution, "import" otherwise.
   */
  owns(process: string, rel: string): boolean {
    const s = this.starts.find((x) => x.process.name === process);
    if (!s) return false;
    if (s.process.globs) return s.has(rel);
    return this.packageRootOf(rel) === s.process.root && !this.claimedByGlobs(rel);
  }

  /** The processes that run `rel` (repo-relative), each with the import path that reaches it. */
  processesReaching(rel: string): Reaching[] {
    const cached = this.memo.get(rel);
    if (cached) return cached;
    // A file a glob-declared service claims runs there only: the config overrides discovery.
    const claim = this.starts.find((s) => s.process.globs && s.has(rel));
    if (claim) {
      const only = [{ process: claim.process.name, via: [], own: true }];
      this.memo.set(rel, only);
      return only;
    }
    const out = new Map<string, Reaching>();
    const parent = new Map<string, { file: string; at: number } | undefined>([[rel, undefined]]);
    const queue = [rel];
    for (let i = 0; i < queue.length; i++) {
      const file = queue[i]!;
      for (const s of this.starts) {
        if (out.has(s.process.name) || !s.has(file)) continue;
        out.set(s.process.name, { process: s.process.name, via: this.path(file, parent), own: this.owns(s.process.name, rel) });
      }
      for (const importer of this.graph.importersOf(joinListed(this.root, file))) {
        if (importer.record.typeOnly) continue;
        const from = toRelative(this.root, importer.file);
        if (parent.has(from)) continue;
        parent.set(from, { file, at: importer.record.at ?? 0 });
        queue.push(from);
      }
    }
    const list = [...out.values()].sort((a, b) => (a.process < b.process ? -1 : a.process > b.process ? 1 : 0));
    this.memo.set(rel, list);
    return list;
  }

  /** Import steps from `start` (the process's file) down to the target: each importing line. */
  private path(start: string, parent: Map<string, { file: string; at: number } | undefined>): ChainStep[] {
    const steps: ChainStep[] = [];
    for (let f = start, next = parent.get(f); next; f = next.file, next = parent.get(f)) {
      steps.push({ kind: 'import', file: f, line: this.lineOf(f, next.at), column: 1 });
    }
    return steps;
  }
}
