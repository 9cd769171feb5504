import { ts } from '../util/typescript.js';
import { bind, type Ctx, ROOT } from './context.js';
import { type Alt, type Handle, type Instance, lazy, sameValue, type Thunk, UNDEF, unknown, type Value } from './domain.js';
import type { Interpreter } from './interpreter.js';
import { oneOf, staticKey } from './interpreter.js';
import { constructLibrary, injectedByDecorator } from './library.js';
import { oneLine } from './program.js';
import { type Decl, lookup } from './scope.js';

type ClassValue = Extract<Value, { k: 'class' }>;
type InstValue = Extract<Value, { k: 'inst' }>;

/**
 * Classes and their instances: fields bound per allocation site, constructors chained through
 * `super(…)`, getters, inherited and static members, and Nest's injector.
 *
 * An instance made by `new Client('invoices')` keeps its constructor arguments, so
 * `this.queue` in any of its methods is the queue that allocation made — `invoices.enqueue()`
 * and `audit.enqueue()` never mix. A class Nest constructs (it has a decorator) gets one
 * instance whose constructor parameters are what the injector passes (`@InjectQueue`, a
 * provider class). `this` in a method nobody has bound yet is an instance whose
 * constructor-dependent fields are open inputs of that method (bound later at its call sites).
 */
export class Instances {
  private readonly allocations = new Map<string, InstValue>();
  private readonly diInstances = new WeakMap<ts.ClassLikeDeclaration, InstValue>();
  private readonly openInstances = new WeakMap<ts.Node, InstValue>();
  private readonly handles = new WeakMap<Instance, Handle | null>();
  private readonly staticMemo = new WeakMap<ts.ClassLikeDeclaration, Map<string, Value>>();
  /** Classes no code constructs with `new`, taken as constructed by Nest's injector. */
  private readonly assumed = new WeakSet<ts.ClassLikeDeclaration>();
  private readonly assignments = new WeakMap<ts.ClassLikeDeclaration, Map<string, Array<{ expr: ts.Expression; member: ts.ClassElement; isStatic: boolean }>>>();

  constructor(private readonly interp: Interpreter) {}

  allocate(cls: ClassValue, args: Thunk[], node: ts.Node, ctx: Ctx): Value {
    const key = `${ctx.id}:${node.pos}:${node.getSourceFile().fileName}`;
    let v = this.allocations.get(key);
    if (!v) {
      v = { k: 'inst', inst: { cls, alloc: { kind: 'new', node, ctx, args }, memo: new Map() } };
      this.allocations.set(key, v);
    }
    return v;
  }

  /**
   * A class no code constructs with `new` (a provider listed in a Nest module without a
   * decorator of its own): its constructor parameters are what the injector passes.
   */
  assumeInjected(cls: ts.ClassLikeDeclaration): void {
    this.assumed.add(cls);
  }

  injectable(cls: ts.ClassLikeDeclaration): boolean {
    return isInjectable(cls) || this.assumed.has(cls);
  }

  /**
   * Whether the class may be constructed by code (`new` of it, or it has subclasses whose
   * instances run its members): set by the engine. A class for which neither holds is only ever
   * constructed by an injector.
   */
  constructed: (cls: ts.ClassLikeDeclaration) => boolean = () => true;

  /** `this` inside a class member whose frame has no receiver. */
  thisOf(cls: ts.ClassLikeDeclaration, member: ts.Node, ctx: Ctx): Value {
    if (this.injectable(cls)) return this.diInstance(cls);
    // Nobody writes `new` for it: the injector constructs it (a provider of a Nest module).
    // An abstract class is never constructed itself: `this` is an instance of a subclass,
    // chosen by the callers (`new MailProducer().publish()`).
    if (!this.constructed(cls) && !isAbstract(cls)) {
      this.assumeInjected(cls);
      return this.diInstance(cls);
    }
    // Constructors and field initializers run at `new`: their callers are the allocation sites.
    const scope = ts.isConstructorDeclaration(member) || ts.isPropertyDeclaration(member) ? constructorOf(cls) ?? cls : member;
    let v = this.openInstances.get(scope);
    if (!v) {
      v = { k: 'inst', inst: { cls: this.interp.classValue(cls, ROOT) as ClassValue, alloc: { kind: 'open', scope }, memo: new Map() } };
      this.openInstances.set(scope, v);
    }
    void ctx;
    return v;
  }

  diInstance(cls: ts.ClassLikeDeclaration): InstValue {
    let v = this.diInstances.get(cls);
    if (!v) {
      v = { k: 'inst', inst: { cls: this.interp.classValue(cls, ROOT) as ClassValue, alloc: { kind: 'di' }, memo: new Map() } };
      this.diInstances.set(cls, v);
    }
    return v;
  }

  // ── Class chains ──────────────────────────────────────────────────────────────────────────

  /** The class, its in-repository bases (most derived first), and the library class it ends in. */
  chain(cls: ClassValue): { classes: ClassValue[]; libBase?: Extract<Value, { k: 'lib' }> } {
    const classes: ClassValue[] = [];
    let current: Value | undefined = cls;
    for (let i = 0; i < 12 && current?.k === 'class'; i++) {
      classes.push(current);
      current = this.baseOf(current);
    }
    return { classes, libBase: current?.k === 'lib' ? current : undefined };
  }

  baseOf(cls: ClassValue): Value | undefined {
    const heritage = cls.decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!heritage) return undefined;
    return this.interp.eval(heritage.expression, cls.ctx);
  }

  /** The library object an instance also is, when its class extends `Worker`, `Queue`, … */
  asHandle(v: InstValue): Handle | undefined {
    const cached = this.handles.get(v.inst);
    if (cached !== undefined) return cached ?? undefined;
    this.handles.set(v.inst, null);
    const { classes, libBase } = this.chain(v.inst.cls);
    if (!libBase || classes.length === 0) return undefined;
    const last = classes[classes.length - 1]!;
    const args = this.argsAbove(v, last, classes);
    const alloc = v.inst.alloc;
    const site = alloc.kind === 'new' ? alloc.node : superCallOf(last.decl) ?? last.decl;
    const made = constructLibrary(this.interp, libBase, args ?? [], site, alloc.kind === 'new' ? alloc.ctx : ROOT, args === undefined ? this.openReason(v, last) : undefined);
    const handle = made.k === 'handle' ? made.h : undefined;
    this.handles.set(v.inst, handle ?? null);
    return handle;
  }

  /** The arguments the library base constructor receives, or undefined when they are open. */
  private argsAbove(v: InstValue, last: ClassValue, classes: ClassValue[]): Thunk[] | undefined {
    const ctor = constructorOf(last.decl);
    if (!ctor) return this.ctorArgs(v, last, classes);
    const call = superCallOf(last.decl);
    if (!call) return [];
    const ctx = this.ctorCtx(v, last);
    return this.interp.args(call.arguments, ctx);
  }

  private openReason(v: InstValue, last: ClassValue): Value {
    return v.inst.alloc.kind === 'open' ? { k: 'open', scope: v.inst.alloc.scope, what: `the arguments of ${last.decl.name?.text ?? 'a class'}`, node: last.decl } : unknown('constructed by an injector', last.decl);
  }

  /** What a class's constructor receives for one instance (undefined: not bound). */
  private ctorArgs(v: InstValue, cls: ClassValue, classes: ClassValue[]): Thunk[] | undefined {
    const index = classes.indexOf(cls);
    if (index <= 0) return v.inst.alloc.kind === 'new' ? v.inst.alloc.args : undefined;
    const derived = classes[index - 1]!;
    const derivedCtor = constructorOf(derived.decl);
    if (!derivedCtor) return this.ctorArgs(v, derived, classes);
    const call = superCallOf(derived.decl);
    if (!call) return [];
    return this.interp.args(call.arguments, this.ctorCtx(v, derived));
  }

  /** The context the class's constructor body and field initializers run in for this instance. */
  ctorCtx(v: InstValue, cls: ClassValue): Ctx {
    const inst = v.inst;
    inst.ctors ??= new Map();
    const cached = inst.ctors.get(cls.decl);
    if (cached) return cached;
    const { classes } = this.chain(inst.cls);
    const ctor = constructorOf(cls.decl);
    const args = this.ctorArgs(v, cls, classes);
    const alloc = inst.alloc;
    const frame = {
      scope: ctor ?? cls.decl,
      args,
      thisValue: v as Value,
      site: alloc.kind === 'new' ? alloc.node : cls.decl,
      openAs: alloc.kind === 'open' ? alloc.scope : undefined,
    };
    // Field initializers see `this` through a frame of the class itself.
    const base = bind(cls.ctx, { scope: cls.decl, thisValue: v, site: frame.site });
    const ctx = bind(base, frame, { call: true });
    inst.ctors.set(cls.decl, ctx);
    return ctx;
  }

  // ── Members ───────────────────────────────────────────────────────────────────────────────

  member(v: InstValue, key: string, node: ts.Node, startAt = 0): Value {
    const memoKey = `${startAt}:${key}`;
    const hit = v.inst.memo.get(memoKey);
    if (hit) return hit;
    v.inst.memo.set(memoKey, unknown(`\`${key}\` depends on itself`, node));
    const value = this.memberUncached(v, key, node, startAt);
    v.inst.memo.set(memoKey, value);
    return value;
  }

  private memberUncached(v: InstValue, key: string, node: ts.Node, startAt: number): Value {
    const { classes, libBase } = this.chain(v.inst.cls);
    const fieldValues: Array<{ value: Value; where: ts.Node }> = [];
    for (const cls of classes.slice(startAt)) {
      for (const m of cls.decl.members) {
        if (isStatic(m) || !m.name || staticKey(m.name as ts.PropertyName) !== key) continue;
        if (ts.isGetAccessorDeclaration(m) && m.body) return this.interp.invoke({ k: 'fn', decl: m, ctx: cls.ctx }, [], v, node, ROOT);
        if (ts.isMethodDeclaration(m) && m.body) return { k: 'fn', decl: m, ctx: cls.ctx, thisValue: v };
        if (ts.isPropertyDeclaration(m)) {
          if (m.initializer) fieldValues.push({ value: this.interp.eval(m.initializer, this.ctorCtx(v, cls)), where: m });
          else {
            const injected = this.injectedProperty(m, cls.decl);
            if (injected) fieldValues.push({ value: injected, where: m });
          }
        }
      }
      const ctor = constructorOf(cls.decl);
      if (ctor) {
        const index = ctor.parameters.findIndex((p) => isParameterProperty(p) && ts.isIdentifier(p.name) && p.name.text === key);
        if (index !== -1) {
          const p = ctor.parameters[index]!;
          const decl: Decl = { kind: 'param', fn: ctor, param: p, index, path: [] };
          fieldValues.push({ value: this.interp.declValue(decl, p.name, this.ctorCtx(v, cls)), where: p });
        }
      }
      for (const a of this.assignmentsIn(cls.decl).get(key) ?? []) {
        if (a.isStatic) continue;
        const ctx = ts.isConstructorDeclaration(a.member) ? this.ctorCtx(v, cls) : bind(cls.ctx, { scope: a.member, thisValue: v, site: a.member });
        fieldValues.push({ value: this.interp.eval(a.expr, ctx), where: a.expr });
      }
    }
    if (fieldValues.length > 0) return combine(fieldValues, node);
    if (libBase) {
      const handle = this.asHandle(v);
      if (handle) return this.interp.member({ k: 'handle', h: handle }, key, node, ROOT);
      return { k: 'lib', module: libBase.module, path: [...libBase.path, key], instance: true };
    }
    // `protected abstract get queue()`: each subclass supplies it, so the callers that bind
    // `this` decide it.
    if (v.inst.alloc.kind === 'open' && classes.slice(startAt).some((cls) => declaresAbstract(cls.decl, key))) {
      return { k: 'open', scope: v.inst.alloc.scope, what: `\`${key}\`, which each subclass of ${v.inst.cls.decl.name?.text ?? 'the class'} implements`, node };
    }
    return unknown(`${v.inst.cls.decl.name?.text ?? 'the class'} has no member \`${key}\` the analysis can see`, node);
  }

  /** `super.method` / `super.field`: the member lookup starting above the enclosing class. */
  superMember(node: ts.Node, key: string, ctx: Ctx): Value {
    let cls: ts.ClassLikeDeclaration | undefined;
    let member: ts.Node | undefined;
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (!member && (ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isPropertyDeclaration(n))) member = n;
      if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
        cls = n;
        break;
      }
    }
    if (!cls || !member) return unknown('`super` outside a class', node);
    const frame = ctx.frames.get(member);
    const self = frame?.thisValue ?? this.thisOf(cls, member, ctx);
    if (self.k !== 'inst') return unknown('`super` of an unknown instance', node);
    const { classes } = this.chain(self.inst.cls);
    const at = classes.findIndex((c) => c.decl === cls);
    if (at === -1) return unknown('`super` of an unknown class', node);
    return this.member(self, key, node, at + 1);
  }

  staticMember(cls: ClassValue, key: string, node: ts.Node): Value {
    let memo = this.staticMemo.get(cls.decl);
    if (!memo) {
      memo = new Map();
      this.staticMemo.set(cls.decl, memo);
    }
    const hit = memo.get(key);
    if (hit) return hit;
    memo.set(key, unknown(`static \`${key}\` depends on itself`, node));
    const value = this.staticUncached(cls, key, node);
    memo.set(key, value);
    return value;
  }

  private staticUncached(cls: ClassValue, key: string, node: ts.Node): Value {
    const { classes, libBase } = this.chain(cls);
    for (const c of classes) {
      const values: Array<{ value: Value; where: ts.Node }> = [];
      for (const m of c.decl.members) {
        if (!isStatic(m) || !m.name || staticKey(m.name as ts.PropertyName) !== key) continue;
        if (ts.isMethodDeclaration(m) && m.body) return { k: 'fn', decl: m, ctx: c.ctx, thisValue: cls };
        if (ts.isGetAccessorDeclaration(m) && m.body) return this.interp.invoke({ k: 'fn', decl: m, ctx: c.ctx }, [], cls, node, ROOT);
        if (ts.isPropertyDeclaration(m) && m.initializer) values.push({ value: this.interp.eval(m.initializer, bind(c.ctx, { scope: c.decl, thisValue: cls, site: m })), where: m });
      }
      for (const a of this.assignmentsIn(c.decl).get(key) ?? []) {
        if (!a.isStatic) continue;
        values.push({ value: this.interp.eval(a.expr, bind(c.ctx, { scope: a.member, thisValue: cls, site: a.member })), where: a.expr });
      }
      if (values.length > 0) return combine(values, node);
    }
    if (key === 'name' && cls.decl.name) return { k: 'str', v: cls.decl.name.text };
    if (libBase) return { k: 'lib', module: libBase.module, path: [...libBase.path, key] };
    return unknown(`${cls.decl.name?.text ?? 'the class'} has no static \`${key}\``, node);
  }

  /**
   * `this.key = …` in the class's members (instance or static, by the member's own kind), and
   * `ClassName.key = …` in its file: every place a field gets its value.
   */
  private assignmentsIn(cls: ts.ClassLikeDeclaration): Map<string, Array<{ expr: ts.Expression; member: ts.ClassElement; isStatic: boolean }>> {
    let table = this.assignments.get(cls);
    if (table) return table;
    table = new Map();
    const add = (key: string, expr: ts.Expression, member: ts.ClassElement, staticSide: boolean): void => {
      const list = table!.get(key) ?? [];
      list.push({ expr, member, isStatic: staticSide });
      table!.set(key, list);
    };
    const className = cls.name?.text;
    for (const m of cls.members) {
      const staticSide = isStatic(m);
      const visit = (n: ts.Node): void => {
        if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassDeclaration(n) || ts.isClassExpression(n)) return; // their own `this`
        if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.EqualsToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || n.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)) {
          const left = n.left;
          if (ts.isPropertyAccessExpression(left)) {
            if (left.expression.kind === ts.SyntaxKind.ThisKeyword) add(left.name.text, n.right, m, staticSide);
            else if (className && ts.isIdentifier(left.expression) && left.expression.text === className) add(left.name.text, n.right, m, true);
          }
        }
        ts.forEachChild(n, visit);
      };
      ts.forEachChild(m, visit);
    }
    this.assignments.set(cls, table);
    return table;
  }

  // ── Nest's injector ───────────────────────────────────────────────────────────────────────

  /** What Nest passes a constructor parameter of a class it constructs, if this is one. */
  injected(decl: Extract<Decl, { kind: 'param' }>, ctx: Ctx): Value | undefined {
    if (!ts.isConstructorDeclaration(decl.fn)) return undefined;
    const cls = decl.fn.parent;
    if (!this.injectable(cls)) return undefined;
    const frame = ctx.frames.get(decl.fn);
    if (frame?.args || frame?.openAs) return undefined;
    return this.injectFor(decl.param, cls);
  }

  private injectedProperty(m: ts.PropertyDeclaration, cls: ts.ClassLikeDeclaration): Value | undefined {
    if (!isInjectable(cls) || !(ts.getDecorators(m) ?? []).length) return undefined;
    return this.injectFor(m, cls);
  }

  private injectFor(target: ts.ParameterDeclaration | ts.PropertyDeclaration, cls: ts.ClassLikeDeclaration): Value {
    for (const d of ts.getDecorators(target) ?? []) {
      const injected = injectedByDecorator(this.interp, d, target);
      if (injected) return injected;
    }
    const type = target.type;
    if (type && ts.isTypeReferenceNode(type)) {
      const id = ts.isIdentifier(type.typeName) ? type.typeName : type.typeName.right;
      const decl = lookup(id.text, id);
      if (decl?.kind === 'class') return this.diInstance(decl.node);
      if (decl?.kind === 'import' && !decl.typeOnly) {
        const v = this.interp.importValue(target.getSourceFile().fileName, decl.spec, decl.name, id);
        if (v.k === 'class') return this.diInstance(v.decl);
        if (v.k === 'lib') return { ...v, instance: true };
        return v.k === 'unknown' ? v : unknown(`${cls.name?.text ?? 'a class'} is injected \`${oneLine(type)}\``, target);
      }
      if (decl?.kind === 'import') {
        const v = this.interp.importValue(target.getSourceFile().fileName, decl.spec, decl.name, id);
        if (v.k === 'class') return this.diInstance(v.decl);
      }
    }
    return unknown(`what Nest injects into \`${target.name.getText()}\` of ${cls.name?.text ?? 'a class'}`, target);
  }
}

/** A class with any decorator is constructed by a framework (Nest), not by `new` in the code. */
export function isInjectable(cls: ts.ClassLikeDeclaration): boolean {
  return (ts.getDecorators(cls) ?? []).length > 0;
}

export function constructorOf(cls: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
  return cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
}

/** The `super(…)` call of a class's constructor. */
export function superCallOf(cls: ts.ClassLikeDeclaration): ts.CallExpression | undefined {
  const ctor = constructorOf(cls);
  if (!ctor?.body) return undefined;
  let found: ts.CallExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) found = n;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(ctor.body, visit);
  return found;
}

function isStatic(m: ts.ClassElement): boolean {
  return ts.canHaveModifiers(m) && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
}

function isParameterProperty(p: ts.ParameterDeclaration): boolean {
  return (ts.getModifiers(p) ?? []).some((m) =>
    [ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword].includes(m.kind),
  );
}

/**
 * The value of a field assigned in several places: one meaningful value wins (a lazily
 * initialised `queue: Queue | null = null` is its queue); different ones stay alternatives.
 */
function combine(values: Array<{ value: Value; where: ts.Node }>, node: ts.Node): Value {
  const meaningful = values.filter((v) => v.value.k !== 'undef' && v.value.k !== 'null');
  if (meaningful.length === 0) return values[0]!.value;
  const distinct = meaningful.filter((v, i) => meaningful.findIndex((w) => sameValue(v.value, w.value)) === i);
  if (distinct.length === 1) return distinct[0]!.value;
  const open = distinct.find((d) => d.value.k === 'open');
  if (open) return open.value;
  const alts: Alt[] = distinct.map((d) => ({ value: d.value, cond: `assigned at line ${d.where.getSourceFile().getLineAndCharacterOfPosition(d.where.getStart()).line + 1}`, isDefault: false }));
  return oneOf(alts, node);
}

export { lazy, UNDEF };

function isAbstract(cls: ts.ClassLikeDeclaration): boolean {
  return ts.canHaveModifiers(cls) && (ts.getModifiers(cls) ?? []).some((m) => m.kind === ts.SyntaxKind.AbstractKeyword);
}

function declaresAbstract(cls: ts.ClassLikeDeclaration, key: string): boolean {
  return cls.members.some((m) => !!m.name && staticKey(m.name as ts.PropertyName) === key && ts.canHaveModifiers(m) && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.AbstractKeyword));
}
