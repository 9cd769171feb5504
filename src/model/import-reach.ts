import path from 'node:path';
import type { AnalysisContext } from '../extract/context.js';
import type { PackageIndex } from './attribution.js';
import { type ImportSpecifier, importFingerprint, importSpecifiers } from './import-specifiers.js';
import type { ChainStep } from './result.js';
import { joinListed } from '../util/paths.js';

const MAX_LEVELS = 12;
/** Folder names too generic to identify an import of an index file. */
const GENERIC_FOLDERS = new Set(['src', 'lib', 'dist', 'source', 'app']);

/**
 * Which services import a library file, directly or through other library files (SPEC §3).
 * A breadth-first search backwards from the files, one pass over the repository per level for
 * all of them at once (`prepare`): an index of every file's imports by token picks the files
 * whose imports spell a frontier file's stem, folder or package name, and only those imports are
 * resolved. A file inside a service package counts for that service and ends the
 * search along that path; each service keeps the first import path found, for `explain`.
 */
export class ImportReach {
  private readonly specifierCache = new Map<string, ImportSpecifier[]>();
  private readonly memo = new Map<string, Array<{ service: string; via: ChainStep[] }>>();
  private readonly absolute: string[];
  /** Import token (specifier tail or whole specifier) → indices of the files importing it. */
  private byToken: Map<string, number[]> | undefined;

  constructor(
    private readonly root: string,
    private readonly index: PackageIndex,
    private readonly ctx: AnalysisContext,
    private readonly files: string[],
  ) {
    this.absolute = files.map((f) => joinListed(root, f));
  }

  /** Services whose files import `file` (transitively), each with the first import path found. */
  servicesReaching(file: string): Array<{ service: string; via: ChainStep[] }> {
    if (!this.memo.has(file)) this.prepare([file]);
    return this.memo.get(file)!;
  }

  /** Runs one search for every given library file (repeated levels, not repeated searches). */
  prepare(targets: string[]): void {
    const pending = [...new Set(targets)].filter((t) => !this.memo.has(t));
    if (pending.length === 0) return;
    // file → the targets it (transitively) imports, and the step towards each
    const reached = new Map<string, Map<string, { step?: ChainStep; next?: string }>>();
    const services = new Map<string, Map<string, ChainStep[]>>(pending.map((t) => [t, new Map()]));
    for (const t of pending) reached.set(path.join(this.root, t), new Map([[t, {}]]));
    let frontier = pending.map((t) => path.join(this.root, t));
    for (let level = 0; level < MAX_LEVELS && frontier.length > 0; level++) {
      const frontierSet = new Set(frontier);
      const tokens = new Set(frontier.flatMap((f) => this.tokensFor(path.relative(this.root, f).split(path.sep).join('/'))));
      const next: string[] = [];
      // Frontier files are candidates too: a library file importing another one passes its
      // importers on to both. Candidates are visited in listing order, so the first import path
      // found for each service does not depend on the order of the tokens.
      for (const i of this.filesImporting(tokens)) {
        const abs = this.absolute[i]!;
        const rel = this.files[i]!;
        let grew = false;
        for (const s of this.specifiersOf(abs)) {
          if (!tokens.has(s.tail) && !tokens.has(s.specifier)) continue;
          const resolved = this.ctx.resolver.resolve(abs, s.specifier);
          const origins = resolved && frontierSet.has(resolved) ? reached.get(resolved) : undefined;
          if (!origins) continue;
          const mine = reached.get(abs) ?? new Map();
          for (const target of origins.keys()) {
            if (mine.has(target)) continue;
            mine.set(target, { step: { kind: 'import', label: s.specifier, ...this.position(rel, abs, s.offset) }, next: resolved });
            grew = true;
          }
          reached.set(abs, mine);
        }
        if (!grew) continue;
        const pkg = this.index.packageOf(rel);
        if (pkg?.kind === 'service') {
          for (const target of reached.get(abs)!.keys()) {
            const perTarget = services.get(target)!;
            if (!perTarget.has(pkg.name)) perTarget.set(pkg.name, this.chain(abs, target, reached));
          }
        } else next.push(abs);
      }
      frontier = next;
    }
    for (const [target, perTarget] of services) {
      this.memo.set(target, [...perTarget].sort(([a], [b]) => (a < b ? -1 : 1)).map(([service, via]) => ({ service, via })));
    }
  }

  private chain(from: string, target: string, reached: Map<string, Map<string, { step?: ChainStep; next?: string }>>): ChainStep[] {
    const steps: ChainStep[] = [];
    let current: string | undefined = from;
    while (current && steps.length < MAX_LEVELS) {
      const link: { step?: ChainStep; next?: string } | undefined = reached.get(current)?.get(target);
      if (!link?.step) break;
      steps.push(link.step);
      current = link.next;
    }
    return steps;
  }

  private position(rel: string, abs: string, offset: number): { file: string; line: number; column: number } {
    const text = this.ctx.store.text(abs) ?? '';
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { file: rel, line, column: offset - lineStart + 1 };
  }

  /**
   * Indices (ascending) of the files with an import whose last segment or whole specifier is one
   * of `tokens`. The index behind it reads every file's imports once, on the first search: a
   * search per library file used to test every file for every token, which cost seconds on a
   * repository with hundreds of library facts.
   */
  private filesImporting(tokens: Set<string>): number[] {
    if (!this.byToken) {
      this.byToken = new Map();
      for (let i = 0; i < this.files.length; i++) {
        for (const s of this.specifiersOf(this.absolute[i]!)) {
          for (const key of [s.tail, s.specifier]) {
            const list = this.byToken.get(key);
            if (!list) this.byToken.set(key, [i]);
            else if (list[list.length - 1] !== i) list.push(i);
          }
        }
      }
    }
    const found = new Set<number>();
    for (const token of tokens) for (const i of this.byToken.get(token) ?? []) found.add(i);
    return [...found].sort((a, b) => a - b);
  }

  /** Strings an import of `file` is likely to contain: its stem, its folder, its package name. */
  private tokensFor(file: string): string[] {
    const stem = path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
    const tokens: string[] = [];
    if (stem !== 'index') tokens.push(stem);
    const folder = path.posix.basename(path.posix.dirname(file));
    if (!GENERIC_FOLDERS.has(folder)) tokens.push(folder);
    const pkg = this.index.packageOf(file);
    if (pkg?.packageName) tokens.push(pkg.packageName);
    if (pkg && pkg.root !== '.') tokens.push(path.posix.basename(pkg.root));
    return tokens.length > 0 ? tokens : [stem];
  }

  /**
   * Import specifiers of a file (import-specifiers.ts). Read through the store's import scan: a
   * file import reach only scans counts as unchanged for the cache while its specifiers are; a
   * file on a reported path is decoded in full (`position`), so any edit to it counts.
   */
  private specifiersOf(abs: string): ImportSpecifier[] {
    const cached = this.specifierCache.get(abs);
    if (cached) return cached;
    const text = this.ctx.store.text(abs, 'imports');
    const out = text === null ? [] : importSpecifiers(text);
    if (text !== null) this.ctx.store.noteImports(abs, importFingerprint(out));
    this.specifierCache.set(abs, out);
    return out;
  }
}
