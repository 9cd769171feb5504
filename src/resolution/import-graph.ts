import path from 'node:path';
import type { ImportRecord } from '../sources/import-scan.js';
import type { ModuleResolver, Resolution } from './module-resolver.js';

export interface ResolvedImport {
  record: ImportRecord;
  resolution: Resolution;
}

export interface Importer {
  /** Absolute path of the importing file. */
  file: string;
  record: ImportRecord;
}

const SOURCE_EXTENSION = /\.(?:[cm]?tsx?|[cm]?jsx?|json)$/;

/**
 * The repository's import graph, resolved on demand.
 *
 * Every file's specifiers are known up front (scanned, not parsed: sources/import-scan.ts),
 * but resolving all of them would cost more than the rest of the analysis. Questions come in
 * two directions and each resolves only what it needs:
 * - `importsOf(file)`: the file's own specifiers (reachability from a process entry);
 * - `importersOf(file)`: which files import this one. A specifier can only lead to a file if
 *   its last path segment is the file's name, its folder's name (an `index` file) or a workspace
 *   package's name, or if it is a `paths` alias that says nothing about the file's name (those,
 *   and `.`/`..`, are resolved once and grouped by the file they lead to).
 */
export class ImportGraph {
  private readonly resolved = new Map<string, ResolvedImport[]>();
  private index: Map<string, Importer[]> | undefined;
  /**
   * Specifiers whose last segment says nothing about the file: `.`, `..`, and `paths` aliases
   * like `"@mailer": ["src/mailer.ts"]`. Resolved once, when importers are first asked.
   */
  private readonly opaque: Importer[] = [];
  /** Context records (a template `require` over a folder), with the folder's absolute path and a `/`. */
  private readonly contexts: Array<{ importer: Importer; dir: string }> = [];
  private readonly importers = new Map<string, Importer[]>();

  constructor(
    private readonly files: readonly string[],
    private readonly recordsOf: (abs: string) => readonly ImportRecord[],
    private readonly resolver: ModuleResolver,
    /** The workspace package name a file belongs to, if any. */
    private readonly packageNameOf: (abs: string) => string | undefined,
    /**
     * Whether a bare specifier is a `paths` alias whose last segment need not be the file's
     * name: an exact key (`"@mailer": ["src/mailer.ts"]`), or a pattern that puts text around
     * the star (`@svc/<name>` mapped to `src/<name>.service.ts`, `#<name>` to `src/<name>`,
     * `@org/<name>` to `libs/<name>/src/index.ts`).
     */
    private readonly isOpaqueAlias: (importer: string, spec: string) => boolean = () => false,
  ) {}

  importsOf(file: string): ResolvedImport[] {
    let list = this.resolved.get(file);
    if (!list) {
      list = this.recordsOf(file).map((record) => ({ record, resolution: this.resolver.resolve(file, record.spec) }));
      this.resolved.set(file, list);
    }
    return list;
  }

  /** Resolution of one record of `file` (memoised with the rest of its imports). */
  resolutionOf(file: string, record: ImportRecord): Resolution {
    return this.importsOf(file).find((r) => r.record === record)?.resolution ?? this.resolver.resolve(file, record.spec);
  }

  importersOf(target: string): Importer[] {
    const cached = this.importers.get(target);
    if (cached) return cached;
    const index = this.buildIndex();
    const keys = new Set<string>([stem(path.posix.basename(target))]);
    if (/^index\.[^/]+$/.test(path.posix.basename(target))) keys.add(path.posix.basename(path.posix.dirname(target)));
    const pkg = this.packageNameOf(target);
    if (pkg) keys.add(`pkg:${pkg}`);
    const out: Importer[] = [];
    const seen = new Set<Importer>();
    const consider = (candidate: Importer): void => {
      if (seen.has(candidate)) return;
      seen.add(candidate);
      const r = this.resolutionOf(candidate.file, candidate.record);
      if (r.kind === 'file' && r.file === target) out.push(candidate);
    };
    for (const key of keys) for (const candidate of index.get(key) ?? []) consider(candidate);
    for (const candidate of this.opaqueByTarget().get(target) ?? []) consider(candidate);
    // `require(\`./routers/${r}\`)`: every source file under the folder may be the one loaded.
    if (SOURCE_EXTENSION.test(target) && !/\.d\.[cm]?ts$/.test(target)) {
      for (const c of this.contexts) if (target.startsWith(c.dir) && !seen.has(c.importer)) {
        seen.add(c.importer);
        out.push(c.importer);
      }
    }
    this.importers.set(target, out);
    return out;
  }

  private opaqueIndex: Map<string, Importer[]> | undefined;

  /** The opaque records, resolved once and grouped by the file they lead to. */
  private opaqueByTarget(): Map<string, Importer[]> {
    if (this.opaqueIndex) return this.opaqueIndex;
    const byTarget = new Map<string, Importer[]>();
    for (const importer of this.opaque) {
      const r = this.resolver.resolve(importer.file, importer.record.spec);
      if (r.kind !== 'file') continue;
      const list = byTarget.get(r.file);
      if (list) list.push(importer);
      else byTarget.set(r.file, [importer]);
    }
    this.opaqueIndex = byTarget;
    return byTarget;
  }

  private buildIndex(): Map<string, Importer[]> {
    if (this.index) return this.index;
    const index = new Map<string, Importer[]>();
    const add = (key: string, importer: Importer): void => {
      const list = index.get(key);
      if (list) list.push(importer);
      else index.set(key, [importer]);
    };
    for (const file of this.files) {
      for (const record of this.recordsOf(file)) {
        const importer = { file, record };
        const spec = record.spec;
        if (record.kind === 'context') {
          this.contexts.push({ importer, dir: `${path.posix.resolve(path.posix.dirname(file), spec)}/` });
          continue;
        }
        const last = stem(spec.replace(/\/+$/, '').split('/').pop() ?? '');
        if (last === '' || last === '.' || last === '..') {
          this.opaque.push(importer);
          continue;
        }
        const bare = !spec.startsWith('.') && !spec.startsWith('/');
        if (bare && this.isOpaqueAlias(file, spec)) {
          this.opaque.push(importer);
          continue;
        }
        add(last, importer);
        if (bare) add(`pkg:${packageName(spec)}`, importer);
      }
    }
    this.index = index;
    return index;
  }
}

function stem(name: string): string {
  return name.replace(SOURCE_EXTENSION, '');
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
