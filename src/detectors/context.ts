import type { SourceLocation } from '../model/result.js';
import type { ModuleResolver } from '../resolution/module-resolver.js';
import { ts } from '../util/typescript.js';
import { type Ctx, ROOT } from '../values/context.js';
import type { Handle, Value } from '../values/domain.js';
import { describe, firstOpen, sameValue, unknown } from '../values/domain.js';
import type { Expander, Instantiation } from '../values/expand.js';
import type { Interpreter } from '../values/interpreter.js';
import { locationOf } from '../values/program.js';
import { lookup, readsBoundInput } from '../values/scope.js';
import type { Execution } from './execution.js';
import type { ExecPoint, Fact, NestApp, UnresolvedSite } from './facts.js';

/** What every detector gets: the engine, and where to put what it finds. */
export interface DetectorContext {
  root: string;
  interp: Interpreter;
  expander: Expander;
  resolver: ModuleResolver;
  execution: Execution;
  /** Whether any analysed file hands a Worker class around as a value (see passesWorkerClass). */
  workerClassPassed(): boolean;
  emit(fact: Fact): void;
  unresolved(site: UnresolvedSite): void;
  app(app: NestApp): void;
}

export function location(dc: DetectorContext, node: ts.Node): SourceLocation {
  return locationOf(dc.root, node);
}

/** One handle a value can be, with the conditions under which it is that one. */
export interface HandleChoice {
  handle: Handle;
  conditions: string[];
}

/** The library handles a value may hold (an instance of a `Worker`/`Queue` subclass included). */
export function handlesIn(dc: DetectorContext, v: Value, conditions: string[] = [], depth = 0): HandleChoice[] {
  if (depth > 4) return [];
  if (v.k === 'handle') return [{ handle: v.h, conditions }];
  if (v.k === 'open' && v.fallback) return handlesIn(dc, v.fallback, conditions, depth + 1);
  if (v.k === 'inst') {
    const h = dc.interp.instances.asHandle(v);
    return h ? [{ handle: h, conditions }] : [];
  }
  if (v.k === 'oneOf') {
    // One object chosen among several: the one the default world picks (environment unset),
    // the one they all are, or — chosen at runtime — a queue whose name is not known.
    const alts = v.alts.map((a) => ({ alt: a, choices: handlesIn(dc, a.value, a.cond ? [...conditions, a.cond] : conditions, depth + 1) })).filter((x) => x.choices.length > 0);
    if (alts.length <= 1) return alts.flatMap((x) => x.choices);
    const chosen = alts.find((x) => x.alt.isDefault);
    if (chosen) return chosen.choices;
    const all = alts.flatMap((x) => x.choices);
    const first = all[0]!.handle;
    if (all.every((c) => c.handle.role === first.role && sameValue(c.handle.name, first.name))) return [all[0]!];
    const names = all.map((c) => describe(c.handle.name)).join(', ');
    return [{ handle: { ...first, name: unknown(`the ${first.role} is chosen at runtime among ${names}`, first.site) }, conditions }];
  }
  return [];
}

/**
 * Evaluates a site in every context its code is bound in (values/expand.ts), under one step
 * budget per instantiation. `needs` says which open input must be bound next.
 */
export function instantiate<T>(dc: DetectorContext, evaluate: (ctx: Ctx) => T, needs: (result: T) => Extract<Value, { k: 'open' }> | undefined, onBudget: () => T): Array<Instantiation<T>> {
  return dc.interp.question(
    () => dc.expander.expand((ctx) => dc.interp.question(() => evaluate(ctx), onBudget), needs, ROOT),
    () => [{ ctx: ROOT, result: onBudget() }],
  );
}

/** The first open input among values a site needs whole. */
export function openIn(...values: Array<Value | undefined>): Extract<Value, { k: 'open' }> | undefined {
  for (const v of values) {
    const o = firstOpen(v);
    if (o) return o;
  }
  return undefined;
}

/** Where an instantiation runs: the outermost call that bound it, or the site. */
export function anchorOf(inst: { ctx: Ctx }, site: ts.Node): ts.Node {
  return inst.ctx.anchor ?? site;
}

/**
 * Where an instantiation is reported — "where the names are supplied":
 * - a name that crossed a call as an argument is reported at that call: the subclass's
 *   `super(Q.MAIL, …)`, the wrapper call `createWorker(Q.A, fn)`, `client.enqueue('x')`, or the
 *   site itself when the name is written there (`new Worker('q', …)`, `queue.add('x')`);
 * - a name no caller can fix (built from runtime data inside the wrapper) is reported at the
 *   site: the callers add nothing but noise, and the finding lists where the data comes from;
 * - else (a name carried in an object or list the caller built) the outermost call that bound
 *   the site.
 * `primary` is the name that locates the site: the job for producers, the queue for consumers.
 */
export function reportedAt(inst: { ctx: Ctx }, site: ts.Node, primary: Value | undefined, secondary?: Value, primaryExpr?: ts.Expression): ts.Node {
  const supplied = (v: Value | undefined): ts.Node | undefined => {
    // A runtime value (`uuidv4()` made by a controller and passed down a wrapper chain) is
    // supplied where it entered the chain, like a constant.
    const via = v?.k === 'str' || v?.k === 'unknown' || v?.k === 'env' ? v.via : v?.k === 'oneOf' ? defaultVia(v) ?? runtimeVia(v) : undefined;
    const call = via && callSupplying(via);
    // Only a call that binds this instantiation counts (a `sessions` queue made by a helper
    // `queueName('sessions')` elsewhere is still consumed at each `new Worker(q.name)`).
    if (!call) return undefined;
    // At the site itself only when the name is written there (`new Worker('q')`, a constant);
    // `new Worker(spec.name)` with `spec` a bound parameter got its name from outside.
    if (call === site) return readsBoundInput(via, inst.ctx) ? undefined : call;
    if ((ts.isCallExpression(call) && call.expression.kind === ts.SyntaxKind.SuperKeyword) || [...inst.ctx.frames.values()].some((f) => f.site === call)) return call;
    return undefined;
  };
  const byPrimary = supplied(primary);
  if (byPrimary) return byPrimary;
  if (!isResolved(primary)) {
    // A runtime job name given to a wrapper whose caller picks the queue
    // (`Queue.addJob(QueueName.Workflow, id, …)`): that call is the producer.
    // (Only when the job name comes from that call's own arguments: a replay inside a
    // `getQueue(name)` that callers use to get a queue is not a producer at each caller.)
    const bySecondary = supplied(secondary);
    if (!bySecondary || bySecondary === site) return site;
    const origin = originOf(primary);
    const fromThatCall = (origin && within(origin, bySecondary)) || (primaryExpr !== undefined && parameterOfCall(primaryExpr, bySecondary, inst.ctx));
    return fromThatCall ? bySecondary : site;
  }
  return inst.ctx.reportAt ?? anchorOf(inst, site);
}

function originOf(v: Value | undefined): ts.Node | undefined {
  if (!v) return undefined;
  if (v.k === 'unknown') return v.via ?? v.node;
  if (v.k === 'open') return v.node;
  if (v.k === 'oneOf') for (const a of v.alts) if (a.value.k === 'unknown' || a.value.k === 'open') return originOf(a.value);
  return undefined;
}

/** Whether the expression reads a parameter of a function that `call` binds in this context. */
function parameterOfCall(expr: ts.Expression, call: ts.Node, ctx: Ctx): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n)) {
      const d = lookup(n.text, n);
      if (d?.kind === 'param' && ctx.frames.get(d.fn)?.site === call) found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

function within(node: ts.Node, outer: ts.Node): boolean {
  return node.getSourceFile?.() === outer.getSourceFile() && node.pos >= outer.pos && node.end <= outer.end;
}

function isResolved(v: Value | undefined): boolean {
  if (!v) return false;
  if (v.k === 'str' || v.k === 'num') return true;
  return v.k === 'oneOf' && v.alts.some((a) => a.isDefault && (a.value.k === 'str' || a.value.k === 'num'));
}

/** `jobData.id || uuidv4()` with `jobData` a caller's argument: where that runtime value came in. */
function runtimeVia(v: Extract<Value, { k: 'oneOf' }>): ts.Expression | undefined {
  for (const a of v.alts) if (a.value.k === 'unknown' && a.value.via) return a.value.via;
  return undefined;
}

function defaultVia(v: Extract<Value, { k: 'oneOf' }>): ts.Expression | undefined {
  const d = v.alts.find((a) => a.isDefault)?.value;
  return d?.k === 'str' ? d.via : undefined;
}

/** The call (or decorator) an argument belongs to. */
function callSupplying(arg: ts.Node): ts.Node | undefined {
  const n = arg.parent;
  if (n && (ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some((a) => a === arg)) {
    return n.parent && ts.isDecorator(n.parent) ? n.parent : n;
  }
  return undefined;
}

export function runsAt(dc: DetectorContext, inst: { ctx: Ctx }, site: ts.Node): ExecPoint {
  return dc.execution.of(anchorOf(inst, site));
}

/** `Class.method`, `functionName` or `<module>`: the code a site sits in, for the report. */
export function symbolOf(node: ts.Node): string {
  let fn: ts.Node | undefined;
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isFunctionDeclaration(n) || ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent))) {
      fn = n;
      break;
    }
    if (ts.isPropertyDeclaration(n)) {
      fn = n;
      break;
    }
  }
  if (!fn) {
    for (let n = node.parent; n; n = n.parent) if (ts.isClassDeclaration(n) && n.name) return n.name.text;
    return '<module>';
  }
  const cls = fn.parent && (ts.isClassDeclaration(fn.parent) || ts.isClassExpression(fn.parent)) ? fn.parent : undefined;
  const own = ts.isConstructorDeclaration(fn) ? 'constructor' : ts.isVariableDeclaration(fn.parent) ? fn.parent.name.getText() : ((fn as ts.NamedDeclaration).name?.getText() ?? '(anonymous)');
  return cls ? `${cls.name?.text ?? '(anonymous class)'}.${own}` : own;
}
