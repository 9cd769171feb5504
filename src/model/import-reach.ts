import path from 'node:path';
import { ts } from 'ts-morph';
import type { AnalysisContext } from '../extract/context.js';
import type { PackageIndex } from './attribution.js';

const MAX_FILES_VISITED = 5000;

/**
 * Which services import a library file, directly or through other library files (SPEC §3).
 * A reverse search from the file: its importers are found by a text test first (the file's stem,
 * its package name when it is the entry) and confirmed by resolving the importer's imports, so
 * only plausible files are scanned. A file inside a service package counts for that service.
 */
export class ImportReach {
  private readonly importsCache = new Map<string, Set<string>>();
  private readonly memo = new Map<string, string[]>();

  constructor(
    private readonly root: string,
    private readonly index: PackageIndex,
    private readonly ctx: AnalysisContext,
    private readonly files: string[],
  ) {}

  servicesReaching(file: string): string[] {
    const cached = this.memo.get(file);
    if (cached) return cached;
    const services = new Set<string>();
    const visited = new Set<string>([file]);
    const queue = [file];
    while (queue.length > 0 && visited.size < MAX_FILES_VISITED) {
      const current = queue.shift()!;
      for (const importer of this.importersOf(current)) {
        if (visited.has(importer)) continue;
        visited.add(importer);
        const pkg = this.index.packageOf(importer);
        if (pkg?.kind === 'service') services.add(pkg.name);
        else queue.push(importer);
      }
    }
    const out = [...services].sort();
    this.memo.set(file, out);
    return out;
  }

  private importersOf(target: string): string[] {
    const tokens = this.tokensFor(target);
    const targetAbs = path.join(this.root, target);
    return this.files.filter((candidate) => {
      if (candidate === target) return false;
      const text = this.ctx.store.text(path.join(this.root, candidate));
      if (!text || !tokens.some((t) => text.includes(t))) return false;
      return this.importsOf(candidate).has(targetAbs);
    });
  }

  /** Strings an import of `file` must contain: its stem (or folder for index files), its package name. */
  private tokensFor(file: string): string[] {
    const stem = path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
    const tokens = [stem === 'index' ? path.posix.basename(path.posix.dirname(file)) : stem];
    const pkg = this.index.packageOf(file);
    if (pkg?.packageName) tokens.push(pkg.packageName);
    // tsconfig aliases such as `@app/queue` do not contain the file name: the folder of the
    // package is the most specific string they are likely to share, else accept every importer.
    if (stem === 'index') tokens.push('@');
    return tokens;
  }

  private importsOf(file: string): Set<string> {
    const cached = this.importsCache.get(file);
    if (cached) return cached;
    const abs = path.join(this.root, file);
    const text = this.ctx.store.text(abs) ?? '';
    const info = ts.preProcessFile(text, true, true);
    const out = new Set<string>();
    for (const imported of info.importedFiles) {
      const resolved = this.ctx.resolver.resolve(abs, imported.fileName);
      if (resolved) out.add(resolved);
    }
    this.importsCache.set(file, out);
    return out;
  }
}
