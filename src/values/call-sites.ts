import { ts } from '../util/typescript.js';
import { BOUNDS } from './bounds.js';
import type { FunctionNode } from './domain.js';
import { lookup } from './scope.js';

export type CallLike = ts.CallExpression | ts.NewExpression;

/**
 * Where functions are called, by name: every call and `new` in the files that can reach queue
 * code, indexed once per file under the callee's name — and, for an imported callee, under the
 * name it was exported as (`import { createWorker as cw }`: `cw(…)` is found as `createWorker`).
 * Whether a candidate really calls the function is decided by the interpreter (values/expand.ts).
 */
export class CallSiteIndex {
  private readonly byFile = new Map<string, Map<string, CallLike[]>>();
  private readonly classesByBase = new Map<string, Map<string, ts.ClassLikeDeclaration[]>>();

  constructor(
    /** Absolute paths of the files whose calls count (the relevant files). */
    private readonly files: () => readonly string[],
    private readonly sourceFile: (abs: string) => ts.SourceFile | undefined,
  ) {}

  /** Candidate calls of a function, a method, a constructor (and subclass `super(…)` calls). */
  candidates(fn: FunctionNode | ts.ClassLikeDeclaration, only?: 'new'): CallLike[] {
    const index = this.global();
    // `new C(…)` is written with one of the class's names; every `super(…)` in the repository
    // (thousands, in a codebase of models) is looked at only for a constructor's own callers.
    const names = this.withReExports(namesOf(fn)).filter((n) => only !== 'new' || n !== 'super');
    if (names.length === 0) return [];
    const out: CallLike[] = [];
    const seen = new Set<CallLike>();
    for (const name of names) {
      for (const call of index.get(name) ?? []) {
        if (seen.has(call) || (only === 'new' && !ts.isNewExpression(call))) continue;
        seen.add(call);
        out.push(call);
        if (out.length > BOUNDS.callSites * 4) return out;
      }
    }
    return out;
  }

  /**
   * Names that barrels re-export under another name (`export { start as startWorker } from
   * './h1'`, `export { default as Mailer } from './mailer'`): original → aliases, by name only
   * (whether a call really reaches the function is the interpreter's to decide).
   */
  private readonly reExports = new Map<string, Set<string>>();

  private withReExports(names: string[]): string[] {
    if (this.reExports.size === 0) return names;
    const out = new Set(names);
    const queue = [...names];
    while (queue.length > 0 && out.size < 64) {
      for (const alias of this.reExports.get(queue.pop()!) ?? []) {
        if (!out.has(alias)) {
          out.add(alias);
          queue.push(alias);
        }
      }
    }
    return [...out];
  }

  /** Every file's calls under one index, in listing order (built once: the files are fixed). */
  private globalIndex: Map<string, CallLike[]> | undefined;
  private global(): Map<string, CallLike[]> {
    if (this.globalIndex) return this.globalIndex;
    const all = new Map<string, CallLike[]>();
    for (const file of this.files()) {
      const index = this.indexOf(file);
      if (!index) continue;
      for (const st of this.sourceFile(file)?.statements ?? []) {
        if (!ts.isExportDeclaration(st) || !st.moduleSpecifier || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
        for (const el of st.exportClause.elements) {
          if (!el.propertyName || el.propertyName.text === el.name.text) continue;
          const set = this.reExports.get(el.propertyName.text) ?? new Set<string>();
          set.add(el.name.text);
          this.reExports.set(el.propertyName.text, set);
        }
      }
      for (const [name, calls] of index) {
        const list = all.get(name);
        if (list) list.push(...calls);
        else all.set(name, [...calls]);
      }
    }
    this.globalIndex = all;
    return all;
  }

  /** Classes declared `extends <name>` (by the name written; the caller checks what it is). */
  subclassCandidates(name: string): ts.ClassLikeDeclaration[] {
    if (!this.subclassIndex) {
      const all = new Map<string, ts.ClassLikeDeclaration[]>();
      for (const [base, classes] of this.subclassesByBase()) all.set(base, classes);
      this.subclassIndex = all;
    }
    return this.subclassIndex.get(name) ?? [];
  }

  private subclassIndex: Map<string, ts.ClassLikeDeclaration[]> | undefined;

  /** Every file's classes by the base name they extend, in listing order (built once). */
  private subclassesByBase(): Map<string, ts.ClassLikeDeclaration[]> {
    const out = new Map<string, ts.ClassLikeDeclaration[]>();
    for (const file of this.files()) {
      let index = this.classesByBase.get(file);
      if (!index) {
        index = new Map();
        const sf = this.sourceFile(file);
        if (sf) {
          const visit = (n: ts.Node): void => {
            if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
              const base = n.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
              const key = base && (ts.isIdentifier(base) ? base.text : ts.isPropertyAccessExpression(base) ? base.name.text : undefined);
              if (key) index!.set(key, [...(index!.get(key) ?? []), n]);
            }
            ts.forEachChild(n, visit);
          };
          visit(sf);
        }
        this.classesByBase.set(file, index);
      }
      for (const [base, classes] of index) {
        const list = out.get(base);
        if (list) list.push(...classes);
        else out.set(base, [...classes]);
      }
    }
    return out;
  }

  private indexOf(file: string): Map<string, CallLike[]> | undefined {
    const cached = this.byFile.get(file);
    if (cached) return cached;
    const sf = this.sourceFile(file);
    if (!sf) return undefined;
    const index = new Map<string, CallLike[]>();
    const add = (key: string, node: CallLike): void => {
      const list = index.get(key);
      if (list) list.push(node);
      else index.set(key, [node]);
    };
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        for (const key of calleeKeys(n)) add(key, n);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    this.byFile.set(file, index);
    return index;
  }
}

function calleeKeys(call: CallLike): string[] {
  let callee = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) || ts.isAsExpression(callee)) callee = callee.expression as ts.LeftHandSideExpression;
  if (callee.kind === ts.SyntaxKind.SuperKeyword) return ['super'];
  if (ts.isPropertyAccessExpression(callee)) {
    // `fn.call(this, …)` / `fn.apply(…)` / `fn.bind(…)(…)` call `fn`.
    if ((callee.name.text === 'call' || callee.name.text === 'apply') && (ts.isIdentifier(callee.expression) || ts.isPropertyAccessExpression(callee.expression))) {
      const inner = ts.isIdentifier(callee.expression) ? callee.expression.text : callee.expression.name.text;
      return [callee.name.text, inner];
    }
    return [callee.name.text];
  }
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return [callee.argumentExpression.text];
  if (ts.isIdentifier(callee)) {
    const decl = lookup(callee.text, callee);
    if (decl?.kind === 'import' && decl.name !== callee.text && decl.name !== '*') return [callee.text, decl.name];
    return [callee.text];
  }
  return [];
}

/** The names a call of this function can use. */
function namesOf(fn: FunctionNode | ts.ClassLikeDeclaration): string[] {
  if (ts.isClassDeclaration(fn) || ts.isClassExpression(fn)) return classNames(fn);
  if (ts.isConstructorDeclaration(fn)) return classNames(fn.parent);
  const own = (fn as ts.NamedDeclaration).name;
  const names: string[] = [];
  if (own && (ts.isIdentifier(own) || ts.isStringLiteral(own) || ts.isPrivateIdentifier(own))) names.push(own.text);
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) names.push(parent.name.text);
  if (parent && (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) names.push(parent.name.text);
  if (parent && ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) names.push(parent.left.name.text);
  if (ts.isFunctionDeclaration(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) names.push('default');
  if (parent && ts.isExportAssignment(parent)) names.push('default');
  return withExportAliases(names, fn.getSourceFile());
}

function classNames(cls: ts.ClassLikeDeclaration): string[] {
  const names = ['super'];
  if (cls.name) names.push(cls.name.text);
  if (cls.parent && ts.isVariableDeclaration(cls.parent) && ts.isIdentifier(cls.parent.name)) names.push(cls.parent.name.text);
  if ((ts.getModifiers(cls) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) names.push('default');
  return withExportAliases(names, cls.getSourceFile());
}

/**
 * The names a file exports its locals as, separately from their declarations: `export default
 * startWorker;`, `export { startWorker as start }`, `module.exports = startWorker`. An importer
 * calls the function by that name (`import run from './h1'; run()` is indexed as `default`).
 */
const exportAliases = new WeakMap<ts.SourceFile, Map<string, string[]>>();

function withExportAliases(names: string[], sf: ts.SourceFile): string[] {
  let aliases = exportAliases.get(sf);
  if (!aliases) {
    aliases = new Map();
    const add = (local: string, exported: string): void => {
      if (local !== exported) aliases!.set(local, [...(aliases!.get(local) ?? []), exported]);
    };
    for (const st of sf.statements) {
      if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) add(st.expression.text, 'default');
      else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) add((el.propertyName ?? el.name).text, el.name.text);
      } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(st.expression.right)) {
        const left = st.expression.left.getText().replace(/\s+/g, '');
        if (left === 'module.exports') add(st.expression.right.text, 'default');
        const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left);
        if (named) add(st.expression.right.text, named[1]!);
      }
    }
    exportAliases.set(sf, aliases);
  }
  const extra = names.flatMap((n) => aliases.get(n) ?? []);
  return extra.length ? [...new Set([...names, ...extra])] : names;
}
