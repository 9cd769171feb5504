import { ts } from '../util/typescript.js';
import { type AnalysisContext, decoratorCall, decoratorsOf, oneLine } from '../extract/context.js';
import { skipOuter } from '../extract/evaluate.js';
import type { Name } from '../extract/facts.js';
import { nestLibrary } from '../extract/libraries.js';
import type { ChainStep, Library } from './result.js';
import type { Attribution, PackageIndex } from './attribution.js';
import { joinListed } from '../util/paths.js';

interface AppGraph {
  service: string;
  /** `file#Class` of every provider reachable from the root module → conditions and the path to it. */
  providers: Map<string, { conditions: string[]; via: ChainStep[] }>;
  /** `file:line:column` of every `BullModule.register*` call in the graph → conditions and path. */
  registerCalls: Map<string, { conditions: string[]; via: ChainStep[]; queues: string[] }>;
}

/** Where the walk is: the conditions on the path so far and the steps that led here. */
interface Trail {
  conditions: string[];
  via: ChainStep[];
}

/** Modules already walked in one app → the fewest conditions on a path that reached them. */
type Seen = Map<ts.Node, number>;

const BOOTSTRAP_METHODS = new Set(['create', 'createApplicationContext', 'createMicroservice']);
const REGISTER_METHODS = /^register(Queue|FlowProducer)(Async)?$/;
const MAX_DEPTH = 40;

/**
 * NestJS liveness (SPEC §2.5): a `@Processor` runs in a service only if its class is a provider of
 * a module reachable from the root module the service bootstraps, and the app registers a queue.
 * The module graph is walked through `@Module({ imports, providers })`, dynamic modules returned by
 * static methods, `forwardRef`, spreads, constants and conditional lists (the condition is kept).
 */
export class NestLiveness {
  private apps: AppGraph[] | undefined;

  constructor(
    private readonly root: string,
    private readonly index: PackageIndex,
    private readonly ctx: AnalysisContext,
    private readonly files: string[],
    /** Class names of the `@Processor` classes found: only these providers need resolving. */
    private readonly processorNames: Set<string>,
  ) {}

  /** Services where the processor is live, or 'unknown' when the repository bootstraps no Nest app. */
  servicesRunning(cls: { file: string; name: string }, library: Library, queue: Name): Attribution[] | 'unknown' {
    const apps = this.graphs();
    const key = `${cls.file}#${cls.name}`;
    const ownPackage = this.index.packageOf(cls.file);
    const ownPackageBoots = apps.some((a) => a.service === ownPackage?.name);
    if (apps.length === 0 || (ownPackage?.kind === 'service' && !ownPackageBoots)) return 'unknown';
    const out: Attribution[] = [];
    for (const app of apps) {
      const provider = app.providers.get(key);
      if (!provider) continue;
      // @nestjs/bullmq: any registration starts the explorer; @nestjs/bull: that queue's.
      const registration = [...app.registerCalls.values()].find((r) => library !== 'bull' || ('value' in queue && r.queues.includes(queue.value)));
      if (!registration) continue;
      if (out.some((o) => o.service === app.service)) continue;
      const { conditions } = provider;
      const registerStep = registration.via[registration.via.length - 1];
      const via = registerStep ? [...provider.via, registerStep] : provider.via;
      out.push({ service: app.service, attribution: 'nest-module', ...(conditions.length ? { conditions } : {}), via });
    }
    return out;
  }

  /**
   * Apps where a plain class is a live provider — Nest instantiates it, so a Worker its
   * constructor starts runs there. Empty when no app lists it (or no app boots at all).
   */
  servicesProviding(cls: ts.ClassLikeDeclaration): Attribution[] {
    if (!cls.name) return [];
    const key = `${this.ctx.relative(cls.getSourceFile().fileName)}#${cls.name.text}`;
    const out: Attribution[] = [];
    for (const app of this.graphs()) {
      const provider = app.providers.get(key);
      if (!provider || out.some((o) => o.service === app.service)) continue;
      out.push({ service: app.service, attribution: 'nest-module', ...(provider.conditions.length ? { conditions: provider.conditions } : {}), via: provider.via });
    }
    return out;
  }

  /** Apps whose module graph makes this `BullModule.registerQueue(...)` call (SPEC §2.7). */
  servicesRegistering(call: { file: string; line: number; column: number }): Attribution[] | 'unknown' {
    const apps = this.graphs();
    if (apps.length === 0) return 'unknown';
    const key = `${call.file}:${call.line}:${call.column}`;
    const out: Attribution[] = [];
    for (const app of apps) {
      const call = app.registerCalls.get(key);
      if (call && !out.some((o) => o.service === app.service)) out.push({ service: app.service, attribution: 'nest-module', ...(call.conditions.length ? { conditions: call.conditions } : {}), via: call.via });
    }
    return out.length > 0 ? out : 'unknown';
  }

  private graphs(): AppGraph[] {
    if (this.apps) return this.apps;
    const apps: AppGraph[] = [];
    for (const rel of this.files) {
      const abs = joinListed(this.root, rel);
      if (!this.ctx.store.hasMarker(abs, 'NestFactory')) continue;
      const sf = this.ctx.store.get(abs);
      if (!sf) continue;
      const pkg = this.index.packageOf(rel);
      for (const { rootModule, call } of this.bootstrapModules(sf)) {
        const service = pkg?.name ?? rel;
        let app = apps.find((a) => a.service === service);
        if (!app) {
          app = { service, providers: new Map(), registerCalls: new Map() };
          apps.push(app);
        }
        const bootstrap: ChainStep = { kind: 'bootstrap', label: rootModule.name?.text, ...this.ctx.location(call) };
        this.walkModule(rootModule, app, { conditions: [], via: [bootstrap] }, new Map(), 0);
      }
    }
    this.apps = apps;
    return apps;
  }

  /** Root modules passed to `NestFactory.create(AppModule)` and friends. */
  private bootstrapModules(sf: ts.SourceFile): Array<{ rootModule: ts.ClassDeclaration; call: ts.CallExpression }> {
    const out: Array<{ rootModule: ts.ClassDeclaration; call: ts.CallExpression }> = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && BOOTSTRAP_METHODS.has(node.expression.name.text)) {
        const origin = this.ctx.originOf(node.expression.expression);
        if (origin?.module === '@nestjs/core' && origin.name === 'NestFactory' && node.arguments[0]) {
          const cls = this.classOf(node.arguments[0]);
          if (cls) out.push({ rootModule: cls, call: node });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return out;
  }

  private walkModule(cls: ts.ClassDeclaration, app: AppGraph, trail: Trail, seen: Seen, depth: number): void {
    // Walk a module again only along a path with fewer conditions: a module imported both under
    // `cond ? [M] : []` and unconditionally is unconditional.
    const before = seen.get(cls);
    if ((before !== undefined && before <= trail.conditions.length) || depth > MAX_DEPTH) return;
    seen.set(cls, trail.conditions.length);
    const metadata = this.moduleMetadata(cls);
    if (!metadata) return;
    this.walkMetadata(metadata, app, trail, seen, depth);
  }

  private walkMetadata(metadata: ts.ObjectLiteralExpression, app: AppGraph, trail: Trail, seen: Seen, depth: number): void {
    for (const prop of metadata.properties) {
      if (!ts.isPropertyAssignment(prop) || !prop.name) continue;
      const key = prop.name.getText();
      if (key === 'imports') this.forEachEntry(prop.initializer, trail.conditions, (e, c) => this.importEntry(e, app, { ...trail, conditions: c }, seen, depth + 1));
      else if (key === 'providers') this.forEachEntry(prop.initializer, trail.conditions, (e, c) => this.providerEntry(e, app, { ...trail, conditions: c }));
      else if (key === 'module') {
        const cls = this.classOf(prop.initializer);
        if (cls) this.walkModule(cls, app, trail, seen, depth + 1);
      }
    }
  }

  private importEntry(expr: ts.Expression, app: AppGraph, trail: Trail, seen: Seen, depth: number): void {
    const e = unwrapForwardRef(skipOuter(expr));
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      const method = e.expression.name.text;
      const origin = this.ctx.originOf(e.expression.expression);
      if (origin && nestLibrary(origin.module) && origin.name === 'BullModule') {
        if (REGISTER_METHODS.test(method)) {
          const at = this.ctx.location(e);
          const queues = method.startsWith('registerQueue') ? this.registeredQueueNames(e) : [];
          const key = `${at.file}:${at.line}:${at.column}`;
          if (!app.registerCalls.has(key)) {
            app.registerCalls.set(key, { conditions: trail.conditions, queues, via: [...trail.via, { kind: 'register-queue', label: queues.join(', ') || undefined, ...at }] });
          }
        }
        return;
      }
      // A dynamic module: `FooModule.forRoot(...)` → FooModule itself plus what the method returns.
      const cls = this.classOf(e.expression.expression);
      if (cls) {
        const next = this.step(trail, 'module', e, cls);
        this.walkModule(cls, app, next, seen, depth);
        const staticMethod = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText() === method);
        for (const returned of returnedObjects(staticMethod)) this.walkMetadata(returned, app, next, seen, depth + 1);
      }
      return;
    }
    if (ts.isObjectLiteralExpression(e)) {
      this.walkMetadata(e, app, trail, seen, depth);
      return;
    }
    const cls = this.classOf(e);
    if (cls) this.walkModule(cls, app, this.step(trail, 'module', e, cls), seen, depth);
  }

  private step(trail: Trail, kind: ChainStep['kind'], at: ts.Node, cls: ts.ClassDeclaration): Trail {
    return { conditions: trail.conditions, via: [...trail.via, { kind, label: cls.name?.text, ...this.ctx.location(at) }] };
  }

  private providerEntry(expr: ts.Expression, app: AppGraph, trail: Trail): void {
    let e = skipOuter(expr);
    if (ts.isObjectLiteralExpression(e)) {
      const useClass = e.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'useClass');
      if (!useClass) return;
      e = skipOuter(useClass.initializer);
    }
    // Most providers are ordinary services. Resolving each would parse its file; a provider can
    // only be one of our processors if its (imported) name is a processor class name.
    if (ts.isIdentifier(e) && !this.processorNames.has(importedName(e))) return;
    const cls = this.classOf(e);
    if (!cls?.name) return;
    const key = `${this.ctx.relative(cls.getSourceFile().fileName)}#${cls.name.text}`;
    const existing = app.providers.get(key);
    // Unconditional beats conditional: keep the weakest set of conditions seen.
    if (!existing || existing.conditions.length > trail.conditions.length) {
      app.providers.set(key, { conditions: trail.conditions, via: [...trail.via, { kind: 'provider', label: cls.name.text, ...this.ctx.location(expr) }] });
    }
  }

  /** Elements of a list: array literals, spreads, constants, `cond ? [A] : [B]` (conditions recorded). */
  private forEachEntry(expr: ts.Expression, conditions: string[], visit: (e: ts.Expression, c: string[]) => void, depth = 0): void {
    if (depth > 10) return;
    const e = skipOuter(expr);
    if (ts.isArrayLiteralExpression(e)) {
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) this.forEachEntry(el.expression, conditions, visit, depth + 1);
        else if (ts.isConditionalExpression(skipOuter(el))) this.forEachEntry(el, conditions, visit, depth + 1);
        else visit(el, conditions);
      }
      return;
    }
    if (ts.isConditionalExpression(e)) {
      const test = oneLine(e.condition.getText());
      this.forEachEntry(e.whenTrue, [...conditions, test], visit, depth + 1);
      this.forEachEntry(e.whenFalse, [...conditions, `!(${test})`], visit, depth + 1);
      return;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      this.forEachEntry(e.right, [...conditions, oneLine(e.left.getText())], visit, depth + 1);
      return;
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'concat') {
      this.forEachEntry(e.expression.expression, conditions, visit, depth + 1);
      for (const arg of e.arguments) this.forEachEntry(arg, conditions, visit, depth + 1);
      return;
    }
    if (ts.isIdentifier(e)) {
      const binding = this.ctx.binder.resolveIdentifier(e);
      if (binding?.kind === 'declaration' && ts.isVariableDeclaration(binding.node) && binding.node.initializer) this.forEachEntry(binding.node.initializer, conditions, visit, depth + 1);
      else if (binding?.kind === 'expression') this.forEachEntry(binding.node, conditions, visit, depth + 1);
      else visit(e, conditions);
      return;
    }
    visit(e, conditions);
  }

  private registeredQueueNames(call: ts.CallExpression): string[] {
    const names: string[] = [];
    for (const arg of call.arguments) {
      const target = this.ctx.evaluator.objectOf(arg);
      if (!target || target.kind !== 'object') continue;
      const member = this.ctx.evaluator.member(target, 'name');
      if (!('expr' in member)) {
        names.push('default');
        continue;
      }
      const value = this.ctx.evaluator.string(member.expr);
      if (value.ok) names.push(value.value);
    }
    return names;
  }

  private moduleMetadata(cls: ts.ClassDeclaration): ts.ObjectLiteralExpression | undefined {
    for (const decorator of decoratorsOf(cls)) {
      const { callee, args } = decoratorCall(decorator);
      const origin = this.ctx.originOf(callee);
      if (origin?.name !== 'Module' || origin.module !== '@nestjs/common') continue;
      const target = args[0] && this.ctx.evaluator.objectOf(args[0]);
      return target && target.kind === 'object' ? target.node : undefined;
    }
    return undefined;
  }

  private classOf(expr: ts.Expression): ts.ClassDeclaration | undefined {
    const e = skipOuter(expr);
    if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return undefined;
    if (ts.isPropertyAccessExpression(e)) {
      const ns = this.ctx.bindingOf(e.expression);
      if (ns?.kind !== 'namespace') return undefined;
      const exported = this.ctx.binder.resolveExport(ns.file, e.name.text);
      return exported?.kind === 'declaration' && ts.isClassDeclaration(exported.node) ? exported.node : undefined;
    }
    const binding = this.ctx.binder.resolveIdentifier(e);
    if (binding?.kind === 'declaration' && ts.isClassDeclaration(binding.node)) return binding.node;
    return undefined;
  }
}

function unwrapForwardRef(e: ts.Expression): ts.Expression {
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'forwardRef') {
    const fn = e.arguments[0] && skipOuter(e.arguments[0]);
    if (fn && ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return skipOuter(fn.body);
  }
  return e;
}

/** Object literals a static `forRoot()`-style method returns (`{ module, providers, imports }`). */
function returnedObjects(method: ts.MethodDeclaration | undefined): ts.ObjectLiteralExpression[] {
  if (!method?.body) return [];
  const out: ts.ObjectLiteralExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) {
      const e = skipOuter(n.expression);
      if (ts.isObjectLiteralExpression(e)) out.push(e);
    } else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(method.body);
  return out;
}

/** The exported name an identifier was imported under (`import { A as B }` → A), without resolving. */
function importedName(id: ts.Identifier): string {
  for (const statement of id.getSourceFile().statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const element = bindings.elements.find((el) => el.name.text === id.text);
    if (element) return (element.propertyName ?? element.name).text;
  }
  return id.text;
}
