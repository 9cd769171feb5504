import { ts } from '../util/typescript.js';
import type { Ctx } from './context.js';
import { type Alt, constant, sameValue, type Thunk, UNDEF, unknown, type Value } from './domain.js';
import { type Interpreter, oneOf } from './interpreter.js';
import { enclosingClass, lookup, skipOuter } from './scope.js';

/**
 * Maps as queue caches (`queues.set(name, new Queue(name))`, later `queues.get(name)`): what
 * `m.get(k)` returns is what the code puts in the map with `m.set(k, v)` — found where the map
 * lives (a field of a class, a variable) — keeping the entries whose key may equal `k`.
 *
 * Every `set` is evaluated in the context of the `get`: one in the same function sees this
 * call's bindings (the `getQueue(name)` cache: the queue made for this caller's name); one in
 * another method leaves that method's parameters open, so the expander binds them per caller
 * (`register(workload)` called seven times is seven entries). The map is the storage, not the
 * allocation: two instances of a class share its `set` sites, each with its own `this`.
 */

type Storage = { kind: 'field'; cls: ts.ClassLikeDeclaration; name: string; isStatic: boolean } | { kind: 'var'; decl: ts.VariableDeclaration };

interface SetSite {
  call: ts.CallExpression;
  key: ts.Expression;
  value: ts.Expression;
  /** The class member it sits in (field storage), for the context it runs in. */
  member?: ts.ClassElement;
}

const setSites = new WeakMap<ts.Node, Map<string, SetSite[]>>();
/** `get` calls being evaluated: a `set` whose value depends on the same `get` sees an empty map. */
const active = new Set<ts.Node>();

export function mapGet(interp: Interpreter, call: ts.Node, key: Value, ctx: Ctx): Value {
  const found = locate(interp, call, ctx, 'a value read from');
  if ('unknown' in found) return found.unknown;
  const { storage, recv } = found;
  if (active.has(call)) return UNDEF;
  active.add(call);
  try {
    const entries = entriesOf(interp, storage, ctx);
    if (entries.length === 0) return unknown(`a value read from the Map \`${recv.getText().slice(0, 40)}\`, which no \`.set\` the analysis sees fills`, call);
    const values = entries.filter((e) => mayEqual(e.key, key));
    if (values.length === 0) return UNDEF;
    const distinct = values.filter((v, i) => values.findIndex((w) => sameValue(v.value, w.value)) === i);
    if (distinct.length === 1) return distinct[0]!.value;
    const alts: Alt[] = distinct.map((d) => ({ value: d.value, cond: `set at line ${lineOf(d.where)}`, isDefault: false }));
    // Which entry depends on a key not bound yet (`trigger(name)` → `workloads.get(name)`): the
    // key is the input to bind first; unbound, the entry is any of them.
    if (key.k === 'open') return { ...key, fallback: oneOf(alts, call) };
    return oneOf(alts, call);
  } finally {
    active.delete(call);
  }
}

/**
 * `m.values()`, `m.keys()`, `m.entries()`: one element per entry the code puts there, so
 * `for (const w of this.workloads.values()) new Worker(w.queue)` is one consumer per registered
 * workload, reported at the `register(w)` call that made it.
 */
export function mapContents(interp: Interpreter, call: ts.Node, view: 'values' | 'keys' | 'entries', ctx: Ctx): Value {
  const found = locate(interp, call, ctx, `the ${view} of`);
  if ('unknown' in found) return found.unknown;
  if (active.has(call)) return unknown(`the ${view} of a Map that depends on itself`, call);
  active.add(call);
  try {
    const entries = entriesOf(interp, found.storage, ctx);
    const items: Thunk[] = entries.map((e) => constant(view === 'values' ? e.value : view === 'keys' ? e.key : { k: 'arr', items: [constant(e.key), constant(e.value)], node: e.where }));
    return { k: 'arr', items, node: call, anchors: entries.map((e) => e.anchor) };
  } finally {
    active.delete(call);
  }
}

interface Entry {
  key: Value;
  value: Value;
  where: ts.Node;
  /** The outermost call that made this entry (`manager.register(w)`), if not the current context's. */
  anchor?: ts.Node;
}

/**
 * What the map holds: every `set`, evaluated in the current context, and — when its key or
 * value depends on inputs still open (the parameters of `register(workload)`) — once per way
 * the code binds them: the map holds all of them at once, not one per caller.
 */
function entriesOf(interp: Interpreter, storage: Storage, ctx: Ctx): Entry[] {
  const out: Entry[] = [];
  for (const s of sitesOf(storage)) {
    const pairs = interp.expandValue((c) => ({ k: 'arr', items: [constant(interp.eval(s.key, c)), constant(interp.eval(s.value, c))], node: s.call }), ctx);
    for (const { ctx: c, result } of pairs) {
      if (result.k !== 'arr') continue;
      out.push({ key: result.items[0]!(), value: result.items[1]!(), where: s.call, ...(c.anchor && c.anchor !== ctx.anchor ? { anchor: c.anchor } : {}) });
    }
  }
  return out;
}

function locate(interp: Interpreter, call: ts.Node, ctx: Ctx, what: string): { storage: Storage; recv: ts.Expression } | { unknown: Value } {
  if (!ts.isCallExpression(call)) return { unknown: unknown(`${what} a Map`, call) };
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return { unknown: unknown(`${what} a Map`, call) };
  const recv = skipOuter(callee.expression);
  const storage = storageOf(interp, recv, ctx);
  if (!storage) return { unknown: unknown(`${what} the Map \`${recv.getText().slice(0, 40)}\`, which the analysis cannot locate`, call) };
  return { storage, recv };
}

/** Keys that are both static and different never match; anything else may. */
function mayEqual(a: Value, b: Value): boolean {
  if ((a.k === 'str' || a.k === 'num') && (b.k === 'str' || b.k === 'num')) return String(a.v) === String(b.v);
  return true;
}

function storageOf(interp: Interpreter, recv: ts.Expression, ctx: Ctx): Storage | undefined {
  if (ts.isPropertyAccessExpression(recv) || (ts.isElementAccessExpression(recv) && ts.isStringLiteralLike(recv.argumentExpression))) {
    const name = ts.isPropertyAccessExpression(recv) ? recv.name.text : (recv.argumentExpression as ts.StringLiteralLike).text;
    const owner = skipOuter(recv.expression);
    if (owner.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(recv);
      if (!cls) return undefined;
      return { kind: 'field', cls, name, isStatic: inStaticMember(recv) };
    }
    const v = interp.eval(owner, ctx);
    if (v.k === 'class') return { kind: 'field', cls: v.decl, name, isStatic: true };
    if (v.k === 'inst') return { kind: 'field', cls: v.inst.cls.decl, name, isStatic: false };
    return undefined;
  }
  if (ts.isIdentifier(recv)) {
    const d = lookup(recv.text, recv);
    if (d?.kind === 'var' && d.path.length === 0) return { kind: 'var', decl: d.decl };
  }
  return undefined;
}

function sitesOf(storage: Storage): SetSite[] {
  if (storage.kind === 'field') {
    const key = `${storage.isStatic ? 'static' : 'instance'}:${storage.name}`;
    let table = setSites.get(storage.cls);
    if (!table) {
      table = new Map();
      setSites.set(storage.cls, table);
    }
    let list = table.get(key);
    if (!list) {
      list = fieldSets(storage.cls, storage.name, storage.isStatic);
      table.set(key, list);
    }
    return list;
  }
  let table = setSites.get(storage.decl);
  if (!table) {
    table = new Map([['', varSets(storage.decl)]]);
    setSites.set(storage.decl, table);
  }
  return table.get('')!;
}

/** `this.name.set(k, v)` in the class's members on the same side, and `ClassName.name.set(k, v)`. */
function fieldSets(cls: ts.ClassLikeDeclaration, name: string, isStatic: boolean): SetSite[] {
  const out: SetSite[] = [];
  const className = cls.name?.text;
  for (const m of cls.members) {
    const staticSide = (ts.getModifiers(m as ts.HasModifiers) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassDeclaration(n) || ts.isClassExpression(n)) return; // their own `this`
      const s = asSet(n);
      if (s) {
        const owner = skipOuter(s.target);
        const ownerName = ts.isPropertyAccessExpression(owner) ? owner.name.text : undefined;
        if (ownerName === name && ts.isPropertyAccessExpression(owner)) {
          const base = skipOuter(owner.expression);
          const isThis = base.kind === ts.SyntaxKind.ThisKeyword && staticSide === isStatic;
          const isClass = isStatic && className !== undefined && ts.isIdentifier(base) && base.text === className;
          if (isThis || isClass) out.push({ call: s.call, key: s.key, value: s.value, member: m });
        }
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(m, visit);
  }
  return out;
}

/** `m.set(k, v)` wherever the variable `m` is in scope. */
function varSets(decl: ts.VariableDeclaration): SetSite[] {
  if (!ts.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  const out: SetSite[] = [];
  const visit = (n: ts.Node): void => {
    const s = asSet(n);
    if (s) {
      const target = skipOuter(s.target);
      if (ts.isIdentifier(target) && target.text === name) {
        const d = lookup(name, target);
        if (d?.kind === 'var' && d.decl === decl) out.push({ call: s.call, key: s.key, value: s.value });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(decl.getSourceFile());
  return out;
}

function asSet(n: ts.Node): { call: ts.CallExpression; target: ts.Expression; key: ts.Expression; value: ts.Expression } | undefined {
  if (!ts.isCallExpression(n) || n.arguments.length < 2) return undefined;
  const callee = skipOuter(n.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'set') return undefined;
  return { call: n, target: callee.expression, key: n.arguments[0]!, value: n.arguments[1]! };
}

function inStaticMember(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isClassElement(n)) return (ts.getModifiers(n as ts.HasModifiers) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return false;
  }
  return false;
}

function lineOf(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}
