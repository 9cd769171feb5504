import type { HandledNameEvidence } from '../model/result.js';
import { packageNameOf } from '../resolution/repo-host.js';
import { ts } from '../util/typescript.js';
import { type Ctx, ROOT } from '../values/context.js';
import { describe, str, UNDEF, unknown, type Value } from '../values/domain.js';
import { nodeId, oneLine } from '../values/program.js';
import { lookup, skipOuter } from '../values/scope.js';
import { type DetectorContext, instantiate, location, runsAt } from './context.js';
import { analyzeProcessor } from './dispatch.js';
import type { ChainLink, NestApp, NestRegistrationFact } from './facts.js';
import { toName } from './names.js';
import { sandboxedProcessor } from './sandboxed.js';

const BOOTSTRAP_METHODS = new Set(['create', 'createApplicationContext', 'createMicroservice']);
const MAX_DEPTH = 60;

/**
 * `NestFactory.create(AppModule)` (and `createApplicationContext`, `createMicroservice`): the
 * app's module graph, walked through the engine's values — `@Module({ imports, providers,
 * controllers })`, dynamic modules returned by static methods or in-house factories fed by
 * arguments (`createDomainQueueModule({ queues: [...] })`), `forwardRef`, spreads, `.map`,
 * and conditional lists (`cond ? [P] : []`, the condition kept). The providers it reaches and
 * the queues it registers decide where processors run (SPEC §2.5); `registerQueue({
 * processors })` entries become consumers of that app.
 */
export function isBootstrap(call: ts.CallExpression, dc: DetectorContext): boolean {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !BOOTSTRAP_METHODS.has(callee.name.text) || !call.arguments[0]) return false;
  const target = dc.interp.question(() => dc.interp.eval(callee, ROOT), () => UNDEF);
  return target.k === 'lib' && packageNameOf(target.module) === '@nestjs/core' && target.path[0] === 'NestFactory';
}

/**
 * What the walk needs to look at: provider classes by name (a processor, a provided worker, a
 * class holding producers), and which files can hold a module that matters (the relevant files:
 * a module that registers no queue and lists no such class imports none either).
 */
export interface GraphScope {
  providerNames: ReadonlySet<string>;
  isRelevant(abs: string): boolean;
}

export function detectBootstrap(call: ts.CallExpression, dc: DetectorContext, scope: GraphScope): void {
  const callee = skipOuter(call.expression) as ts.PropertyAccessExpression;
  const arg = call.arguments[0]!;
  const instances = instantiate(dc, (ctx) => dc.interp.eval(arg, ctx), (v) => (v.k === 'open' ? v : undefined), () => unknown('bound: the evaluation budget ran out', call));
  for (const inst of instances) {
    const walker = new GraphWalker(dc, scope);
    const app: NestApp = {
      id: nodeId(dc.root, inst.ctx.anchor ?? call),
      location: location(dc, inst.ctx.anchor ?? call),
      runs: runsAt(dc, inst, call),
      rootModule: moduleLabel(inst.result),
      providers: walker.providers,
      registrations: walker.registrations,
      unresolved: walker.unresolved,
    };
    const start: ChainLink = { kind: 'bootstrap', ...location(dc, call), label: moduleLabel(inst.result) };
    dc.interp.question(
      () => walker.walk(inst.result, [], [start], 0, call, arg),
      () => walker.unresolved.push({ what: 'module', location: location(dc, call), reason: 'bound: the module graph is too large to evaluate', text: oneLine(call) }),
    );
    dc.app(app);
  }
}

class GraphWalker {
  readonly providers: NestApp['providers'] = new Map();
  readonly registrations: NestRegistrationFact[] = [];
  readonly unresolved: NestApp['unresolved'] = [];
  /** Modules walked → the fewest conditions on a path that reached them. */
  private readonly seen = new Map<string, number>();
  private readonly registered = new Set<string>();

  constructor(
    private readonly dc: DetectorContext,
    private readonly scope: GraphScope,
  ) {}

  /**
   * An element written as an identifier that names something no fact needs (an ordinary
   * provider, a module in a file no queue code is in) is not evaluated at all: evaluating it
   * would parse its file, for every service and controller of every app.
   */
  private skips(ref: ts.Node | undefined, kind: 'provider' | 'module'): boolean {
    if (!ref || !ts.isIdentifier(ref)) return false;
    if (kind === 'provider') return !this.scope.providerNames.has(ref.text);
    const decl = lookup(ref.text, ref);
    if (decl?.kind !== 'import') return false;
    const r = this.dc.resolver.resolve(ref.getSourceFile().fileName, decl.spec);
    return r.kind === 'file' && !this.scope.isRelevant(r.file);
  }

  /** Whether an identifier under `node` names a class queue code needs (a processor, say). */
  private mentionsQueueProvider(node: ts.Node): boolean {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(n) && this.scope.providerNames.has(n.text)) found = true;
      else ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  }

  /**
   * `ref`: where the module is referenced (the element of the importing module's `imports`): the
   * line to change to take it out of the app, shown in the chain.
   */
  walk(v: Value, conditions: string[], via: ChainLink[], depth: number, at: ts.Node, ref?: ts.Node): void {
    if (depth > MAX_DEPTH) return;
    const interp = this.dc.interp;
    switch (v.k) {
      case 'class': {
        const meta = moduleMetadata(this.dc, v.decl);
        if (!meta) return; // not a module (a provider listed among imports by mistake)
        const key = nodeId(this.dc.root, v.decl);
        const before = this.seen.get(key);
        if (before !== undefined && before <= conditions.length) return;
        this.seen.set(key, conditions.length);
        // The root module is named by the bootstrap step itself.
        const links = depth === 0 ? via : [...via, { kind: 'module' as const, ...location(this.dc, ref ?? v.decl), label: v.decl.name?.text }];
        this.walkMetadata(meta.value, meta.ctx, conditions, links, depth, meta.node);
        return;
      }
      case 'obj': {
        // A dynamic module: `{ module, imports, providers }` on top of the class's own metadata.
        const module = interp.member(v, 'module', at, ROOT);
        if (module.k === 'class') this.walk(module, conditions, via, depth + 1, at, ref);
        this.walkMetadata(v, ROOT, conditions, via, depth, v.node ?? at);
        return;
      }
      case 'nestReg':
        this.register(v.reg, conditions, via);
        return;
      case 'oneOf':
        for (const alt of v.alts) this.walk(alt.value, alt.cond ? [...conditions, alt.cond] : conditions, via, depth + 1, at, ref);
        return;
      case 'arr':
        v.items.forEach((item, i) => this.walk(item(), conditions, via, depth + 1, at, v.nodes?.[i] ?? ref));
        return;
      case 'undef':
      case 'null':
      case 'bool':
        return;
      case 'lib':
        return; // a library module (ConfigModule, TypeOrmModule…): registers no queue of ours
      default:
        // A dynamic module a library made (`TypeOrmModule.forFeature([Token])`,
        // `ClsModule.forRoot({…})`): registers no queue of ours either — unless it is handed one
        // of the classes queue code needs, which it might provide.
        if (v.k === 'unknown' && v.foreign !== undefined && !this.mentionsQueueProvider(v.node)) return;
        this.unresolved.push({ what: 'module', location: location(this.dc, at), reason: `a module import is ${describe(v)}`, text: oneLine(at) });
    }
  }

  private walkMetadata(meta: Value, ctx: Ctx, conditions: string[], via: ChainLink[], depth: number, at: ts.Node): void {
    const interp = this.dc.interp;
    if (meta.k !== 'obj') return;
    for (const key of ['providers', 'controllers']) {
      const list = interp.member(meta, key, at, ctx);
      this.providersOf(list, conditions, via, at, 0);
    }
    const imports = interp.member(meta, 'imports', at, ctx);
    if (imports.k === 'undef') return;
    const items = interp.elements(imports, at);
    if (!Array.isArray(items)) {
      this.unresolved.push({ what: 'module', location: location(this.dc, at), reason: `the imports are ${describe(items)}`, text: oneLine(at) });
      return;
    }
    const nodes = imports.k === 'arr' ? imports.nodes : undefined;
    items.forEach((item, i) => {
      if (!this.skips(nodes?.[i], 'module')) this.walk(item(), conditions, via, depth + 1, at, nodes?.[i]);
    });
  }

  private providersOf(list: Value, conditions: string[], via: ChainLink[], at: ts.Node, depth: number): void {
    if (depth > 8 || list.k === 'undef') return;
    const interp = this.dc.interp;
    const items = interp.elements(list, at);
    if (!Array.isArray(items)) {
      this.unresolved.push({ what: 'module', location: location(this.dc, at), reason: `the providers are ${describe(items)}`, text: oneLine(at) });
      return;
    }
    const nodes = list.k === 'arr' ? list.nodes : undefined;
    items.forEach((item, i) => {
      if (!this.skips(nodes?.[i], 'provider')) this.provider(item(), conditions, via, at, depth, nodes?.[i]);
    });
  }

  private provider(p: Value, conditions: string[], via: ChainLink[], at: ts.Node, depth: number, ref?: ts.Node): void {
    const interp = this.dc.interp;
    if (p.k === 'class') {
      const id = nodeId(this.dc.root, p.decl);
      const existing = this.providers.get(id);
      if (!existing || existing.conditions.length > conditions.length) {
        this.providers.set(id, { conditions, via: [...via, { kind: 'provider', ...location(this.dc, ref ?? p.decl), label: p.decl.name?.text }] });
      }
    } else if (p.k === 'obj') {
      const useClass = interp.member(p, 'useClass', at, ROOT);
      if (useClass.k === 'class') this.provider(useClass, conditions, via, at, depth + 1, ref);
    } else if (p.k === 'oneOf') {
      for (const alt of p.alts) this.provider(alt.value, alt.cond ? [...conditions, alt.cond] : conditions, via, at, depth + 1, ref);
    } else if (p.k === 'arr') {
      this.providersOf(p, conditions, via, at, depth + 1);
    }
  }

  private register(reg: Extract<Value, { k: 'nestReg' }>['reg'], conditions: string[], via: ChainLink[]): void {
    const dc = this.dc;
    const queues = reg.queues.map((q) => toName(dc.root, q.name, q.node, 'queue name'));
    const id = `${nodeId(dc.root, reg.site)}[${queues.map((q) => ('value' in q ? q.value : '?')).join(',')}]`;
    const label = reg.kind === 'root' ? 'BullModule.forRoot' : queues.map((q) => ('value' in q ? q.value : '<unresolved>')).join(', ') || (reg.kind === 'flow' ? 'flow producer' : 'default');
    const link: ChainLink = { kind: 'register-queue', ...location(dc, reg.site), label };
    this.registrations.push({
      id,
      library: reg.library,
      kind: reg.kind,
      queues,
      prefixes: reg.queues.map((q) => (q.prefix ? toName(dc.root, q.prefix, q.node, 'queue prefix') : undefined)),
      location: location(dc, reg.site),
      conditions,
      via: [...via, link],
    });
    if (reg.kind !== 'queue' || this.registered.has(id)) return;
    this.registered.add(id);
    reg.queues.forEach((q, i) => {
      if (q.processors) this.processors(reg, q.processors, queues[i]!, q.prefix, id);
    });
  }

  /** `registerQueue({ name, processors: [fn | path | { callback | path, name? }] })` starts workers (SPEC §2.7). */
  private processors(reg: Extract<Value, { k: 'nestReg' }>['reg'], list: Value, queue: ReturnType<typeof toName>, prefix: Value | undefined, registration: string): void {
    const dc = this.dc;
    const interp = dc.interp;
    const items = interp.elements(list, reg.site);
    if (!Array.isArray(items)) return;
    const nodes = list.k === 'arr' ? list.nodes : undefined;
    items.forEach((item, index) => {
      const entry = item();
      let processor = entry;
      let bullName: Value | undefined;
      if (entry.k === 'obj') {
        const callback = interp.member(entry, 'callback', reg.site, ROOT);
        const path = interp.member(entry, 'path', reg.site, ROOT);
        processor = callback.k !== 'undef' ? callback : path;
        const name = interp.member(entry, 'name', reg.site, ROOT);
        if (name.k !== 'undef') bullName = name;
      }
      const site = nodes?.[index] ?? (entry.k === 'obj' && entry.node ? entry.node : reg.site);
      const sandboxed = sandboxedProcessor(dc, processor, site);
      const fn = sandboxed ? sandboxed.fn ?? UNDEF : processor;
      const loc = location(dc, site);
      const common = {
        type: 'consumer' as const,
        kind: 'register-queue' as const,
        library: reg.library,
        location: loc,
        queue,
        ...(prefix ? { prefix: toName(dc.root, prefix, reg.site, 'queue prefix') } : {}),
        runs: dc.execution.of(reg.site),
        symbol: 'BullModule.registerQueue',
        definition: `${nodeId(dc.root, site)}@${registration}`,
        ...(sandboxed?.file ? { label: sandboxed.file.slice(dc.root.length + 1) } : {}),
        nestRegistration: registration,
      };
      if (reg.library === 'bull') {
        // A Bull processor entry handles its `name`, or only '__default__' without one.
        const handled = toName(dc.root, bullName ?? str('__default__'), site, 'handled job name');
        const evidence: HandledNameEvidence[] = 'value' in handled ? [{ name: handled.value, ...loc }] : [];
        dc.emit({ ...common, handles: 'value' in handled ? [handled.value] : [], unhandled: 'throws', evidence, unresolvedHandled: 'value' in handled ? [] : [handled] });
      } else {
        dc.emit({ ...common, ...analyzeProcessor(fn, interp, dc.root) });
      }
    });
  }
}

/** The argument of a class's `@Module({…})` decorator, evaluated. */
function moduleMetadata(dc: DetectorContext, cls: ts.ClassLikeDeclaration): { value: Value; ctx: Ctx; node: ts.Node } | undefined {
  for (const d of ts.getDecorators(cls) ?? []) {
    if (!ts.isCallExpression(d.expression)) continue;
    const callee = dc.interp.eval(d.expression.expression, ROOT);
    if (callee.k !== 'lib' || packageNameOf(callee.module) !== '@nestjs/common' || callee.path[callee.path.length - 1] !== 'Module') continue;
    const arg = d.expression.arguments[0];
    return { value: arg ? dc.interp.eval(arg, ROOT) : { k: 'obj', parts: [] }, ctx: ROOT, node: d };
  }
  return undefined;
}

function moduleLabel(v: Value): string {
  if (v.k === 'class') return v.decl.name?.text ?? '(anonymous module)';
  return describe(v);
}
