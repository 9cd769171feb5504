import path from 'node:path';
import { exportTable } from '../resolution/exports.js';
import { ts } from '../util/typescript.js';
import { elementsAddedTo } from './array-mutations.js';
import { BOUNDS } from './bounds.js';
import { callBuiltin, builtinMember } from './builtins.js';
import { bind, type Ctx, ROOT } from './context.js';
import {
  type Alt,
  constant,
  describe,
  type FunctionNode,
  lazy,
  NULL,
  type ObjPart,
  sameValue,
  str,
  type Thunk,
  UNDEF,
  unknown,
  type Value,
} from './domain.js';
import { Instances } from './instances.js';
import { callLibrary, constructLibrary, isProcessEnv, libraryMember, PROCESS_ENV, readsWholeEnvironment } from './library.js';
import { oneLine, type Program, relativePath } from './program.js';
import { type Decl, declarationsOf, enclosingClass, isFunctionNode, lookup, type PathStep, skipOuter } from './scope.js';

type Open = Extract<Value, { k: 'open' }>;

/** Evaluation ran out of its step budget: unwinds to the question that started it. */
class BudgetExceeded extends Error {}

/**
 * The abstract interpreter: what is this expression's value, in this context?
 *
 * Demand-driven and memoised per (expression, context): detectors ask about the few
 * expressions at queue sites, and evaluation reads only what those need — across files,
 * through imports resolved by TypeScript's rules, into functions (with their arguments
 * bound), methods (with `this` bound), constructors (fields per `new` site), getters,
 * closures and array methods. See SPEC §3 "Names and queues are values".
 */
export class Interpreter {
  readonly instances: Instances;
  private readonly memo = new Map<number, Map<ts.Node, Value>>();
  private readonly defaultMemo = new Map<number, Map<ts.Node, Value>>();
  private readonly inProgress = new Set<string>();
  private steps = 0;
  /** Evaluating the default world: every environment variable unset. */
  private defaultWorld = false;
  private readonly classValues = new WeakMap<ts.Node, Value>();
  private readonly enums = new WeakMap<ts.EnumDeclaration, Value>();

  /**
   * Every binding of a value's open inputs (the expander's, set by the engine): what a Map holds
   * is what every `set` the code runs puts there, over all callers at once (values/collections.ts).
   */
  expandValue: (evaluate: (ctx: Ctx) => Value, base: Ctx) => Array<{ ctx: Ctx; result: Value }> = (evaluate, base) => [{ ctx: base, result: evaluate(base) }];

  constructor(readonly program: Program) {
    this.instances = new Instances(this);
  }

  /** Runs one detector question under a fresh step budget. */
  question<T>(fn: () => T, onBudget: () => T): T {
    // Nested questions (callers searched while binding a site) share the outer budget.
    const outermost = this.questionDepth === 0;
    if (outermost) this.steps = 0;
    this.questionDepth++;
    try {
      return fn();
    } catch (error) {
      if (error instanceof BudgetExceeded && outermost) return onBudget();
      throw error;
    } finally {
      this.questionDepth--;
    }
  }

  private questionDepth = 0;

  eval(expr: ts.Expression, ctx: Ctx): Value {
    const e = skipOuter(expr);
    const table = this.defaultWorld ? this.defaultMemo : this.memo;
    let byNode = table.get(ctx.id);
    if (!byNode) {
      byNode = new Map();
      table.set(ctx.id, byNode);
    }
    const hit = byNode.get(e);
    if (hit) return hit;
    if (++this.steps > BOUNDS.steps) throw new BudgetExceeded();
    const key = `${ctx.id}:${e.pos}:${e.end}:${e.getSourceFile().fileName}:${this.defaultWorld}`;
    if (this.inProgress.has(key)) return unknown(DEPENDS_ON_ITSELF, e);
    this.inProgress.add(key);
    let value: Value;
    try {
      value = this.evalUncached(e, ctx);
    } finally {
      this.inProgress.delete(key);
    }
    byNode.set(e, value);
    return value;
  }

  /** The value in the default world (environment unset): how a condition picks the shown name. */
  evalDefault(expr: ts.Expression, ctx: Ctx): Value {
    const before = this.defaultWorld;
    this.defaultWorld = true;
    try {
      return this.eval(expr, ctx);
    } finally {
      this.defaultWorld = before;
    }
  }

  private evalUncached(e: ts.Expression, ctx: Ctx): Value {
    switch (e.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return str((e as ts.StringLiteral).text);
      case ts.SyntaxKind.NumericLiteral:
        return { k: 'num', v: Number((e as ts.NumericLiteral).text) };
      case ts.SyntaxKind.TrueKeyword:
        return { k: 'bool', v: true };
      case ts.SyntaxKind.FalseKeyword:
        return { k: 'bool', v: false };
      case ts.SyntaxKind.NullKeyword:
        return NULL;
      case ts.SyntaxKind.Identifier:
        return this.identifier(e as ts.Identifier, ctx);
      case ts.SyntaxKind.TemplateExpression:
        return this.template(e as ts.TemplateExpression, ctx);
      case ts.SyntaxKind.PropertyAccessExpression:
        return this.propertyAccess(e as ts.PropertyAccessExpression, ctx);
      case ts.SyntaxKind.ElementAccessExpression:
        return this.elementAccess(e as ts.ElementAccessExpression, ctx);
      case ts.SyntaxKind.CallExpression:
        return this.call(e as ts.CallExpression, ctx);
      case ts.SyntaxKind.NewExpression:
        return this.construct(e as ts.NewExpression, ctx);
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return { k: 'fn', decl: e as ts.ArrowFunction, ctx };
      case ts.SyntaxKind.ClassExpression:
        return this.classValue(e as ts.ClassExpression, ctx);
      case ts.SyntaxKind.ObjectLiteralExpression:
        return this.objectLiteral(e as ts.ObjectLiteralExpression, ctx);
      case ts.SyntaxKind.ArrayLiteralExpression:
        return this.arrayLiteral(e as ts.ArrayLiteralExpression, ctx);
      case ts.SyntaxKind.ConditionalExpression:
        return this.conditional(e as ts.ConditionalExpression, ctx);
      case ts.SyntaxKind.BinaryExpression:
        return this.binary(e as ts.BinaryExpression, ctx);
      case ts.SyntaxKind.PrefixUnaryExpression:
        return this.prefix(e as ts.PrefixUnaryExpression, ctx);
      case ts.SyntaxKind.AwaitExpression:
        return this.eval((e as ts.AwaitExpression).expression, ctx);
      case ts.SyntaxKind.ThisKeyword:
        return this.thisValue(e, ctx);
      case ts.SyntaxKind.VoidExpression:
        return UNDEF;
      case ts.SyntaxKind.TypeOfExpression:
        return this.typeOf(e as ts.TypeOfExpression, ctx);
      case ts.SyntaxKind.MetaProperty:
        return this.metaProperty(e as ts.MetaProperty);
      default:
        return unknown(`\`${oneLine(e)}\` is not evaluated statically`, e);
    }
  }

  // ── Identifiers, imports and exports ──────────────────────────────────────────────────────

  private identifier(id: ts.Identifier, ctx: Ctx): Value {
    const name = id.text;
    if (name === 'undefined') return UNDEF;
    const decl = lookup(name, id);
    if (!decl) return this.global(id);
    return this.declValue(decl, id, ctx);
  }

  /** The value a declaration gives an identifier in a context. */
  declValue(decl: Decl, at: ts.Node, ctx: Ctx): Value {
    switch (decl.kind) {
      case 'param':
        return this.parameter(decl, at, ctx);
      case 'var':
        return this.variable(decl, ctx, at);
      case 'loop': {
        const frame = ctx.frames.get(decl.stmt);
        if (frame?.element) return this.destructure(frame.element(), decl.path, ctx, at);
        return { k: 'open', scope: decl.stmt, what: `an element of \`${oneLine(decl.stmt.expression)}\``, node: at };
      }
      case 'function':
        return { k: 'fn', decl: decl.node, ctx };
      case 'self':
        return { k: 'fn', decl: decl.node, ctx };
      case 'class':
        return this.classValue(decl.node, ctx);
      case 'enum':
        return this.enumValue(decl.node);
      case 'import':
        return this.importValue(at.getSourceFile().fileName, decl.spec, decl.name, at);
      case 'namespace':
        return unknown(`namespace \`${decl.node.name.getText()}\` is not evaluated`, at);
      case 'catch':
        return unknown('a caught error', at);
    }
  }

  private parameter(decl: Extract<Decl, { kind: 'param' }>, at: ts.Node, ctx: Ctx): Value {
    const frame = ctx.frames.get(decl.fn);
    const name = decl.param.name.getText();
    if (frame?.args) {
      let value: Value;
      if (decl.param.dotDotDotToken) value = { k: 'arr', items: frame.args.slice(decl.index) };
      else value = frame.args[decl.index]?.() ?? UNDEF;
      if (value.k === 'undef' && decl.param.initializer) value = this.eval(decl.param.initializer, ctx);
      return this.destructure(value, decl.path, ctx, at);
    }
    const injected = this.instances.injected(decl, ctx);
    if (injected) return this.destructure(injected, decl.path, ctx, at);
    if (frame?.external) return unknown(`\`${name}\` is a parameter of ${functionName(decl.fn)}, which only code outside the analysis calls (it is handed out, not called by name)`, at);
    // A frame that binds only `this` (a field assigned in another method): its parameters come
    // from calls of that method, which a field read does not follow.
    if (frame && !frame.openAs) return unknown(`\`${name}\` is a parameter of ${functionName(decl.fn)}, which assigns it`, at);
    return { k: 'open', scope: frame?.openAs ?? decl.fn, what: `parameter \`${name}\` of ${functionName(decl.fn)}`, node: at, hint: typeHint(decl.param, this) };
  }

  private variable(decl: Extract<Decl, { kind: 'var' }>, ctx: Ctx, at: ts.Node): Value {
    const d = decl.decl;
    const list = d.parent;
    const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
    const assigned = isConst ? [] : assignmentsTo(d);
    const reaching = assigned.length > 0 ? reachingInStraightLine(d, assigned, at) : undefined;
    if (reaching) return this.destructure(this.eval(reaching, ctx), decl.path, ctx, d);
    const values: Value[] = [];
    if (d.initializer) values.push(this.eval(d.initializer, ctx));
    for (const a of assigned) values.push(this.eval(a, ctx));
    if (values.length === 0) return unknown(`\`${d.name.getText()}\` is declared without a value`, d);
    let value = values[0]!;
    if (values.length > 1) {
      // `let q = cache.get(k); if (!q) { q = new Queue(k); cache.set(k, q); }`: the cache read
      // depends on the variable itself; the other assignments say what it holds.
      const meaningful = values.filter((v) => v.k !== 'undef' && v.k !== 'null' && !(v.k === 'unknown' && v.reason === DEPENDS_ON_ITSELF));
      const distinct = meaningful.filter((v, i) => meaningful.findIndex((w) => sameValue(v, w)) === i);
      value = distinct.length === 1 ? distinct[0]! : distinct.length === 0 ? values[0]! : unknown(`\`${d.name.getText()}\` is reassigned`, d);
    }
    if (value.k === 'arr') value = this.withAddedElements(value, d, ctx);
    return this.destructure(value, decl.path, ctx, d);
  }

  /** An array variable's elements with those its scope pushes (values/array-mutations.ts). */
  private withAddedElements(value: Extract<Value, { k: 'arr' }>, d: ts.VariableDeclaration, ctx: Ctx): Value {
    const added = elementsAddedTo(d);
    if (added.length === 0) return value;
    const items = [...value.items];
    const nodes = [...(value.nodes ?? value.items.map(() => undefined))];
    const stopped = this.appendElements(added, ctx, items, nodes);
    if (stopped) return stopped;
    // Pushed elements are where they are written: no anchor elsewhere.
    const anchors = value.anchors && [...value.anchors, ...items.slice(value.items.length).map(() => undefined)];
    return { ...value, items, nodes, ...(anchors ? { anchors } : {}) };
  }

  /** Applies a destructuring path (`const { a: { b } } = x`, defaults included). */
  destructure(value: Value, pathSteps: PathStep[], ctx: Ctx, at: ts.Node): Value {
    let v = value;
    for (const step of pathSteps) {
      if ('prop' in step) v = this.member(v, step.prop, at, ctx);
      else if ('index' in step) v = this.index(v, step.index, at);
      else v = unknown('a rest element', at);
      if (v.k === 'undef' && 'fallback' in step && step.fallback) v = this.eval(step.fallback, ctx);
    }
    return v;
  }

  importValue(fromFile: string, spec: string, name: string, at: ts.Node): Value {
    const r = this.program.resolve(fromFile, spec);
    if (r.kind === 'external') return { k: 'lib', module: r.module === spec ? spec : spec, path: name === '*' ? [] : [name] };
    if (r.kind === 'unresolved') return unknown(r.reason, at);
    const sf = this.program.sourceFile(r.file);
    if (!sf) return unknown(`${relativePath(this.program.root, r.file)} could not be read`, at);
    if (name === '*') return { k: 'module', file: sf };
    return this.exportValue(sf, name, at, 0);
  }

  exportValue(sf: ts.SourceFile, name: string, at: ts.Node, depth: number): Value {
    if (depth > 30) return unknown(`re-exports of \`${name}\` nest too deeply`, at);
    const table = exportTable(sf);
    const entry = table.named.get(name);
    if (entry) {
      switch (entry.kind) {
        case 'local': {
          const decl = declarationsOf(sf).get(entry.name);
          return decl ? this.declValue(decl, sf, ROOT) : unknown(`${this.rel(sf)} exports \`${entry.name}\`, which it does not declare`, at);
        }
        case 'reexport':
          return this.importValue(sf.fileName, entry.spec, entry.name, at);
        case 'namespace':
          return this.importValue(sf.fileName, entry.spec, '*', at);
        case 'expression':
          return this.eval(entry.node, ROOT);
        case 'declaration':
          return ts.isClassDeclaration(entry.node) ? this.classValue(entry.node, ROOT) : { k: 'fn', decl: entry.node, ctx: ROOT };
      }
    }
    if (table.moduleValue) return this.member(this.eval(table.moduleValue, ROOT), name, at, ROOT);
    const owner = starExporter(this.program, sf, name, new Set([sf]));
    if (owner) return this.exportValue(owner, name, at, depth + 1);
    return unknown(`${this.rel(sf)} exports no \`${name}\``, at);
  }

  private global(id: ts.Identifier): Value {
    const name = id.text;
    if (name === '__dirname') return str(path.posix.dirname(id.getSourceFile().fileName));
    if (name === '__filename') return str(id.getSourceFile().fileName);
    if (name === 'NaN') return { k: 'num', v: Number.NaN };
    if (GLOBALS.has(name)) return { k: 'lib', module: 'global', path: [name] };
    return unknown(`\`${name}\` is not declared in this file`, id);
  }

  private metaProperty(e: ts.MetaProperty): Value {
    if (e.keywordToken !== ts.SyntaxKind.ImportKeyword) return unknown('new.target', e);
    const file = e.getSourceFile().fileName;
    const parts: ObjPart[] = [
      { key: 'url', value: constant(str(`file://${file}`)) },
      { key: 'dirname', value: constant(str(path.posix.dirname(file))) },
      { key: 'filename', value: constant(str(file)) },
    ];
    return { k: 'obj', parts, node: e };
  }

  // ── Members ───────────────────────────────────────────────────────────────────────────────

  private propertyAccess(e: ts.PropertyAccessExpression, ctx: Ctx): Value {
    // `process.env.X`: a named environment read (unset in the default world).
    if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'env' && ts.isIdentifier(e.expression.expression) && e.expression.expression.text === 'process') {
      return this.defaultWorld ? UNDEF : { k: 'env', name: e.name.text, node: e };
    }
    if (e.expression.kind === ts.SyntaxKind.SuperKeyword) return this.instances.superMember(e, e.name.text, ctx);
    const target = this.eval(e.expression, ctx);
    if (e.questionDotToken && (target.k === 'undef' || target.k === 'null')) return UNDEF;
    return this.member(target, e.name.text, e, ctx);
  }

  private elementAccess(e: ts.ElementAccessExpression, ctx: Ctx): Value {
    if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'env' && ts.isIdentifier(e.expression.expression) && e.expression.expression.text === 'process') {
      const key = this.eval(e.argumentExpression, ctx);
      if (key.k === 'str') return this.defaultWorld ? UNDEF : { k: 'env', name: key.v, node: e };
    }
    const target = this.eval(e.expression, ctx);
    const key = this.eval(e.argumentExpression, ctx);
    if (key.k === 'str') return this.member(target, key.v, e, ctx);
    if (key.k === 'num') return target.k === 'arr' ? this.index(target, key.v, e) : this.member(target, String(key.v), e, ctx);
    if (key.k === 'open') return key;
    if (key.k === 'oneOf') return this.mapAlts(key, (k) => (k.k === 'str' ? this.member(target, k.v, e, ctx) : unknown(`key \`${oneLine(e.argumentExpression)}\` is not static`, e)));
    return unknown(`key \`${oneLine(e.argumentExpression)}\` is not static (${describe(key)})`, e);
  }

  /**
   * An open instance stands for "the receiver of scope S, once bound": in a context that binds S
   * it is that receiver (bindings made earlier, inside S's callees, keep the placeholder).
   */
  resolveThis(v: Value, ctx: Ctx): Value {
    let current = v;
    for (let i = 0; i < 8 && current.k === 'inst' && current.inst.alloc.kind === 'open'; i++) {
      const bound = ctx.frames.get(current.inst.alloc.scope)?.thisValue;
      if (!bound || bound === current) break;
      current = bound;
    }
    return current;
  }

  /** The property `key` of a value. */
  member(target0: Value, key: string, node: ts.Node, ctx: Ctx): Value {
    const target = this.resolveThis(target0, ctx);
    // Promises are transparent (`await` is): `p.then(cb)` is what `cb` returns.
    if ((key === 'then' || key === 'catch' || key === 'finally') && target.k !== 'obj' && target.k !== 'inst' && target.k !== 'class' && target.k !== 'module' && target.k !== 'oneOf') {
      return { k: 'builtin', name: `promise.${key}`, receiver: target };
    }
    switch (target.k) {
      case 'obj':
        return this.objectMember(target, key, node, ctx);
      case 'module':
        return this.exportValue(target.file, key, node, 0);
      case 'class':
        return this.instances.staticMember(target, key, node);
      case 'inst':
        return this.instances.member(target, key, node);
      case 'lib':
        // `process.env.X` through any path (`const { env } = process`, an env validator's result).
        if (isProcessEnv(target)) return this.defaultWorld ? UNDEF : { k: 'env', name: key, node };
        return libraryMember(target, key);
      case 'handle':
        if (key === 'name' && target.h.role !== 'flow') return target.h.name;
        return { k: 'builtin', name: `handle.${key}`, receiver: target };
      case 'oneOf':
        return this.mapAlts(target, (v) => this.member(v, key, node, ctx));
      case 'open':
        // `list.map(cb)` on a list not bound yet: the callback still runs on its elements.
        if (ITERATION_KEYS.has(key)) return { k: 'builtin', name: `array.${key}`, receiver: target };
        return { ...target, what: `${target.what}.${key}` };
      case 'unknown':
        if (ITERATION_KEYS.has(key)) return { k: 'builtin', name: `array.${key}`, receiver: target };
        return target;
      case 'env':
        return unknown(`a property of process.env.${target.name}`, node);
      case 'undef':
      case 'null':
        return unknown(`\`${key}\` of ${target.k === 'null' ? 'null' : 'undefined'}`, node);
      default:
        return builtinMember(target, key, node);
    }
  }

  private objectMember(target: Extract<Value, { k: 'obj' }>, key: string, node: ts.Node, ctx: Ctx, from = target.parts.length - 1): Value {
    for (let i = from; i >= 0; i--) {
      const part = target.parts[i]!;
      if ('key' in part) {
        if (part.key !== key) continue;
        const v = part.value();
        return part.getter && v.k === 'fn' ? this.invoke(v, [], target, node, ctx) : v;
      }
      if ('computed' in part) {
        const k = part.computed();
        if (k.k === 'str' && k.v === key) return part.value();
        if (k.k === 'num' && String(k.v) === key) return part.value();
        if (k.k !== 'str' && k.k !== 'num') return unknown(`a computed key of the object at ${this.where(target.node ?? node)}`, node);
        continue;
      }
      const spread = part.spread();
      if (spread.k === 'undef' || spread.k === 'null' || spread.k === 'bool') continue;
      if (spread.k === 'obj' || spread.k === 'inst' || spread.k === 'module') {
        const v = this.member(spread, key, node, ctx);
        if (v.k !== 'undef') return v;
        continue;
      }
      // `...(cond ? { schedule } : {})`: where the chosen object lacks the key, the parts
      // before the spread still give it.
      if (spread.k === 'oneOf') {
        const earlier = (): Value => this.objectMember(target, key, node, ctx, i - 1);
        const v = this.mapAlts(spread, (alt) => {
          // `...false`, `...null`, `...undefined` spread nothing.
          const m = alt.k === 'undef' || alt.k === 'null' || alt.k === 'bool' ? UNDEF : this.member(alt, key, node, ctx);
          return m.k === 'undef' ? earlier() : m;
        });
        return v;
      }
      if (spread.k === 'open' || spread.k === 'unknown') return this.member(spread, key, node, ctx);
    }
    return builtinMember(target, key, node);
  }

  index(target: Value, i: number, node: ts.Node): Value {
    if (target.k === 'arr') {
      const items = this.elements(target, node);
      if (!Array.isArray(items)) return items;
      return items[i]?.() ?? UNDEF;
    }
    if (target.k === 'oneOf') return this.mapAlts(target, (v) => this.index(v, i, node));
    if (target.k === 'open' || target.k === 'unknown') return target;
    return unknown(`element ${i} of ${describe(target)}`, node);
  }

  /** The elements of an iterable value (spreads flattened), or why they are unknown. */
  elements(v: Value, node: ts.Node): Thunk[] | Value {
    if (v.k === 'arr') {
      if (v.items.length > BOUNDS.elements) return unknown(`bound: more than ${BOUNDS.elements} elements`, node);
      return v.items;
    }
    if (v.k === 'oneOf') {
      // Each alternative contributes its elements under its condition.
      const out: Thunk[] = [];
      for (const alt of v.alts) {
        const items = this.elements(alt.value, node);
        if (!Array.isArray(items)) {
          if (alt.value.k === 'undef' || alt.value.k === 'null' || alt.value.k === 'bool') continue;
          return items;
        }
        out.push(...items.map((t) => lazy(() => withCondition(t(), alt))));
      }
      return out;
    }
    if (v.k === 'open' || v.k === 'unknown') return v;
    return unknown(`${describe(v)} is not a list`, node);
  }

  // ── Literals ──────────────────────────────────────────────────────────────────────────────

  private objectLiteral(e: ts.ObjectLiteralExpression, ctx: Ctx): Value {
    const parts: ObjPart[] = [];
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = staticKey(p.name);
        const init = p.initializer;
        if (key !== undefined) parts.push({ key, value: lazy(() => this.eval(init, ctx)) });
        else if (ts.isComputedPropertyName(p.name)) {
          const keyExpr = p.name.expression;
          parts.push({ computed: lazy(() => this.eval(keyExpr, ctx)), value: lazy(() => this.eval(init, ctx)) });
        }
      } else if (ts.isShorthandPropertyAssignment(p)) {
        const id = p.name;
        parts.push({ key: id.text, value: lazy(() => this.identifier(id, ctx)) });
      } else if (ts.isSpreadAssignment(p)) {
        const inner = p.expression;
        parts.push({ spread: lazy(() => this.eval(inner, ctx)) });
      } else if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) {
        const key = staticKey(p.name);
        if (key !== undefined) parts.push({ key, value: constant({ k: 'fn', decl: p, ctx }), getter: ts.isGetAccessorDeclaration(p) });
      }
    }
    return { k: 'obj', parts, node: e };
  }

  private arrayLiteral(e: ts.ArrayLiteralExpression, ctx: Ctx): Value {
    const items: Thunk[] = [];
    const nodes: Array<ts.Node | undefined> = [];
    return this.appendElements(e.elements, ctx, items, nodes) ?? { k: 'arr', items, node: e, nodes };
  }

  /**
   * Appends list elements as written — an array literal's (`[a, ...b, , c]`), or the arguments
   * of `push(a, ...b)` — with the node each comes from. A spread the engine cannot list stops it:
   * that value is returned.
   */
  private appendElements(elements: readonly ts.Expression[], ctx: Ctx, items: Thunk[], nodes: Array<ts.Node | undefined>): Value | undefined {
    for (const el of elements) {
      if (ts.isSpreadElement(el)) {
        const inner = this.eval(el.expression, ctx);
        if (inner.k === 'undef' || inner.k === 'null') continue;
        const spread = this.elements(inner, el);
        if (!Array.isArray(spread)) return inner.k === 'open' ? inner : unknown(`spread of \`${oneLine(el.expression)}\`: ${describe(spread)}`, el);
        items.push(...spread);
        const innerNodes = inner.k === 'arr' ? inner.nodes : undefined;
        spread.forEach((_, i) => nodes.push(innerNodes?.[i]));
      } else if (ts.isOmittedExpression(el)) {
        items.push(constant(UNDEF));
        nodes.push(undefined);
      } else {
        items.push(lazy(() => this.eval(el, ctx)));
        nodes.push(el);
      }
    }
    return undefined;
  }

  private template(e: ts.TemplateExpression, ctx: Ctx): Value {
    let acc: Value = str(e.head.text);
    for (const span of e.templateSpans) {
      acc = this.concat(acc, this.eval(span.expression, ctx), span.expression);
      acc = this.concat(acc, str(span.literal.text), span);
    }
    return acc;
  }

  /** String concatenation (`+`, templates) over alternatives. */
  concat(a: Value, b: Value, node: ts.Node): Value {
    if (a.k === 'open') return a;
    if (b.k === 'open') return b;
    if (a.k === 'oneOf' || b.k === 'oneOf') return this.product(a, b, (x, y) => this.concat(x, y, node), node);
    const sa = primitiveText(a);
    const sb = primitiveText(b);
    if (sa !== undefined && sb !== undefined) {
      // `svc-${n}` with `n` from a caller's argument: the name is chosen where that part came
      // in (`a('billing')`), not where the wrapper passes the finished string on.
      const via = (a.k === 'str' && a.via) || (b.k === 'str' && b.via) || undefined;
      return via ? { k: 'str', v: sa + sb, via } : str(sa + sb);
    }
    const bad = sa === undefined ? a : b;
    // A new string built here: not the value that came in through a caller's argument.
    if (bad.k === 'unknown') return bad.via ? { k: 'unknown', reason: bad.reason, node: bad.node, ...(bad.foreign ? { foreign: bad.foreign } : {}) } : bad;
    return unknown(bad.k === 'env' ? `reads process.env.${bad.name}` : `\`${oneLine(node)}\` is ${describe(bad)}`, node);
  }

  private product(a: Value, b: Value, f: (x: Value, y: Value) => Value, node: ts.Node): Value {
    const as: Alt[] = a.k === 'oneOf' ? a.alts : [{ value: a, cond: '', isDefault: true }];
    const bs: Alt[] = b.k === 'oneOf' ? b.alts : [{ value: b, cond: '', isDefault: true }];
    if (as.length * bs.length > BOUNDS.alternatives) return unknown(`bound: more than ${BOUNDS.alternatives} alternatives`, node);
    const alts: Alt[] = [];
    for (const x of as) for (const y of bs) alts.push({ value: f(x.value, y.value), cond: [x.cond, y.cond].filter(Boolean).join(' && '), isDefault: x.isDefault && y.isDefault });
    return oneOf(alts, node);
  }

  mapAlts(v: Extract<Value, { k: 'oneOf' }>, f: (x: Value) => Value): Value {
    return oneOf(v.alts.map((a) => ({ ...a, value: f(a.value) })), undefined);
  }

  // ── Operators ─────────────────────────────────────────────────────────────────────────────

  /** true / false, or undefined when it depends on something unknown. */
  truth(v: Value): boolean | undefined {
    switch (v.k) {
      case 'str':
        return v.v !== '';
      case 'num':
        return v.v !== 0 && !Number.isNaN(v.v);
      case 'bool':
        return v.v;
      case 'null':
      case 'undef':
        return false;
      case 'obj':
      case 'arr':
      case 'fn':
      case 'class':
      case 'inst':
      case 'module':
      case 'handle':
        return true;
      case 'oneOf': {
        const ts_ = v.alts.map((a) => this.truth(a.value));
        return ts_.every((t) => t === true) ? true : ts_.every((t) => t === false) ? false : undefined;
      }
      default:
        return undefined;
    }
  }

  private conditional(e: ts.ConditionalExpression, ctx: Ctx): Value {
    const cond = this.eval(e.condition, ctx);
    const t = this.truth(cond);
    if (t === true) return this.eval(e.whenTrue, ctx);
    if (t === false) return this.eval(e.whenFalse, ctx);
    if (cond.k === 'open') return cond;
    const byDefault = this.defaultWorld ? undefined : this.truth(this.evalDefault(e.condition, ctx));
    const text = oneLine(e.condition, 80);
    return oneOf(
      [
        { value: this.eval(e.whenTrue, ctx), cond: text, isDefault: byDefault === true },
        { value: this.eval(e.whenFalse, ctx), cond: `!(${text})`, isDefault: byDefault === false },
      ],
      e,
    );
  }

  private binary(e: ts.BinaryExpression, ctx: Ctx): Value {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) return this.eval(e.right, ctx);
    // `queue ??= new Queue('x')` (a lazy singleton): the value is what was assigned the first
    // time — the right side — or a value the variable already held that is not nullish.
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) {
      const left = this.eval(e.left, ctx);
      const unset = left.k === 'undef' || left.k === 'null' || left.k === 'unknown' || left.k === 'open' || left.k === 'env' || left.k === 'oneOf';
      return unset ? this.eval(e.right, ctx) : left;
    }
    if (op === ts.SyntaxKind.CommaToken) return this.eval(e.right, ctx);
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return this.logical(e, op, ctx);
    const left = this.eval(e.left, ctx);
    const right = this.eval(e.right, ctx);
    if (op === ts.SyntaxKind.PlusToken) {
      if (left.k === 'num' && right.k === 'num') return { k: 'num', v: left.v + right.v };
      return this.concat(left, right, e);
    }
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
      const negate = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      const eq = staticEquals(left, right, op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken);
      if (eq === undefined) return left.k === 'open' ? left : right.k === 'open' ? right : unknown(`\`${oneLine(e)}\` depends on ${describe(left.k === 'str' || left.k === 'num' ? right : left)}`, e);
      return { k: 'bool', v: negate ? !eq : eq };
    }
    if (left.k === 'num' && right.k === 'num') {
      switch (op) {
        case ts.SyntaxKind.MinusToken:
          return { k: 'num', v: left.v - right.v };
        case ts.SyntaxKind.AsteriskToken:
          return { k: 'num', v: left.v * right.v };
        case ts.SyntaxKind.SlashToken:
          return { k: 'num', v: left.v / right.v };
        case ts.SyntaxKind.LessThanToken:
          return { k: 'bool', v: left.v < right.v };
        case ts.SyntaxKind.GreaterThanToken:
          return { k: 'bool', v: left.v > right.v };
        default:
          break;
      }
    }
    return unknown(`\`${oneLine(e)}\` is not evaluated statically`, e);
  }

  /** `a ?? b`, `a || b`, `a && b`, keeping the condition when `a` is an environment read. */
  private logical(e: ts.BinaryExpression, op: ts.SyntaxKind, ctx: Ctx): Value {
    const left = this.eval(e.left, ctx);
    const nullish = left.k === 'undef' || left.k === 'null';
    const t = this.truth(left);
    if (op === ts.SyntaxKind.QuestionQuestionToken) {
      if (nullish) return this.eval(e.right, ctx);
      if (left.k !== 'env' && left.k !== 'unknown' && left.k !== 'open' && left.k !== 'oneOf') return left;
    } else if (op === ts.SyntaxKind.BarBarToken) {
      if (t === true) return left;
      if (t === false) return this.eval(e.right, ctx);
    } else {
      if (t === false) return left;
      if (t === true) return this.eval(e.right, ctx);
    }
    if (left.k === 'open') return left;
    const text = oneLine(e.left, 80);
    const right = this.eval(e.right, ctx);
    const leftDefault = this.defaultWorld ? undefined : this.evalDefault(e.left, ctx);
    const leftByDefault = leftDefault && (op === ts.SyntaxKind.QuestionQuestionToken ? !(leftDefault.k === 'undef' || leftDefault.k === 'null') : this.truth(leftDefault));
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return oneOf(
        [
          { value: right, cond: text, isDefault: leftByDefault === true },
          { value: UNDEF, cond: `!(${text})`, isDefault: leftByDefault === false },
        ],
        e,
      );
    }
    return oneOf(
      [
        { value: left, cond: `${text} is set`, isDefault: leftByDefault === true },
        { value: right, cond: `${text} is not set`, isDefault: leftByDefault === false },
      ],
      e,
    );
  }

  private prefix(e: ts.PrefixUnaryExpression, ctx: Ctx): Value {
    const v = this.eval(e.operand, ctx);
    if (e.operator === ts.SyntaxKind.ExclamationToken) {
      const t = this.truth(v);
      if (t !== undefined) return { k: 'bool', v: !t };
      return v.k === 'open' ? v : unknown(`\`${oneLine(e)}\` is not static`, e);
    }
    if (e.operator === ts.SyntaxKind.MinusToken && v.k === 'num') return { k: 'num', v: -v.v };
    if (e.operator === ts.SyntaxKind.PlusToken && v.k === 'num') return v;
    return unknown(`\`${oneLine(e)}\` is not evaluated statically`, e);
  }

  private typeOf(e: ts.TypeOfExpression, ctx: Ctx): Value {
    const v = this.eval(e.expression, ctx);
    const map: Partial<Record<Value['k'], string>> = { str: 'string', num: 'number', bool: 'boolean', undef: 'undefined', fn: 'function', class: 'function', obj: 'object', arr: 'object', null: 'object' };
    const t = map[v.k];
    return t ? str(t) : unknown(`typeof ${describe(v)}`, e);
  }

  // ── this, classes, enums ──────────────────────────────────────────────────────────────────

  /** `this` where `node` is written (also the receiver of `super.add(...)`). */
  thisValue(node: ts.Node, ctx: Ctx): Value {
    // Arrow functions see the `this` of where they are written.
    for (let n = node.parent; n; n = n.parent) {
      if (ts.isArrowFunction(n)) continue;
      if (isFunctionNode(n)) {
        const frame = ctx.frames.get(n);
        if (frame?.thisValue) return this.resolveThis(frame.thisValue, ctx);
        const cls = n.parent && (ts.isClassDeclaration(n.parent) || ts.isClassExpression(n.parent)) ? n.parent : undefined;
        if (cls) {
          const isStatic = ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
          if (isStatic) return this.classValue(cls, ROOT);
          return this.instances.thisOf(cls, n, ctx);
        }
        if (ts.isObjectLiteralExpression(n.parent)) return this.eval(n.parent, ctx);
        return unknown('`this` in a plain function', node);
      }
      if (ts.isPropertyDeclaration(n) || ts.isClassStaticBlockDeclaration(n)) {
        const cls = n.parent as ts.ClassLikeDeclaration;
        const isStatic = ts.isClassStaticBlockDeclaration(n) || (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (isStatic) return this.classValue(cls, ROOT);
        const frame = ctx.frames.get(cls);
        if (frame?.thisValue) return frame.thisValue;
        return this.instances.thisOf(cls, n, ctx);
      }
      if (ts.isSourceFile(n)) return UNDEF;
    }
    return UNDEF;
  }

  classValue(decl: ts.ClassLikeDeclaration, ctx: Ctx): Value {
    // One value per declaration at module level, so static state is shared.
    if (ctx === ROOT || ctx.frames.size === 0) {
      let v = this.classValues.get(decl);
      if (!v) {
        v = { k: 'class', decl, ctx: ROOT };
        this.classValues.set(decl, v);
      }
      return v;
    }
    return { k: 'class', decl, ctx };
  }

  private enumValue(decl: ts.EnumDeclaration): Value {
    const cached = this.enums.get(decl);
    if (cached) return cached;
    const parts: ObjPart[] = [];
    let next = 0;
    for (const m of decl.members) {
      const key = staticKey(m.name);
      if (key === undefined) continue;
      let value: Value;
      if (m.initializer) {
        value = this.eval(m.initializer, ROOT);
        if (value.k === 'num') next = value.v + 1;
      } else value = { k: 'num', v: next++ };
      parts.push({ key, value: constant(value) });
    }
    const v: Value = { k: 'obj', parts, node: decl };
    this.enums.set(decl, v);
    return v;
  }

  // ── Calls ─────────────────────────────────────────────────────────────────────────────────

  /** Argument thunks, spreads flattened when the spread list is known. */
  args(list: readonly ts.Expression[] | undefined, ctx: Ctx): Thunk[] {
    const out: Thunk[] = [];
    for (const a of list ?? []) {
      if (ts.isSpreadElement(a)) {
        const inner = this.eval(a.expression, ctx);
        const items = this.elements(inner, a);
        if (Array.isArray(items)) out.push(...items);
        else out.push(constant(items));
      } else out.push(lazy(() => supplied(this.eval(a, ctx), a)));
    }
    return out;
  }

  private call(e: ts.CallExpression, ctx: Ctx): Value {
    const callee = skipOuter(e.expression);
    if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require' && !lookup('require', callee))) {
      const arg = e.arguments[0];
      const spec = arg && this.eval(arg, ctx);
      if (spec?.k === 'str') return this.importValue(e.getSourceFile().fileName, spec.v, '*', e);
      return unknown('a module chosen at runtime', e);
    }
    if (callee.kind === ts.SyntaxKind.SuperKeyword) return UNDEF;
    const args = this.args(e.arguments, ctx);
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      const receiver = callee.expression.kind === ts.SyntaxKind.SuperKeyword ? this.thisValue(callee, ctx) : this.eval(callee.expression, ctx);
      if (e.questionDotToken === undefined && ts.isPropertyAccessExpression(callee) && callee.questionDotToken && (receiver.k === 'undef' || receiver.k === 'null')) return UNDEF;
      const fn = this.eval(callee, ctx);
      return this.apply(fn, args, receiver, e, ctx);
    }
    return this.apply(this.eval(callee, ctx), args, undefined, e, ctx);
  }

  apply(fn: Value, args: Thunk[], thisValue: Value | undefined, node: ts.Node, ctx: Ctx): Value {
    // An environment validator outside the repository (envalid's `cleanEnv(process.env, spec)`,
    // a zod `schema.parse(process.env)`, t3's `createEnv`) returns a view of the environment:
    // its properties are environment reads, unset in the default world, like process.env's.
    if (fn.k !== 'fn' && fn.k !== 'oneOf' && fn.k !== 'open') {
      if (readsWholeEnvironment(fn, node)) return PROCESS_ENV;
      if ((fn.k === 'lib' || fn.k === 'unknown') && this.passesEnvironment(node, args)) return PROCESS_ENV;
    }
    switch (fn.k) {
      case 'fn':
        return this.invoke(fn, args, thisValue, node, ctx);
      case 'builtin':
        return callBuiltin(this, fn, args, node, ctx);
      case 'lib':
        return callLibrary(this, fn, args, thisValue, node, ctx);
      case 'oneOf':
        return this.mapAlts(fn, (f) => this.apply(f, args, thisValue, node, ctx));
      case 'open':
        return fn;
      case 'unknown':
        return unknown(`the result of calling ${fn.reason}`, node, fn.foreign);
      default:
        return unknown(`\`${oneLine(node)}\` calls ${describe(fn)}`, node);
    }
  }

  /** A call whose plain-name argument holds `process.env` (`schema.parse(env)` in a helper given it). */
  private passesEnvironment(node: ts.Node, args: Thunk[]): boolean {
    if (!ts.isCallExpression(node) || node.arguments.some(ts.isSpreadElement)) return false;
    return node.arguments.some((a, i) => {
      if (!ts.isIdentifier(a)) return false;
      const v = args[i]?.();
      return v?.k === 'lib' && isProcessEnv(v);
    });
  }

  /** Enters a function with its arguments and `this` bound; its value is what it returns. */
  invoke(fn: Extract<Value, { k: 'fn' }>, args: Thunk[], thisValue: Value | undefined, site: ts.Node, callerCtx: Ctx): Value {
    if (callerCtx.depth >= BOUNDS.callDepth) return unknown(`bound: calls nested more than ${BOUNDS.callDepth} deep`, site);
    if (fn.ctx.frames.has(fn.decl) && fn.ctx.frames.get(fn.decl)!.site === site) return unknown('a recursive call', site);
    const self = fn.thisValue ?? thisValue;
    const frame = { scope: fn.decl, args: fn.bound ? [...fn.bound, ...args] : args, thisValue: self && this.resolveThis(self, callerCtx), site };
    const calleeCtx = bind({ ...fn.ctx, depth: callerCtx.depth } as Ctx, frame, { call: true });
    return this.returned(fn.decl, calleeCtx);
  }

  /** What a function returns, combining its `return` statements with their guards. */
  returned(decl: FunctionNode, ctx: Ctx): Value {
    if (!decl.body) return unknown(`${functionName(decl)} has no body here`, decl);
    if (ts.isConstructorDeclaration(decl) || ts.isSetAccessorDeclaration(decl)) return UNDEF;
    if (!ts.isBlock(decl.body)) return this.eval(decl.body, ctx);
    if ('asteriskToken' in decl && decl.asteriskToken) return unknown(`${functionName(decl)} is a generator`, decl);
    const returns = collectReturns(decl.body);
    if (returns.length === 0) return UNDEF;
    const alts: Alt[] = [];
    // A path chosen by an input not bound yet: the value depends on the caller (with, should no
    // caller bind it, the paths as alternatives chosen at runtime).
    let openGuard: Extract<Value, { k: 'open' }> | undefined;
    for (const r of returns) {
      let reachable = true;
      const conds: string[] = [];
      let byDefault = true;
      for (const g of r.guards) {
        const gv = g.caseOf ? this.caseMatches(g, ctx) : this.eval(g.expr, ctx);
        if (gv.k === 'open') openGuard ??= gv;
        const t = this.truth(gv);
        const holds = t === undefined ? undefined : g.negated ? !t : t;
        if (holds === false) {
          reachable = false;
          break;
        }
        if (holds === undefined) {
          const text = g.caseOf ? `${oneLine(g.caseOf, 40)} is ${g.expr === g.caseOf ? 'none of the cases' : oneLine(g.expr, 40)}` : oneLine(g.expr, 60);
          conds.push(g.negated ? `!(${text})` : text);
          const d = this.defaultWorld || g.caseOf ? undefined : this.truth(this.evalDefault(g.expr, ctx));
          if (d === undefined || (g.negated ? d : !d)) byDefault = false;
        }
      }
      if (!reachable) continue;
      const value = r.expr ? this.eval(r.expr, ctx) : UNDEF;
      alts.push({ value, cond: conds.join(' && '), isDefault: byDefault });
    }
    if (alts.length === 0) return UNDEF;
    // The first path whose guards all hold statically wins.
    const certain = alts.find((a) => a.cond === '');
    if (certain && alts.indexOf(certain) === 0) return certain.value;
    const kept = alts.slice(0, certain ? alts.indexOf(certain) + 1 : alts.length);
    const distinct = kept.filter((a, i) => kept.findIndex((b) => sameValue(a.value, b.value)) === i);
    if (distinct.length === 1) return distinct[0]!.value;
    // Several paths and the defaults say which one: the others stay as alternatives.
    const defaults = distinct.filter((a) => a.isDefault);
    const result = oneOf(distinct.map((a) => ({ ...a, isDefault: !openGuard && defaults.length === 1 && a === defaults[0], cond: a.cond || 'otherwise' })), decl);
    return openGuard ? { ...openGuard, fallback: result } : result;
  }

  /** Whether a `case` label matches its switch's value (`default`: no other label does). */
  private caseMatches(g: Guard, ctx: Ctx): Value {
    const subject = this.eval(g.caseOf!, ctx);
    if (subject.k === 'open') return subject;
    const labels = g.expr === g.caseOf ? g.others ?? [] : [g.expr];
    const results = labels.map((l) => staticEquals(subject, this.eval(l, ctx), false));
    if (g.expr === g.caseOf) {
      if (results.some((r) => r === true)) return { k: 'bool', v: false };
      return results.every((r) => r === false) ? { k: 'bool', v: true } : unknown('a switch on a value that is not static', g.expr);
    }
    return results[0] === undefined ? unknown('a switch on a value that is not static', g.expr) : { k: 'bool', v: results[0] };
  }

  private construct(e: ts.NewExpression, ctx: Ctx): Value {
    const callee = this.eval(e.expression, ctx);
    const args = this.args(e.arguments, ctx);
    return this.constructValue(callee, args, e, ctx);
  }

  constructValue(callee: Value, args: Thunk[], node: ts.Node, ctx: Ctx): Value {
    switch (callee.k) {
      case 'lib':
        return constructLibrary(this, callee, args, node, ctx);
      case 'class':
        return this.instances.allocate(callee, args, node, ctx);
      case 'oneOf':
        return this.mapAlts(callee, (c) => this.constructValue(c, args, node, ctx));
      case 'open':
        return callee;
      case 'unknown':
        return unknown(`an instance of ${callee.reason}`, node);
      default:
        return unknown(`\`new\` of ${describe(callee)}`, node);
    }
  }

  // ── Helpers for detectors ─────────────────────────────────────────────────────────────────

  rel(sf: ts.SourceFile): string {
    return relativePath(this.program.root, sf.fileName);
  }

  where(node: ts.Node): string {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return `${this.rel(sf)}:${line + 1}`;
  }
}

// ── Free helpers ──────────────────────────────────────────────────────────────────────────

/** The reason of a value read while it is being computed (a cycle). */
const DEPENDS_ON_ITSELF = 'the value depends on itself';
const ITERATION_KEYS = new Set(['map', 'flatMap', 'filter', 'forEach']);
const GLOBALS = new Set(['Object', 'JSON', 'Array', 'Promise', 'String', 'Number', 'Boolean', 'Math', 'Date', 'Symbol', 'Map', 'Set', 'WeakMap', 'URL', 'Buffer', 'console', 'process', 'globalThis', 'Error', 'Reflect', 'parseInt', 'parseFloat', 'setTimeout', 'setInterval', 'RegExp']);

/** A string crossing a call boundary remembers the first argument it crossed as (see `via`). */
function supplied(v: Value, arg: ts.Expression): Value {
  if (v.k === 'str' && !v.via) return { ...v, via: arg };
  if ((v.k === 'unknown' || v.k === 'env') && !v.via) return { ...v, via: arg };
  if (v.k === 'oneOf' && v.alts.some((a) => a.value.k === 'str' && !a.value.via)) {
    return { k: 'oneOf', alts: v.alts.map((a) => (a.value.k === 'str' && !a.value.via ? { ...a, value: { ...a.value, via: arg } } : a)) };
  }
  return v;
}

/** Flattens nested alternatives, drops duplicates, and collapses a single one. */
export function oneOf(alts: Alt[], node: ts.Node | undefined): Value {
  const flat: Alt[] = [];
  for (const a of alts) {
    if (a.value.k === 'oneOf') for (const b of a.value.alts) flat.push({ value: b.value, cond: [a.cond, b.cond].filter(Boolean).join(' && '), isDefault: a.isDefault && b.isDefault });
    else flat.push(a);
  }
  const distinct: Alt[] = [];
  for (const a of flat) {
    const same = distinct.find((d) => sameValue(d.value, a.value));
    if (same) same.isDefault = same.isDefault || a.isDefault;
    else distinct.push({ ...a });
  }
  if (distinct.length === 1) return distinct[0]!.value;
  if (distinct.length > BOUNDS.alternatives && node) return unknown(`bound: more than ${BOUNDS.alternatives} alternatives`, node);
  const open = distinct.find((d) => d.value.k === 'open');
  if (open) return open.value;
  return { k: 'oneOf', alts: distinct };
}

function withCondition(v: Value, alt: Alt): Value {
  if (!alt.cond) return v;
  return { k: 'oneOf', alts: [{ value: v, cond: alt.cond, isDefault: alt.isDefault }] };
}

function primitiveText(v: Value): string | undefined {
  if (v.k === 'str') return v.v;
  if (v.k === 'num' || v.k === 'bool') return String(v.v);
  return undefined;
}

function staticEquals(a: Value, b: Value, loose: boolean): boolean | undefined {
  const prim = (v: Value): v is Extract<Value, { k: 'str' | 'num' | 'bool' | 'null' | 'undef' }> => v.k === 'str' || v.k === 'num' || v.k === 'bool' || v.k === 'null' || v.k === 'undef';
  if (!prim(a) || !prim(b)) return undefined;
  if (loose && (a.k === 'null' || a.k === 'undef') && (b.k === 'null' || b.k === 'undef')) return true;
  if (a.k !== b.k) return false;
  if (a.k === 'null' || a.k === 'undef') return true;
  return (a as { v: unknown }).v === (b as { v: unknown }).v;
}

export function staticKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && (ts.isStringLiteral(name.expression) || ts.isNoSubstitutionTemplateLiteral(name.expression))) return name.expression.text;
  return undefined;
}

export function functionName(fn: ts.Node): string {
  if (ts.isConstructorDeclaration(fn)) return `the constructor of ${enclosingClass(fn)?.name?.text ?? 'a class'}`;
  const named = fn as ts.NamedDeclaration;
  if (named.name) {
    const cls = ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) ? enclosingClass(fn) : undefined;
    return `\`${cls?.name ? `${cls.name.text}.` : ''}${named.name.getText()}\``;
  }
  if (fn.parent && ts.isVariableDeclaration(fn.parent)) return `\`${fn.parent.name.getText()}\``;
  if (fn.parent && ts.isPropertyAssignment(fn.parent)) return `\`${fn.parent.name.getText()}\``;
  return 'an anonymous function';
}

/** Assignments `name = …` to a `let`/`var` in the scope that declares it. */
const ASSIGNMENTS = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]);

/**
 * The one value a `let` holds at `at` when the code between them is straight-line: the
 * declaration, every assignment (`q = 'b';`, a statement of its own) and the statement holding
 * `at` are all statements of one block, and `at` is not inside a function (which could run after
 * any of them). Then the last assignment before `at`'s statement — or the initializer — is the
 * value: `let q = 'a'; new Worker(q); q = 'b'; new Worker(q);` is 'a', then 'b'. Anything else
 * (an assignment in a branch or a loop) keeps the flow-insensitive answer.
 */
function reachingInStraightLine(d: ts.VariableDeclaration, assigned: readonly ts.Expression[], at: ts.Node): ts.Expression | undefined {
  const list = d.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Let) === 0 || !ts.isIdentifier(d.name)) return undefined;
  const declStatement = list.parent;
  const block = declStatement?.parent;
  if (!declStatement || !block || !(ts.isBlock(block) || ts.isSourceFile(block) || ts.isModuleBlock(block))) return undefined;
  const statements = block.statements as ts.NodeArray<ts.Statement>;
  const indexOf = (n: ts.Node): number => {
    let child: ts.Node = n;
    for (let p = n.parent; p; child = p, p = p.parent) {
      if (p === block) return statements.indexOf(child as ts.Statement);
      if (isFunctionNode(p)) return -1;
    }
    return -1;
  };
  const useAt = indexOf(at);
  const declAt = statements.indexOf(declStatement as ts.Statement);
  if (useAt < 0 || declAt < 0 || useAt <= declAt) return undefined;
  let value: ts.Expression | undefined = d.initializer;
  let valueAt = declAt;
  for (const right of assigned) {
    const assignment = right.parent;
    if (!ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    const statement = assignment.parent;
    if (!ts.isExpressionStatement(statement) || statement.parent !== block) return undefined;
    const i = statements.indexOf(statement);
    if (i < useAt && i > valueAt) {
      value = right;
      valueAt = i;
    }
  }
  return value;
}

function assignmentsTo(d: ts.VariableDeclaration): ts.Expression[] {
  if (!ts.isIdentifier(d.name)) return [];
  const name = d.name.text;
  let scope: ts.Node = d;
  while (scope.parent && !ts.isSourceFile(scope) && !isFunctionNode(scope) && !ts.isBlock(scope)) scope = scope.parent;
  if (ts.isVariableDeclarationList(d.parent) && (d.parent.flags & ts.NodeFlags.Let) === 0) {
    // `var`: the whole function.
    while (scope.parent && !ts.isSourceFile(scope) && !isFunctionNode(scope)) scope = scope.parent;
  }
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    // `x = v`, and the logical assignments `x ??= v`, `x ||= v`, `x &&= v` (a lazy singleton).
    if (ts.isBinaryExpression(n) && ASSIGNMENTS.has(n.operatorToken.kind) && ts.isIdentifier(n.left) && n.left.text === name) {
      const target = lookup(name, n.left);
      if (target?.kind === 'var' && target.decl === d) out.push(n.right);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}

interface Guard {
  expr: ts.Expression;
  negated: boolean;
  /** A `case` of this switch subject: `expr` is the label (the subject itself for `default`). */
  caseOf?: ts.Expression;
  /** For `default`: the other labels, none of which matched. */
  others?: ts.Expression[];
}

interface ReturnPath {
  expr?: ts.Expression;
  guards: Guard[];
}

/**
 * The function's `return` statements (not those of nested functions), each with the conditions
 * on its path: the enclosing `if`s, and the negation of every earlier `if` whose branch always
 * leaves the function (`if (x) return a; return b;` → b holds under `!x`).
 */
function collectReturns(body: ts.Block): ReturnPath[] {
  const out: ReturnPath[] = [];
  const walkStatements = (statements: readonly ts.Statement[], guards: Guard[]): boolean => {
    let current = guards;
    for (const s of statements) {
      if (walk(s, current)) return true;
      if (ts.isIfStatement(s) && leaves(s.thenStatement) && !s.elseStatement) current = [...current, { expr: s.expression, negated: true }];
    }
    return false;
  };
  /** Returns true when the statement always leaves the function. */
  const walk = (s: ts.Statement, guards: Guard[]): boolean => {
    if (ts.isReturnStatement(s)) {
      out.push({ expr: s.expression, guards });
      return true;
    }
    if (ts.isThrowStatement(s)) return true;
    if (ts.isBlock(s)) return walkStatements(s.statements, guards);
    if (ts.isIfStatement(s)) {
      const a = walk(s.thenStatement, [...guards, { expr: s.expression, negated: false }]);
      const b = s.elseStatement ? walk(s.elseStatement, [...guards, { expr: s.expression, negated: true }]) : false;
      return a && b;
    }
    if (ts.isTryStatement(s)) {
      const a = walkStatements(s.tryBlock.statements, guards);
      if (s.catchClause) walkStatements(s.catchClause.block.statements, guards);
      if (s.finallyBlock) walkStatements(s.finallyBlock.statements, guards);
      return a;
    }
    if (ts.isSwitchStatement(s)) {
      const labels = s.caseBlock.clauses.filter(ts.isCaseClause).map((c) => c.expression);
      for (const clause of s.caseBlock.clauses) {
        const guard: Guard = ts.isCaseClause(clause) ? { expr: clause.expression, negated: false, caseOf: s.expression } : { expr: s.expression, negated: false, caseOf: s.expression, others: labels };
        walkStatements(clause.statements, [...guards, guard]);
      }
      return false;
    }
    if (ts.isForStatement(s) || ts.isForOfStatement(s) || ts.isForInStatement(s) || ts.isWhileStatement(s) || ts.isDoStatement(s) || ts.isLabeledStatement(s)) {
      walk(s.statement, guards);
      return false;
    }
    return false;
  };
  walkStatements(body.statements, []);
  return out;
}

function leaves(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  if (ts.isBlock(s)) {
    const last = s.statements[s.statements.length - 1];
    return !!last && leaves(last);
  }
  return false;
}

/**
 * The file that declares `name` for `sf`'s `export *` chains, searched as TypeScript does: every
 * star, depth first, cycles cut. One walk finds the declaring file itself, so a barrel of
 * barrels (`export * from './core'`, then `export * from './token'`) is neither stopped at the
 * first file that merely has stars nor walked again at each level.
 */
function starExporter(program: Program, sf: ts.SourceFile, name: string, seen: Set<ts.SourceFile>): ts.SourceFile | undefined {
  for (const spec of exportTable(sf).stars) {
    const r = program.resolve(sf.fileName, spec);
    const target = r.kind === 'file' ? program.sourceFile(r.file) : undefined;
    if (!target || seen.has(target)) continue;
    seen.add(target);
    const table = exportTable(target);
    if (table.named.has(name) || table.moduleValue) return target;
    const deeper = starExporter(program, target, name, seen);
    if (deeper) return deeper;
  }
  return undefined;
}

/** `queue: Queue` from bullmq on an unbound parameter: reported as a queue of unknown name. */
function typeHint(param: ts.ParameterDeclaration, interp: Interpreter): 'queue' | 'worker' | 'flow' | undefined {
  const type = param.type;
  // `q: Queue`, and `Ctor: typeof Worker` (a class passed in to be constructed).
  const typeName = type && ts.isTypeReferenceNode(type) ? type.typeName : type && ts.isTypeQueryNode(type) ? type.exprName : undefined;
  if (!typeName) return undefined;
  const id = ts.isIdentifier(typeName) ? typeName : typeName.right;
  const decl = lookup(id.text, id);
  let origin: { module: string; name: string } | undefined;
  if (decl?.kind === 'import') {
    const r = interp.program.resolve(param.getSourceFile().fileName, decl.spec);
    if (r.kind === 'external') origin = { module: decl.spec, name: decl.name };
  }
  if (!origin) return undefined;
  if (!/^(bullmq|bull|@taskforcesh\/bullmq-pro)(\/|$)/.test(origin.module)) return undefined;
  if (/^(Queue|QueuePro)$/.test(origin.name) || (origin.module === 'bull' && origin.name === 'Queue')) return 'queue';
  if (/^(Worker|WorkerPro)$/.test(origin.name)) return 'worker';
  if (/^FlowProducer/.test(origin.name)) return 'flow';
  return undefined;
}
