import { ts } from '../util/typescript.js';
import { BOUNDS } from './bounds.js';
import { type CallLike, type CallSiteIndex, push } from './call-sites.js';
import { bind, type Ctx, type Frame, merge, ROOT, withAnchor } from './context.js';
import { constant, type FunctionNode, lazy, type Thunk, type Value } from './domain.js';
import type { Interpreter } from './interpreter.js';
import { constructorOf } from './instances.js';
import { argumentSlot, isFunctionNode, outermost, skipOuter, throughCallApply } from './scope.js';
import { abstractElement } from './builtins.js';

type Open = Extract<Value, { k: 'open' }>;
type FnValue = Extract<Value, { k: 'fn' }>;

/** One instantiation of a site: the context it was evaluated in and what it found. */
export interface Instantiation<T> {
  ctx: Ctx;
  result: T;
  /** Set when the result still depends on an input no caller binds (the reason is reported). */
  unbound?: Open;
  /** With `unbound`: nothing in the code binds it at all (a function nobody calls), not a bound. */
  uncalled?: boolean;
  /** The bindings that made `ctx` (innermost first), to make it again on another base. */
  chain?: readonly Binder[];
}

const ITERATION_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'some', 'every']);

/**
 * Instantiates a site per context: evaluated first with every enclosing scope open; when the
 * result depends on an open input (a parameter, a loop element, `this`), that scope is bound in
 * every way the code binds it — each call site of the function (its arguments evaluated in the
 * caller, recursively), each element of the loop or of the array a callback iterates, each
 * allocation of the class — and the site is evaluated again in each. Outside-in, bounded by
 * BOUNDS.bindingDepth and BOUNDS.contexts; what stays open is returned as `unbound`.
 *
 * This is what makes a wrapper's parameter "not unresolved" (SPEC §3): `createWorker(Q.A, fn)`
 * is one consumer of `a` at that call, another of `b` at the next.
 */
export class Expander {
  private readonly callerMemo = new Map<ts.Node, CallerBinding[]>();

  constructor(
    private readonly interp: Interpreter,
    private readonly callSites: CallSiteIndex,
  ) {}

  expand<T>(evaluate: (ctx: Ctx) => T, needs: (result: T) => Open | undefined, start: Ctx = ROOT): Array<Instantiation<T>> {
    const out: Array<Instantiation<T>> = [];
    // `chain`: the bindings made so far, innermost first. Each new (outer) binding rebuilds the
    // context from `start`, outermost first, so an inner frame's arguments are evaluated with the
    // outer frames in place: `a('x')` → `b(n)` → `new Worker(m)` binds `m` to 'x', not to the
    // parameter `n` left open when `b`'s frame was first made.
    const go = (ctx: Ctx, level: number, previous: ts.Node | undefined, chain: Binder[]): void => {
      if (out.length >= BOUNDS.contexts) return;
      const result = evaluate(ctx);
      const open = needs(result);
      if (!open) {
        out.push({ ctx, result, chain });
        return;
      }
      if (level >= BOUNDS.bindingDepth || open.scope === previous) {
        out.push({ ctx, result, unbound: level >= BOUNDS.bindingDepth ? { ...open, what: `${open.what} (bound: callers followed ${BOUNDS.bindingDepth} levels)` } : open });
        return;
      }
      const binders = this.bindersFor(open, ctx);
      if (binders.length === 0) {
        out.push({ ctx, result, unbound: open, uncalled: true });
        return;
      }
      for (const b of binders) {
        if (out.length >= BOUNDS.contexts) return;
        const next = [...chain, b];
        const c = rebuild(start, next);
        if (c) go(c, level + 1, open.scope, next);
      }
    };
    go(start, 0, undefined, []);
    return out;
  }

  /** Every context that binds the open input's scope, on top of `base`. */
  contextsFor(open: Open, base: Ctx): Ctx[] {
    return this.bindersFor(open, base)
      .map((b) => b.make(base))
      .filter((c): c is Ctx => c !== undefined);
  }

  /** Every way the code binds the open input's scope (`base`: what is bound so far, for lists). */
  private bindersFor(open: Open, base: Ctx): Binder[] {
    const scope = open.scope;
    // Binding a scope while binding it (a recursive walk: `walk(n)` → `n.kids.forEach(k => walk(k))`)
    // adds nothing: the open input stays open there.
    if (this.binding.has(scope)) return [];
    this.binding.add(scope);
    try {
      if (ts.isForOfStatement(scope) || ts.isForInStatement(scope)) return this.loopContexts(scope, base);
      if (isFunctionNode(scope)) {
        const iteration = iterationCall(scope);
        if (iteration) return this.callbackContexts(scope, iteration, base);
        return this.callerContexts(scope);
      }
      if (ts.isClassDeclaration(scope) || ts.isClassExpression(scope)) return this.callerContexts(scope);
      return [];
    } finally {
      this.binding.delete(scope);
    }
  }

  private readonly binding = new Set<ts.Node>();

  private loopContexts(loop: ts.ForOfStatement | ts.ForInStatement, base: Ctx): Binder[] {
    const out: Binder[] = [];
    const itemsIn = (ctx: Ctx): { items: Thunk[]; anchors?: Array<ts.Node | undefined> } => {
      const list = this.interp.eval(loop.expression, ctx);
      let items: ReturnType<Interpreter['elements']>;
      if (ts.isForInStatement(loop)) {
        const keys = this.interp.apply({ k: 'lib', module: 'global', path: ['Object', 'keys'] }, [constant(list)], undefined, loop.expression, ctx);
        items = this.interp.elements(keys, loop);
      } else items = this.interp.elements(list, loop);
      // A list that is not known: one context whose element is as unknown as the list.
      return Array.isArray(items) ? { items, ...(list.k === 'arr' && list.anchors ? { anchors: list.anchors } : {}) } : { items: [constant(abstractElement(items, loop))] };
    };
    for (const inst of this.expand((ctx) => this.interp.eval(loop.expression, ctx), openOf, base)) {
      const first = itemsIn(inst.ctx);
      for (let i = 0; i < first.items.length; i++) {
        // The element is taken again from the list evaluated where the frame is made, so an
        // element that depends on outer bindings sees them.
        const anchor = first.anchors?.[i];
        out.push({
          ...(anchor ? { anchor } : {}),
          make: (b) => {
            const c = again(b, inst);
            const element = itemsIn(c).items[i];
            return element ? bind(c, { scope: loop, element, site: loop }) : undefined;
          },
        });
      }
    }
    return out.slice(0, BOUNDS.contexts);
  }

  /** `list.forEach(q => …)`, `list.map(…)`: the callback once per element of `list`. */
  private callbackContexts(fn: FunctionNode, call: ts.CallExpression, base: Ctx): Binder[] {
    const receiver = (call.expression as ts.PropertyAccessExpression).expression;
    const out: Binder[] = [];
    const listIn = (ctx: Ctx): { list: Value; items: Thunk[] } => {
      const list = this.interp.eval(receiver, ctx);
      const items = this.interp.elements(list, call);
      return { list, items: Array.isArray(items) ? items : [constant(abstractElement(items, call))] };
    };
    for (const inst of this.expand((ctx) => this.interp.eval(receiver, ctx), openOf, base)) {
      const first = listIn(inst.ctx);
      for (let i = 0; i < first.items.length; i++) {
        const anchor = first.list.k === 'arr' ? first.list.anchors?.[i] : undefined;
        out.push({ ...(anchor ? { anchor } : {}), make: (b) => {
          const c = again(b, inst);
          const { list, items } = listIn(c);
          const element = items[i];
          return element ? bind(c, { scope: fn, args: [element, constant({ k: 'num', v: i }), constant(list)], site: call }) : undefined;
        } });
      }
    }
    return out.slice(0, BOUNDS.contexts);
  }

  private callerContexts(fn: FunctionNode | ts.ClassLikeDeclaration): Binder[] {
    const cls = ts.isConstructorDeclaration(fn) ? fn.parent : ts.isClassDeclaration(fn) || ts.isClassExpression(fn) ? fn : undefined;
    if (cls && this.callers(fn).length === 0) {
      // Nobody writes `new` for it: the injector constructs it (a provider of a Nest module).
      this.interp.instances.assumeInjected(cls);
      const value = this.interp.classValue(cls, ROOT);
      if (value.k === 'class') return [{ make: (b) => merge(b, this.interp.instances.ctorCtx(this.interp.instances.diInstance(cls), value)) }];
    }
    const callers = this.callers(fn);
    if (callers.length === 0 && !cls && isFunctionNode(fn) && isInstanceMethod(fn)) return this.handOutContexts(fn, fn.parent);
    return callers.slice(0, BOUNDS.contexts);
  }

  /**
   * A method the code never calls by name but hands to code outside the analysis: `app.post('/x',
   * this.handle.bind(this))`, `emitter.on('job', this.onJob)`, `{ run: api.run }`. Each such
   * expression `R.m` (in the class's file, or in a file that constructs the class) is evaluated
   * like a call site: where `R.m` is this very method (the instance's class does not override
   * it), the method runs with `this` = that `R`, in the context that handed it out — so only the
   * instances that are handed out, each in the process that does so. Its parameters are what the
   * outside caller passes: unknown, and reported so where a name depends on them. A method nobody
   * names stays uncalled (dead code, or a library's API for code outside the repository).
   */
  private handOutContexts(method: FunctionNode, cls: ts.ClassLikeDeclaration): Binder[] {
    // Once per method: every queue site inside it asks again.
    const known = this.handOutMemo.get(method);
    if (known) return known;
    const found = this.handOutsUncached(method, cls);
    this.handOutMemo.set(method, found);
    return found;
  }

  private readonly handOutMemo = new Map<ts.Node, Binder[]>();

  private handOutsUncached(method: FunctionNode, cls: ts.ClassLikeDeclaration): Binder[] {
    const name = method.name && (ts.isIdentifier(method.name) || ts.isPrivateIdentifier(method.name) || ts.isStringLiteral(method.name)) ? method.name.text : undefined;
    if (name === undefined) return [];
    const files = new Set([method.getSourceFile(), ...this.constructionCandidates(cls).map((c) => c.getSourceFile())]);
    const out: Binder[] = [];
    for (const sf of files) {
      for (const expr of (valueReadsOf(sf).get(name) ?? []).slice(0, BOUNDS.callSites)) {
        // An instance still open (`this` in the constructor, before its `new` is bound) is bound
        // first: which method `this.run` is depends on the class constructed (an override).
        const evaluate = (ctx: Ctx): { recv: Value; member: Value } => ({ recv: this.interp.eval(expr.expression, ctx), member: this.interp.eval(expr, ctx) });
        const needs = ({ recv, member }: { recv: Value; member: Value }): Open | undefined =>
          recv.k === 'inst' && recv.inst.alloc.kind === 'open' ? { k: 'open', scope: recv.inst.alloc.scope, what: '`this`', node: expr } : openOf(member);
        for (const inst of this.expand(evaluate, needs)) {
          for (const fnv of functionsIn(inst.result.member)) {
            if (fnv.decl !== method) continue;
            const anchor = inst.ctx.anchor ?? expr;
            out.push({
              anchor,
              make: (base) => {
                // Rebuilt on `base` (not merged): the `new` behind `R` may depend on frames bound since.
                const at = again(base, inst);
                const receiver = this.interp.eval(expr.expression, at);
                const thisValue = receiver.k === 'inst' ? receiver : fnv.thisValue;
                if (!thisValue) return undefined;
                return enter(base, fnv, { scope: method, thisValue, site: expr, external: true }, anchor, inst.ctx.depth);
              },
            });
          }
        }
      }
    }
    return out.slice(0, BOUNDS.contexts);
  }

  /** Who calls this function (or constructs this class), with their contexts. Memoised. */
  callers(fn: FunctionNode | ts.ClassLikeDeclaration): CallerBinding[] {
    const cached = this.callerMemo.get(fn);
    if (cached) return cached;
    this.callerMemo.set(fn, []);
    const isCtor = ts.isConstructorDeclaration(fn) || ts.isClassDeclaration(fn) || ts.isClassExpression(fn);
    const cls = ts.isConstructorDeclaration(fn) ? fn.parent : ts.isClassDeclaration(fn) || ts.isClassExpression(fn) ? fn : undefined;
    const bindings: CallerBinding[] = [];
    const candidates = isCtor && cls ? this.constructionCandidates(cls) : this.callSites.candidates(fn as FunctionNode);
    for (const call of candidates.slice(0, BOUNDS.callSites)) {
      if (isCtor && cls) bindings.push(...this.constructionBindings(cls, call));
      else bindings.push(...this.callBindings(fn as FunctionNode, call));
    }
    if (!isCtor) {
      // A callback is reported where it is passed (`withQueue('mail', (q) => …)`), in the code
      // that wrote it, not at the helper's `start(name)` that every use shares.
      const passed = this.callbackCandidates(fn as FunctionNode);
      for (const call of passed.calls) bindings.push(...this.callBindings(fn as FunctionNode, call, passed.outer));
    }
    this.callerMemo.set(fn, bindings);
    return bindings;
  }

  /**
   * A function written as an argument (`withNames('q1', (c) => start(c))`) has no name to be
   * called by: it is called by the helper it is passed to, through that helper's parameter
   * (`function withNames(p, fn) { fn(p) }`). Candidates are the calls of that parameter inside
   * each function the callee can be; whether one really calls this function is decided as for
   * any call, by evaluating its callee in the helper's frames.
   */
  private callbackCandidates(fn: FunctionNode): { outer?: ts.Node; calls: CallLike[] } {
    const slot = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? argumentSlot(fn) : undefined;
    if (!slot || !ts.isCallExpression(slot.call) || iterationCall(fn)) return { calls: [] };
    const out: CallLike[] = [];
    for (const helper of functionsIn(this.interp.eval(slot.call.expression, ROOT)).slice(0, BOUNDS.alternatives)) {
      // `helper.bind(null, a)(x, cb)`: the bound arguments come first.
      const param = helper.decl.parameters[slot.index + (helper.bound?.length ?? 0)];
      if (!param || param.dotDotDotToken || !ts.isIdentifier(param.name) || !helper.decl.body) continue;
      // The helper's body is walked, not looked up in the call-site index: that index covers
      // the relevant files, and a helper that only calls back need not be in one.
      const name = param.name.text;
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) {
          const called = skipOuter(throughCallApply(skipOuter(node.expression)).target);
          if (ts.isIdentifier(called) && called.text === name) out.push(node);
        }
        ts.forEachChild(node, visit);
      };
      visit(helper.decl.body);
    }
    return { outer: slot.call, calls: out.slice(0, BOUNDS.callSites) };
  }

  private callBindings(fn: FunctionNode, call: CallLike, reportAt: ts.Node = call): CallerBinding[] {
    if (!ts.isCallExpression(call)) return [];
    const { target, viaCall } = throughCallApply(skipOuter(call.expression));
    const out: CallerBinding[] = [];
    const instances = this.expand((ctx) => this.interp.eval(target, ctx), openOf);
    for (const inst of instances) {
      for (const fnv of functionsIn(inst.result)) {
        if (fnv.decl !== fn) continue;
        const receiver = ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target);
        // Runs where the callee was found to run (a provider Nest instantiates); reported at this
        // call: how the callee was found is not where the site's values come from.
        const anchor = inst.ctx.anchor ?? call;
        out.push({
          site: call,
          anchor,
          reportAt,
          // Arguments are evaluated when the frame is made, with what is bound around the call
          // by then (the caller's own callers, when the chain is rebuilt outermost first).
          make: (base) => {
            const at = merge(base, inst.ctx);
            let args = this.interp.args(call.arguments, at);
            let thisArg: (() => Value) | undefined = receiver ? lazy(() => this.interp.eval((target as ts.PropertyAccessExpression).expression, at)) : undefined;
            if (viaCall) {
              thisArg = args[0];
              args = args.slice(1);
            }
            // The receiver evaluated here, with the outer frames bound, wins over the `this` the
            // method value carried from evaluating the callee alone (`new Sender(p1).send()`
            // inside `run(p1)`: that instance's `p1` is bound only in this context).
            const evaluated = thisArg?.();
            const thisValue = receiver && evaluated?.k === 'inst' ? evaluated : (fnv.thisValue ?? evaluated);
            return enter(base, fnv, { scope: fn, args: fnv.bound ? [...fnv.bound, ...args] : args, thisValue, site: call }, anchor, inst.ctx.depth);
          },
        });
      }
    }
    return out;
  }

  /** `new C(…)`, `new Sub(…)` of a subclass, and `super(…)` calls reaching C's constructor. */
  private constructionCandidates(cls: ts.ClassLikeDeclaration): CallLike[] {
    const seen = new Set<ts.ClassLikeDeclaration>();
    const out: CallLike[] = [];
    const taken = new Set<CallLike>();
    const add = (c: ts.ClassLikeDeclaration, depth: number): void => {
      if (seen.has(c) || depth > 6) return;
      seen.add(c);
      for (const call of this.callSites.candidates(c, 'new')) {
        if (taken.has(call)) continue;
        taken.add(call);
        out.push(call);
      }
      for (const sub of this.callSites.subclassCandidates(c)) add(sub, depth + 1);
    };
    add(cls, 0);
    return out;
  }

  private constructionBindings(cls: ts.ClassLikeDeclaration, call: CallLike): CallerBinding[] {
    if (!ts.isNewExpression(call)) return [];
    const out: CallerBinding[] = [];
    for (const inst of this.expand((ctx) => this.interp.eval(call, ctx), openOf)) {
      const v = inst.result;
      if (v.k !== 'inst') continue;
      const chain = this.interp.instances.chain(v.inst.cls).classes;
      const level = chain.find((c) => c.decl === cls);
      if (!level) continue;
      const anchor = inst.ctx.anchor ?? call;
      out.push({
        site: call,
        anchor,
        // The instance is made again with what is bound around the `new` by then (see callBindings).
        make: (base) => {
          const at = merge(base, inst.ctx);
          const again = at === inst.ctx ? v : this.interp.eval(call, at);
          if (again.k !== 'inst') return undefined;
          const lvl = this.interp.instances.chain(again.inst.cls).classes.find((c) => c.decl === cls);
          return lvl ? merge(base, { ...this.interp.instances.ctorCtx(again, lvl), anchor }) : undefined;
        },
      });
    }
    return out;
  }
}

/** One way a scope is bound: a call of the function, one element of a loop, one allocation. */
interface Binder {
  /** The context with the scope's frame bound on top of `base`. */
  make(base: Ctx): Ctx | undefined;
  /** The call that binds it, for where the site runs (the outermost one wins). */
  anchor?: ts.Node;
  /** Where a site bound through it is reported, when not `anchor` (see Ctx.reportAt). */
  reportAt?: ts.Node;
}

export interface CallerBinding extends Binder {
  site: ts.Node;
}

/**
 * The context an instantiation of a loop's list was found in, made again on `base` (the outer
 * frames bound since): `for (const n of names)` in `startAll(names)` called as `startAll([p1,
 * 'q1'])` inside `start(p1)` — the list's `p1` is bound only once `start`'s caller is. Falls
 * back to merging when the chain cannot be made on that base.
 */
function again(base: Ctx, inst: Instantiation<unknown>): Ctx {
  if (!inst.chain || inst.chain.length === 0) return merge(base, inst.ctx);
  return rebuild(base, inst.chain) ?? merge(base, inst.ctx);
}

/** The context of a chain of bindings (innermost first), made from `start` outermost first. */
function rebuild(start: Ctx, chain: readonly Binder[]): Ctx | undefined {
  let c: Ctx | undefined = start;
  let anchor: ts.Node | undefined;
  let reportAt: ts.Node | undefined;
  for (let i = chain.length - 1; i >= 0 && c; i--) {
    c = chain[i]!.make(c);
    anchor ??= chain[i]!.anchor;
    reportAt ??= chain[i]!.reportAt ?? chain[i]!.anchor;
  }
  return c && anchor ? withAnchor(c, anchor, reportAt) : c;
}

export function openOf(v: Value): Open | undefined {
  return v.k === 'open' ? v : undefined;
}

function functionsIn(v: Value): FnValue[] {
  if (v.k === 'fn') return [v];
  if (v.k === 'oneOf') return v.alts.flatMap((a) => functionsIn(a.value));
  return [];
}

/**
 * The context inside a function value entered from `base`: the frames it closed over, then its
 * own frame, one call deeper, run where `anchor` says.
 */
function enter(base: Ctx, fnv: FnValue, frame: Frame, anchor: ts.Node, depth: number): Ctx {
  return bind(merge(merge(base, fnv.ctx), { frames: new Map(), anchor, depth, id: -1 }), frame, { anchor, call: true });
}

/** A method or accessor of a class's instances (not static, not the constructor). */
function isInstanceMethod(fn: FunctionNode): fn is FunctionNode & { parent: ts.ClassLikeDeclaration } {
  if (!ts.isMethodDeclaration(fn) && !ts.isGetAccessorDeclaration(fn) && !ts.isSetAccessorDeclaration(fn)) return false;
  const parent = fn.parent;
  if (!parent || (!ts.isClassDeclaration(parent) && !ts.isClassExpression(parent))) return false;
  return !(ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

const valueReads = new WeakMap<ts.SourceFile, Map<string, ts.PropertyAccessExpression[]>>();

/** The property reads of a file that hand a value on (`x.m` passed, stored or bound; not called, assigned or read into), by name. */
function valueReadsOf(sf: ts.SourceFile): Map<string, ts.PropertyAccessExpression[]> {
  let found = valueReads.get(sf);
  if (found) return found;
  const reads = new Map<string, ts.PropertyAccessExpression[]>();
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n)) {
      const outer = outermost(n);
      const use = outer.parent;
      const called = (ts.isCallExpression(use) || ts.isNewExpression(use)) && use.expression === outer;
      const assigned = ts.isBinaryExpression(use) && use.left === outer && use.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      // `x.m.bind(x)` hands `m` out; `x.m.name` (a log label) or `x.m.call(…)` (a call) does not.
      const readInto = ts.isPropertyAccessExpression(use) && use.expression === outer && use.name.text !== 'bind';
      if (!called && !assigned && !readInto) push(reads, n.name.text, n);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  valueReads.set(sf, reads);
  return reads;
}

/** The array-method call a callback is passed to directly, if any. */
function iterationCall(fn: FunctionNode): ts.CallExpression | undefined {
  const call = argumentSlot(fn)?.call;
  if (!call || !ts.isCallExpression(call)) return undefined;
  const callee = skipOuter(call.expression);
  return ts.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text) ? call : undefined;
}

export { constructorOf };
