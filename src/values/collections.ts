import { ts } from '../util/typescript.js';
import { bind, type Ctx, ROOT } from './context.js';
import { type Alt, sameValue, UNDEF, unknown, type Value } from './domain.js';
import { type Interpreter, oneOf } from './interpreter.js';
import { enclosingClass, enclosingFunction, lookup, skipOuter } from './scope.js';

/**
 * Maps as queue caches (`queues.set(name, new Queue(name))`, later `queues.get(name)`): what
 * `m.get(k)` returns is what the code puts in the map with `m.set(k, v)` — found where the map
 * lives (a field of a class, a variable) — keeping the entries whose key may equal `k`.
 *
 * A `set` in the function doing the `get` is evaluated in the same context (the
 * `getQueue(name)` cache: the queue made for this caller's name); a `set` elsewhere in the class
 * in a context binding only `this` (its parameters stay open inputs, bound per caller by the
 * expander). The map is the storage, not the allocation: two instances of a class share the
 * class's `set` sites but each evaluates them with its own `this`.
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
  if (!ts.isCallExpression(call)) return unknown('a value read from a Map', call);
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return unknown('a value read from a Map', call);
  const recv = skipOuter(callee.expression);
  const storage = storageOf(interp, recv, ctx);
  if (!storage) return unknown(`a value read from the Map \`${recv.getText().slice(0, 40)}\`, which the analysis cannot locate`, call);
  if (active.has(call)) return UNDEF;
  active.add(call);
  try {
    const sites = sitesOf(storage);
    if (sites.length === 0) return unknown(`a value read from the Map \`${recv.getText().slice(0, 40)}\`, which no \`.set\` the analysis sees fills`, call);
    const here = enclosingFunction(call);
    const self = storage.kind === 'field' && ts.isPropertyAccessExpression(recv) ? interp.eval(recv.expression, ctx) : undefined;
    const values: Array<{ value: Value; where: ts.Node }> = [];
    for (const s of sites) {
      const sctx = enclosingFunction(s.call) === here ? ctx : s.member ? bind(ROOT, { scope: s.member, ...(self ? { thisValue: self } : {}), site: s.member }) : ROOT;
      const k = interp.eval(s.key, sctx);
      if (!mayEqual(k, key)) continue;
      values.push({ value: interp.eval(s.value, sctx), where: s.call });
    }
    if (values.length === 0) return UNDEF;
    const distinct = values.filter((v, i) => values.findIndex((w) => sameValue(v.value, w.value)) === i);
    if (distinct.length === 1) return distinct[0]!.value;
    const alts: Alt[] = distinct.map((d) => ({ value: d.value, cond: `set at line ${lineOf(d.where)}`, isDefault: false }));
    return oneOf(alts, call);
  } finally {
    active.delete(call);
  }
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
