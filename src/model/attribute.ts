import type { ResolvedConfig } from '../config/types.js';
import type { ClassifiedPackage } from '../discovery/services.js';
import type { Extraction } from '../extract/extract.js';
import type { Fact } from '../extract/facts.js';
import { applyNestPrefixes } from '../extract/nest-prefixes.js';
import { enclosingClass } from '../extract/dispatch.js';
import { enclosingFunction } from '../extract/extract.js';
import { CallSiteFinder, instantiateWrappers } from '../extract/wrappers.js';
import { ts } from '../util/typescript.js';
import { type Attribution, PackageIndex } from './attribution.js';
import { ImportReach } from './import-reach.js';
import { NestLiveness } from './nest-liveness.js';

/**
 * Decides which services run each fact (SPEC §3):
 * - a Nest processor runs where it is live (module graph from each bootstrap, §2.5);
 * - plain code in a service package runs in that service;
 * - plain code in a library runs in every service whose code imports it (file-level);
 * - what no service provably reaches stays attributed to its own package (`attribution: "package"`).
 */
export class Attributor {
  private readonly index: PackageIndex;
  private readonly nest: NestLiveness;
  private readonly reach: ImportReach;
  private readonly finder: CallSiteFinder;
  /** Classes whose Nest providers matter: processors, and Worker subclasses Nest may instantiate. */
  private readonly providerNames: Set<string>;
  private readonly used = new Set<string>();
  private readonly dead: Array<{ label: string; queue: string | null; file: string; line: number; column: number }> = [];

  constructor(
    root: string,
    packages: ClassifiedPackage[],
    private readonly config: ResolvedConfig,
    private readonly extraction: Extraction,
    private readonly files: string[],
  ) {
    this.index = new PackageIndex(packages);
    this.providerNames = new Set(extraction.facts.flatMap((f) => (f.type === 'consumer' && f.nestClass ? [f.nestClass.name] : [])));
    this.nest = new NestLiveness(root, this.index, extraction.ctx, files, this.providerNames);
    this.reach = new ImportReach(root, this.index, extraction.ctx, files);
    this.finder = new CallSiteFinder(extraction.ctx, files);
  }

  /** Replaces facts that depend on a wrapper's parameters by one fact per call site. */
  instantiate(facts: Fact[]): Fact[] {
    const instantiated = dedupeFacts(applyNestPrefixes(instantiateWrappers(facts, this.extraction.ctx, this.finder), this.extraction.ctx, this.files));
    // Worker subclasses nobody `new`s may be Nest providers: the module graph must resolve them.
    for (const fact of instantiated) if (fact.type === 'consumer' && fact.constructedBy) this.collectSubclassNames(fact.constructedBy, 0);
    // Every library file with a fact gets its importing services in one search.
    this.reach.prepare(instantiated.map((f) => f.location.file).filter((file) => this.index.packageOf(file)?.kind === 'library'));
    return instantiated;
  }

  attribute(fact: Fact): Attribution[] {
    const out = this.compute(fact);
    for (const a of out) this.used.add(a.service);
    return out;
  }

  deadProcessors() {
    return this.dead;
  }

  usedPackageNames(): Set<string> {
    return this.used;
  }

  private compute(fact: Fact): Attribution[] {
    const file = fact.location.file;
    const pkg = this.index.packageOf(file);
    if (!pkg) return [];
    if (fact.type === 'consumer' && fact.nestClass) {
      const live = this.nest.servicesRunning(fact.nestClass, fact.library, fact.queue);
      if (live === 'unknown') return this.plain(file);
      if (live.length === 0) {
        this.dead.push({ label: fact.label ?? fact.nestClass.name, queue: 'value' in fact.queue ? fact.queue.value : null, ...fact.location });
      }
      return live;
    }
    if (fact.type === 'consumer' && fact.constructedBy) {
      const where = this.instantiations(fact.constructedBy, 0);
      // Library code that a service instantiates runs there "through an import" of that service.
      const inLibrary = pkg.kind === 'library';
      if (where.length > 0) return dedupeAttributions(where.map((a) => (inLibrary && a.attribution === 'package' ? { ...a, attribution: 'import' as const } : a)));
    }
    if (fact.type === 'consumer' && fact.nestRegister) {
      const live = this.nest.servicesRegistering(fact.nestRegister);
      return live === 'unknown' ? this.plain(file) : live;
    }
    return this.libraryAware(fact.enclosing, file, 0);
  }

  /**
   * Code inside a library function runs in the services that call that function (a factory the
   * API never calls does not make the API a consumer); at module level, or when no caller can be
   * found (an exported API used dynamically), in every service that imports the file.
   */
  private libraryAware(fn: ts.SignatureDeclaration | undefined, file: string, depth: number): Attribution[] {
    const pkg = this.index.packageOf(file);
    if (!fn || !pkg || pkg.kind !== 'library' || depth > 3 || ts.isConstructorDeclaration(fn)) return this.plain(file);
    const sites = this.finder.callSites(fn);
    if (sites.length === 0) return this.plain(file);
    const ctx = this.extraction.ctx;
    const out = sites.flatMap((site) => this.libraryAware(enclosingFunction(site), ctx.location(site).file, depth + 1));
    // The code lives in the library and runs in a service because that service calls it.
    return dedupeAttributions(out.map((a) => (a.attribution === 'package' && a.service !== pkg.name ? { ...a, attribution: 'import' as const } : a)));
  }

  /**
   * Where a class is instantiated: the services of the files that run `new Cls(…)`, following
   * subclasses whose constructors call `super(…)`; a class nobody `new`s but a live Nest module
   * lists as a provider is instantiated by Nest in that app.
   */
  private instantiations(cls: ts.ClassLikeDeclaration, depth: number): Attribution[] {
    if (depth > 4) return [];
    const sites = this.finder.constructionSites(cls);
    if (sites.length === 0) return this.nest.servicesProviding(cls);
    return sites.flatMap((site) => {
      if (ts.isCallExpression(site) && site.expression.kind === ts.SyntaxKind.SuperKeyword) {
        const sub = enclosingClass(site);
        return sub ? this.instantiations(sub, depth + 1) : [];
      }
      return this.plain(this.extraction.ctx.location(site).file);
    });
  }

  private collectSubclassNames(cls: ts.ClassLikeDeclaration, depth: number): void {
    if (!cls.name || depth > 4) return;
    this.providerNames.add(cls.name.text);
    for (const site of this.finder.constructionSites(cls)) {
      if (ts.isCallExpression(site) && site.expression.kind === ts.SyntaxKind.SuperKeyword) {
        const sub = enclosingClass(site);
        if (sub) this.collectSubclassNames(sub, depth + 1);
      }
    }
  }

  private plain(file: string): Attribution[] {
    const pkg = this.index.packageOf(file)!;
    if (pkg.kind === 'service') return [{ service: pkg.name, attribution: 'package' }];
    const services = this.reach.servicesReaching(file);
    if (services.length > 0) return services.map(({ service, via }) => ({ service, attribution: 'import' as const, via }));
    return [{ service: pkg.name, attribution: 'package' }];
  }
}

function dedupeAttributions(list: Attribution[]): Attribution[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.service) && seen.add(a.service)).sort((a, b) => (a.service < b.service ? -1 : 1));
}

/**
 * One fact per site: a wrapper both declared in the config and inferred from its body, or a
 * call site reached through two wrapper paths, must not count twice.
 */
function dedupeFacts(facts: Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const name = (n: Fact['queue'] | undefined): string => (!n ? '' : 'value' in n ? n.value : `?${n.text}`);
    const key = [f.type, f.kind, f.location.file, f.location.line, f.location.column, name(f.queue), name(f.prefix), f.type === 'producer' ? name(f.job) : f.definition].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
