import { ts } from '../util/typescript.js';
import type { Ctx } from './context.js';
import type { FunctionNode } from './domain.js';

/** One step into a destructuring pattern: a property, an index, or the rest. */
export type PathStep = { prop: string; fallback?: ts.Expression } | { index: number; fallback?: ts.Expression } | { rest: true; exclude: string[] };

/** What an identifier refers to, found lexically (no type checker). */
export type Decl =
  | { kind: 'param'; fn: FunctionNode; param: ts.ParameterDeclaration; index: number; path: PathStep[] }
  | { kind: 'var'; decl: ts.VariableDeclaration; path: PathStep[] }
  /** The variable of a `for…of` / `for…in` loop: one value per element. */
  | { kind: 'loop'; stmt: ts.ForOfStatement | ts.ForInStatement; decl: ts.VariableDeclaration; path: PathStep[] }
  | { kind: 'function'; node: ts.FunctionDeclaration }
  | { kind: 'class'; node: ts.ClassDeclaration | ts.ClassExpression }
  | { kind: 'enum'; node: ts.EnumDeclaration }
  | { kind: 'namespace'; node: ts.ModuleDeclaration }
  /** `import x from 'spec'` (name 'default'), `import * as x` ('*'), `import { a as x }` ('a'). */
  | { kind: 'import'; spec: string; name: string; node: ts.Node; typeOnly: boolean }
  /** A named function expression referring to itself. */
  | { kind: 'self'; node: ts.FunctionExpression }
  | { kind: 'catch'; node: ts.CatchClause };

const tables = new WeakMap<ts.Node, Map<string, Decl>>();

/** Resolves a name where `from` uses it, walking outwards through the lexical scopes. */
export function lookup(name: string, from: ts.Node): Decl | undefined {
  for (let n: ts.Node | undefined = from.parent, child: ts.Node = from; n; child = n, n = n.parent) {
    if (isFunctionNode(n)) {
      // A parameter's default value sees earlier parameters, the body sees all of them.
      const params = n.parameters;
      for (let i = 0; i < params.length; i++) {
        const path = findInPattern(params[i]!.name, name);
        if (path) return { kind: 'param', fn: n, param: params[i]!, index: i, path };
      }
      if (ts.isFunctionExpression(n) && n.name?.text === name && child !== n.name) return { kind: 'self', node: n };
    } else if (ts.isClassExpression(n) && n.name?.text === name) {
      return { kind: 'class', node: n };
    } else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer) && child !== n.expression) {
      for (const d of n.initializer.declarations) {
        const path = findInPattern(d.name, name);
        if (path) return { kind: 'loop', stmt: n, decl: d, path };
      }
    } else if (ts.isForStatement(n) && n.initializer && ts.isVariableDeclarationList(n.initializer)) {
      for (const d of n.initializer.declarations) {
        const path = findInPattern(d.name, name);
        if (path) return { kind: 'var', decl: d, path };
      }
    } else if (ts.isCatchClause(n) && n.variableDeclaration && findInPattern(n.variableDeclaration.name, name)) {
      return { kind: 'catch', node: n };
    }
    if (ts.isSourceFile(n) || ts.isBlock(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      const found = declarationsOf(n).get(name);
      if (found) return found;
    }
  }
  return undefined;
}

/** The names a block-like node declares, built once per node. */
export function declarationsOf(block: ts.Node): Map<string, Decl> {
  let table = tables.get(block);
  if (table) return table;
  table = new Map();
  const statements: readonly ts.Statement[] =
    ts.isSourceFile(block) || ts.isBlock(block) || ts.isModuleBlock(block) || ts.isCaseClause(block) || ts.isDefaultClause(block) ? block.statements : [];
  const add = (name: string, decl: Decl): void => {
    if (!table!.has(name)) table!.set(name, decl);
  };
  for (const s of statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) for (const [name, path] of namesInPattern(d.name)) add(name, { kind: 'var', decl: d, path });
    } else if (ts.isFunctionDeclaration(s) && s.name) {
      // Overloads: the declaration with a body is the function.
      if (s.body || !table.has(s.name.text)) table.set(s.name.text, { kind: 'function', node: s });
    } else if (ts.isClassDeclaration(s) && s.name) add(s.name.text, { kind: 'class', node: s });
    else if (ts.isEnumDeclaration(s)) add(s.name.text, { kind: 'enum', node: s });
    else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) add(s.name.text, { kind: 'namespace', node: s });
    else if (ts.isImportDeclaration(s) && s.importClause && ts.isStringLiteral(s.moduleSpecifier)) {
      const spec = s.moduleSpecifier.text;
      const clause = s.importClause;
      const typeOnly = clause.isTypeOnly;
      if (clause.name) add(clause.name.text, { kind: 'import', spec, name: 'default', node: clause, typeOnly });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, { kind: 'import', spec, name: '*', node: nb, typeOnly });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) add(el.name.text, { kind: 'import', spec, name: (el.propertyName ?? el.name).text, node: el, typeOnly: typeOnly || el.isTypeOnly });
      }
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteral(s.moduleReference.expression)) {
      add(s.name.text, { kind: 'import', spec: s.moduleReference.expression.text, name: '*', node: s, typeOnly: s.isTypeOnly });
    }
  }
  tables.set(block, table);
  return table;
}

/** Every name a binding pattern binds, with its path. */
export function namesInPattern(name: ts.BindingName, prefix: PathStep[] = []): Array<[string, PathStep[]]> {
  if (ts.isIdentifier(name)) return [[name.text, prefix]];
  const out: Array<[string, PathStep[]]> = [];
  if (ts.isObjectBindingPattern(name)) {
    const seen: string[] = [];
    for (const el of name.elements) {
      if (el.dotDotDotToken) {
        out.push(...namesInPattern(el.name, [...prefix, { rest: true, exclude: [...seen] }]));
        continue;
      }
      const key = el.propertyName ? propertyKey(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
      if (key === undefined) continue;
      seen.push(key);
      out.push(...namesInPattern(el.name, [...prefix, { prop: key, fallback: el.initializer }]));
    }
  } else {
    name.elements.forEach((el, index) => {
      if (ts.isOmittedExpression(el)) return;
      out.push(...namesInPattern(el.name, [...prefix, el.dotDotDotToken ? { rest: true, exclude: [] } : { index, fallback: el.initializer }]));
    });
  }
  return out;
}

function findInPattern(name: ts.BindingName, wanted: string): PathStep[] | undefined {
  if (ts.isIdentifier(name)) return name.text === wanted ? [] : undefined;
  for (const [n, path] of namesInPattern(name)) if (n === wanted) return path;
  return undefined;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

export function isFunctionNode(n: ts.Node): n is FunctionNode {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isFunctionExpression(n) ||
    ts.isArrowFunction(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  );
}

/** The innermost function around a node (undefined at module level). */
export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return undefined;
}

export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return n;
  }
  return undefined;
}

/**
 * Where a function written as an argument is passed: the call (or `new`) and its position,
 * through parentheses (`run('q', ((n) => …))`). Undefined for any other function.
 */
export function argumentSlot(fn: ts.Node): { call: ts.CallExpression | ts.NewExpression; index: number } | undefined {
  let n = fn;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const call = n.parent;
  if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments) return undefined;
  const index = call.arguments.indexOf(n as ts.Expression);
  return index < 0 ? undefined : { call, index };
}

/** The function a call's callee calls: `fn.call(this, …)` and `fn.apply(…)` call `fn`. */
export function throughCallApply(callee: ts.Expression): { target: ts.Expression; viaCall: boolean } {
  const viaCall = ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply');
  return viaCall ? { target: (callee as ts.PropertyAccessExpression).expression, viaCall } : { target: callee, viaCall };
}

/** The outermost expression `expr` is wrapped in by what `skipOuter` strips (its inverse). */
export function outermost(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (let p = e.parent; p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isTypeAssertionExpression(p) || ts.isSatisfiesExpression(p)); p = e.parent) e = p;
  return e;
}

/** Strips parentheses, `as`, `satisfies`, `!` and type assertions. */
export function skipOuter(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    else return e;
  }
}

/** Whether the expression reads a parameter or loop variable of a scope this context binds. */
export function readsBoundInput(expr: ts.Node, ctx: Ctx): boolean {
  let found = false;
  let steps = 0;
  const visit = (n: ts.Node): void => {
    if (found || ++steps > 200) return;
    if (ts.isIdentifier(n)) {
      const d = lookup(n.text, n);
      if ((d?.kind === 'param' && ctx.frames.get(d.fn)?.args) || (d?.kind === 'loop' && ctx.frames.has(d.stmt))) found = true;
      // A local `const spec = workload.queueSpec` carries what its initializer reads.
      else if (d?.kind === 'var' && d.decl.initializer && enclosingFunction(d.decl)) visit(d.decl.initializer);
      return;
    }
    if (ts.isPropertyAccessExpression(n)) return visit(n.expression);
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

