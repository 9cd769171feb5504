import { ts } from '../util/typescript.js';
import type { AnalysisContext } from './context.js';
import { analyzeProcessor, enclosingClass, resolveFunction } from './dispatch.js';
import { type ParamRef, skipOuter } from './evaluate.js';
import type { ConsumerFact, Fact, Name } from './facts.js';
import { EACH, forEachElement } from './detectors/producers.js';
import { argumentsOf, memberAtPath, nameAtCall, withAffix } from './param-substitution.js';
import { enclosingFunction } from './extract.js';
import { joinListed } from '../util/paths.js';

const MAX_DEPTH = 4;
const MAX_FACTS_PER_SITE = 200;
type NameField = 'queue' | 'job' | 'prefix';

/**
 * In-house wrappers (`createWorker(name, processor)`, `enqueue(queue, job)`, a `Worker` subclass
 * calling `super(name, …)`): a fact whose queue or job name is a parameter is resolved at every
 * call site, recursively through wrappers of wrappers, and reported at the call site so it is
 * attributed to the calling service (SPEC §3). A wrapper never called with a static value stays
 * unresolved — reported, not guessed.
 */
export function instantiateWrappers(facts: Fact[], ctx: AnalysisContext, finder: CallSiteFinder): Fact[] {
  return facts.flatMap((fact) => instantiate(fact, ctx, finder, 0, namesOf(fact)));
}

/**
 * @param roots the names as written where the fact was found: when a chain of wrappers ends in a
 * value that is not static, the finding points there, so all callers fold into one finding.
 */
function instantiate(fact: Fact, ctx: AnalysisContext, finder: CallSiteFinder, depth: number, roots: Partial<Record<NameField, Name>>): Fact[] {
  const refs = paramFields(fact);
  const processorParam = fact.type === 'consumer' ? fact.processorParam : undefined;
  const fn = refs[0]?.ref.fn ?? processorParam?.fn;
  if (!fn) return [fact];
  const iterated = refs.length > 0 && depth < MAX_DEPTH ? iterationValues(fn, ctx) : undefined;
  if (iterated) {
    // `[A, B].map((name) => queue.add(name, …))`: one fact per element of the static array.
    return iterated.flatMap((element) => {
      const copy = { ...fact } as Fact;
      for (const { field, ref } of refs) {
        if (ref.fn === fn && ref.index === 0) (copy as Record<NameField, Name | undefined>)[field] = withAffix(memberAtPath(element, ref.path, ctx), ref.affix);
      }
      return instantiate(copy, ctx, finder, depth + 1, roots);
    });
  }
  const sites = depth < MAX_DEPTH ? finder.callSites(fn) : [];
  if (sites.length === 0) {
    if (refs.length === 0) return [{ ...fact, processorParam: undefined } as Fact];
    return [markUnresolved(fact, refs, fn, roots)];
  }
  return sites.flatMap((site) => {
    // Binding only the processor through `this.method(…)` stays inside the same object: the
    // worker keeps the place (and the instantiating class) its queue name was resolved at.
    const sameObject = refs.length === 0 && isThisCall(site);
    const copies = sameObject ? [{ ...fact } as Fact] : expandAtSite(fact, refs, fn, site, ctx, roots);
    return copies.map((copy) => ({ copy, site, sameObject }));
  }).flatMap(({ copy, site, sameObject }) => {
    const location = copy.location;
    if (!sameObject) copy.enclosing = enclosingFunction(site);
    if (copy.type === 'consumer') {
      if (!sameObject) {
        copy.definition = `${location.file}:${location.line}:${location.column}`;
        // Reached through `super(…)` of a subclass: that subclass's instantiations decide where it runs.
        if (ts.isCallExpression(site) && site.expression.kind === ts.SyntaxKind.SuperKeyword) copy.constructedBy = enclosingClass(site);
        else copy.constructedBy = undefined;
      }
      if (processorParam && processorParam.fn === fn) {
        const arg = argumentsOf(site)[processorParam.index];
        const binding = arg && ctx.bindingOf(arg);
        if (binding?.kind === 'parameter') copy.processorParam = { fn: binding.fn, index: binding.index };
        else {
          copy.processorParam = undefined;
          const target = arg && resolveFunction(arg, ctx);
          if (target) Object.assign(copy, analyzeProcessor(target, ctx));
        }
      }
    }
    return instantiate(copy, ctx, finder, depth + 1, roots);
  });
}

function isThisCall(site: ts.CallExpression | ts.NewExpression): boolean {
  const callee = skipOuter(site.expression);
  return ts.isCallExpression(site) && ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword;
}

/** One wording per written name, whichever caller failed, so the findings fold into one. */
function unresolvedAtRoot(root: Extract<Name, { unresolved: string }>, fallback: ts.SignatureDeclaration): Name {
  const fn = root.param?.fn ?? fallback;
  return { unresolved: `it comes from a parameter of ${describeFunction(fn)}, and not every caller passes a static value`, text: root.text, location: root.location, perCaller: true };
}

function namesOf(fact: Fact): Partial<Record<NameField, Name>> {
  const f = fact as Partial<Record<NameField, Name>>;
  return { queue: f.queue, job: f.job, prefix: f.prefix };
}

/** One copy of the fact per value the call site gives its parameters (a bulk list gives several). */
function expandAtSite(fact: Fact, refs: Array<{ field: NameField; ref: ParamRef }>, fn: ts.SignatureDeclaration, site: ts.CallExpression | ts.NewExpression, ctx: AnalysisContext, roots: Partial<Record<NameField, Name>>): Fact[] {
  let copies: Fact[] = [{ ...fact, location: ctx.location(site) } as Fact];
  for (const { field, ref } of refs) {
    if (ref.fn !== fn) continue;
    const original = roots[field];
    // A caller that passes a non-static value: report the name where it is written (inside the
    // wrapper), not at the caller, so every such caller folds into one finding.
    const values = valuesAtSite(site, ref, field, ctx).map((v) =>
      'unresolved' in v && !v.param && original && 'unresolved' in original
        ? unresolvedAtRoot(original, fn)
        : v,
    );
    // Bulk lists × several fields multiply; a call site yielding more than 200 facts is a
    // generated table, not queue wiring (README, "Known limits").
    copies = copies.flatMap((c) => values.map((v) => ({ ...c, [field]: v }) as Fact)).slice(0, MAX_FACTS_PER_SITE);
  }
  return copies;
}

function paramFields(fact: Fact): Array<{ field: NameField; ref: ParamRef }> {
  const out: Array<{ field: NameField; ref: ParamRef }> = [];
  for (const field of ['queue', 'job', 'prefix'] as const) {
    const name = (fact as Partial<Record<NameField, Name>>)[field];
    if (name && 'param' in name && name.param) out.push({ field, ref: name.param });
  }
  return out;
}

function markUnresolved(fact: Fact, refs: Array<{ field: NameField; ref: ParamRef }>, fn: ts.SignatureDeclaration, roots: Partial<Record<NameField, Name>>): Fact {
  const copy = { ...fact } as Fact & Record<NameField, Name | undefined>;
  for (const { field } of refs) {
    const name = copy[field];
    const root = roots[field];
    if (name && 'unresolved' in name) {
      copy[field] = unresolvedAtRoot(root && 'unresolved' in root ? root : name, fn);
    }
  }
  return copy;
}

function valuesAtSite(site: ts.CallExpression | ts.NewExpression, ref: ParamRef, field: NameField, ctx: AnalysisContext): Name[] {
  const arg = argumentsOf(site)[ref.index];
  if (!arg) return [{ unresolved: `argument ${ref.index + 1} is missing`, text: '', location: ctx.location(site) }];
  if (ref.path[0] === EACH) {
    const binding = ctx.bindingOf(arg);
    if (binding?.kind === 'parameter') return [{ unresolved: 'comes from a parameter', text: arg.getText(), location: ctx.location(arg), param: { fn: binding.fn, index: binding.index, path: ref.path } }];
    const values: Name[] = [];
    forEachElement(arg, ctx, (el) => values.push(memberAtPath(el, ref.path.slice(1), ctx)));
    return values.length > 0 ? values : [{ unresolved: 'the list is not static', text: arg.getText().slice(0, 80), location: ctx.location(arg) }];
  }
  return [nameAtCall(site, ref, field, ctx)];
}

const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter']);

/** Elements of the static array a callback iterates over, when `fn` is that callback. */
function iterationValues(fn: ts.SignatureDeclaration, ctx: AnalysisContext): ts.Expression[] | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression) || !ITERATION_METHODS.has(call.expression.name.text)) return undefined;
  let list = skipOuter(call.expression.expression);
  if (ts.isIdentifier(list)) {
    const binding = ctx.binder.resolveIdentifier(list);
    if (binding?.kind === 'declaration' && ts.isVariableDeclaration(binding.node) && binding.node.initializer) list = skipOuter(binding.node.initializer);
  }
  if (ts.isCallExpression(list) && list.expression.getText() === 'Object.values' && list.arguments[0]) {
    const target = ctx.evaluator.objectOf(list.arguments[0]);
    if (target && (target.kind === 'object' || target.kind === 'enum')) {
      const values: ts.Expression[] = [];
      for (const key of ctx.evaluator.keysOf(target)) {
        if (!key.name.ok) return undefined;
        const member = ctx.evaluator.member(target, key.name.value);
        if (!('expr' in member)) return undefined;
        values.push(member.expr);
      }
      return values;
    }
  }
  if (!ts.isArrayLiteralExpression(list) || list.elements.some(ts.isSpreadElement)) return undefined;
  return [...list.elements];
}


function describeFunction(fn: ts.SignatureDeclaration): string {
  const name = functionName(fn);
  return name ? `\`${name}\`` : 'an anonymous function';
}

function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isConstructorDeclaration(fn)) return (fn.parent as ts.ClassLikeDeclaration).name?.text;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText();
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyAssignment(fn.parent)) return fn.parent.name.getText();
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyDeclaration(fn.parent)) return fn.parent.name.getText();
  return undefined;
}

/** Finds the calls of a wrapper across the repository (text test on its name, then a parse). */
/** A file's calls (see `CallSiteFinder#indexOf`), each list in document order. */
interface CallIndex {
  /** `new X(…)` and `super(…)`: what a constructor search looks at. */
  constructions: Array<ts.NewExpression | ts.CallExpression>;
  /** Calls by the callee's last name: `f(…)` and `x.f(…)` under 'f'. */
  calls: Map<string, ts.CallExpression[]>;
}

export class CallSiteFinder {
  private readonly cache = new Map<ts.Node, Array<ts.CallExpression | ts.NewExpression>>();
  private readonly indexes = new Map<ts.SourceFile, CallIndex>();

  constructor(private readonly ctx: AnalysisContext, private readonly files: string[]) {}

  /** `new Cls(…)` and subclass `super(…)` calls that construct a class (through its constructor). */
  constructionSites(cls: ts.ClassLikeDeclaration): Array<ts.CallExpression | ts.NewExpression> {
    const ctor = cls.members.find(ts.isConstructorDeclaration);
    return ctor ? this.callSites(ctor) : [];
  }

  callSites(fn: ts.SignatureDeclaration): Array<ts.CallExpression | ts.NewExpression> {
    const cached = this.cache.get(fn);
    if (cached) return cached;
    const name = functionName(fn);
    const sites: Array<ts.CallExpression | ts.NewExpression> = [];
    this.cache.set(fn, sites);
    if (!name) return sites;
    const isConstructor = ts.isConstructorDeclaration(fn);
    const isMethod = ts.isMethodDeclaration(fn) || ts.isPropertyDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent);
    const pattern = new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\b`);
    const needle = [name]; // one array for the whole pass (the store records needles per array)
    for (const rel of this.files) {
      const abs = joinListed(this.ctx.root, rel);
      if (!this.ctx.store.includes(abs, needle)) continue;
      const text = this.ctx.store.text(abs);
      if (!text || !pattern.test(text)) continue;
      const sf = this.ctx.store.get(abs);
      if (!sf) continue;
      const index = this.indexOf(sf);
      const candidates = isConstructor ? index.constructions : (index.calls.get(name) ?? []);
      for (const node of candidates) if (this.matches(node, fn, name, isConstructor, isMethod)) sites.push(node);
    }
    return sites;
  }

  /**
   * The calls of one file, walked once and grouped the way `matches` can accept them: a file that
   * mentions several wrappers (or a common method name) used to be walked once per wrapper.
   */
  private indexOf(sf: ts.SourceFile): CallIndex {
    let index = this.indexes.get(sf);
    if (index) return index;
    index = { constructions: [], calls: new Map() };
    const { constructions, calls } = index;
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node)) constructions.push(node);
      else if (ts.isCallExpression(node)) {
        const callee = skipOuter(node.expression);
        if (callee.kind === ts.SyntaxKind.SuperKeyword) constructions.push(node);
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        if (name !== undefined) {
          const list = calls.get(name);
          if (list) list.push(node);
          else calls.set(name, [node]);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    this.indexes.set(sf, index);
    return index;
  }

  private matches(node: ts.CallExpression | ts.NewExpression, fn: ts.SignatureDeclaration, name: string, isConstructor: boolean, isMethod: boolean): boolean {
    const callee = skipOuter(node.expression);
    if (isConstructor) {
      const cls = fn.parent as ts.ClassLikeDeclaration;
      if (ts.isNewExpression(node)) return this.refersTo(callee, cls);
      if (callee.kind === ts.SyntaxKind.SuperKeyword) {
        const sub = enclosingClass(node);
        const base = sub?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        return !!base && this.refersTo(base, cls);
      }
      return false;
    }
    if (ts.isNewExpression(node)) return false;
    if (isMethod) return ts.isPropertyAccessExpression(callee) && callee.name.text === name && this.receiverOwns(callee.expression, fn, node);
    if (ts.isIdentifier(callee) && callee.text === name) return this.refersTo(callee, fn);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === name) {
      const ns = this.ctx.bindingOf(callee.expression);
      if (ns?.kind === 'namespace') {
        const exported = this.ctx.binder.resolveExport(ns.file, name);
        return !!exported && bindingIs(exported, fn);
      }
    }
    return false;
  }

  /**
   * A method call `x.m()` counts only when `x` provably is the object that declares `m`: `this`
   * inside that class, the class itself (static), a variable or parameter created as / typed as
   * that class, an injected constructor parameter, or the object literal holding the method.
   * Matching by method name alone would turn every `store.register()` into a wrapper call.
   */
  private receiverOwns(receiver: ts.Expression, fn: ts.SignatureDeclaration, site: ts.Node): boolean {
    const owner = ownerOf(fn);
    if (!owner) return false;
    const r = skipOuter(receiver);
    if (r.kind === ts.SyntaxKind.ThisKeyword) return !!enclosingClass(site) && enclosingClass(site) === owner;
    if (ts.isPropertyAccessExpression(r) && r.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(site);
      const member = cls && memberDeclaration(cls, r.name.text);
      return !!member && this.declarationIsInstance(member, owner);
    }
    if (!ts.isIdentifier(r)) return false;
    const binding = this.ctx.binder.resolveIdentifier(r);
    if (!binding) return false;
    if (binding.kind === 'declaration') {
      if (binding.node === owner) return true; // static call on the class
      if (ts.isVariableDeclaration(binding.node)) return this.declarationIsInstance(binding.node, owner);
      return false;
    }
    if (binding.kind === 'parameter') return this.declarationIsInstance(binding.node, owner);
    return false;
  }

  private declarationIsInstance(decl: ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration, owner: ts.Node): boolean {
    if (decl.type && ts.isTypeReferenceNode(decl.type) && ts.isIdentifier(decl.type.typeName)) {
      const binding = this.ctx.binder.resolveIdentifier(decl.type.typeName);
      if (binding?.kind === 'declaration' && binding.node === owner) return true;
    }
    const init = decl.initializer && skipOuter(decl.initializer);
    if (!init) return false;
    if (init === owner) return true; // const manager = { register() {…} }
    if (ts.isNewExpression(init)) return this.refersTo(init.expression, owner);
    return false;
  }

  private refersTo(expr: ts.Expression, target: ts.Node): boolean {
    const binding = this.ctx.bindingOf(expr);
    return !!binding && bindingIs(binding, target);
  }
}

function bindingIs(binding: ReturnType<AnalysisContext['bindingOf']>, target: ts.Node): boolean {
  if (!binding) return false;
  if (binding.kind === 'declaration') {
    if (binding.node === target) return true;
    if (ts.isVariableDeclaration(binding.node) && binding.node.initializer && skipOuter(binding.node.initializer) === target) return true;
  }
  if (binding.kind === 'expression' && skipOuter(binding.node) === target) return true;
  return false;
}


/** The class or object literal a method (or function-valued property) belongs to. */
function ownerOf(fn: ts.SignatureDeclaration): ts.Node | undefined {
  if (ts.isMethodDeclaration(fn)) return fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && (ts.isPropertyDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent))) return fn.parent.parent;
  return undefined;
}

function memberDeclaration(cls: ts.ClassLikeDeclaration, name: string): ts.PropertyDeclaration | ts.ParameterDeclaration | undefined {
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && member.name.getText() === name) return member;
    if (ts.isConstructorDeclaration(member)) {
      const param = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (param) return param;
    }
  }
  return undefined;
}

export type { ConsumerFact };
