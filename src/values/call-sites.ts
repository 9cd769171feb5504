import { exportTable } from '../resolution/exports.js';
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
  constructor(
    /** Absolute paths of the files whose calls count (the relevant files). */
    private readonly files: () => readonly string[],
    private readonly sourceFile: (abs: string) => ts.SourceFile | undefined,
  ) {}

  /** Candidate calls of a function, a method, a constructor (and subclass `super(…)` calls). */
  candidates(fn: FunctionNode | ts.ClassLikeDeclaration, only?: 'new'): CallLike[] {
    const index = this.index();
    // `new C(…)` is written with one of the class's names; every `super(…)` in the repository
    // (thousands, in a codebase of models) is looked at only for a constructor's own callers.
    const names = this.withReExports(namesOf(fn)).filter((n) => only !== 'new' || n !== 'super');
    const out: CallLike[] = [];
    const seen = new Set<CallLike>();
    for (const name of names) {
      for (const call of index.calls.get(name) ?? []) {
        if (seen.has(call) || (only === 'new' && !ts.isNewExpression(call))) continue;
        seen.add(call);
        out.push(call);
        if (out.length > BOUNDS.callSites * 4) return out;
      }
    }
    return out;
  }

  /** Classes declared `extends <name>` (by the name written; the caller checks what it is). */
  subclassCandidates(name: string): ts.ClassLikeDeclaration[] {
    return this.index().subclasses.get(name) ?? [];
  }

  /**
   * The names a call of the function can use, with those barrels re-export it as (`export {
   * start as startWorker } from './h1'`), by name only: whether a call really reaches the
   * function is the interpreter's to decide.
   */
  private withReExports(names: string[]): string[] {
    const { reExports } = this.index();
    if (reExports.size === 0) return names;
    const out = new Set(names);
    const queue = [...names];
    while (queue.length > 0 && out.size < 64) {
      for (const alias of reExports.get(queue.pop()!) ?? []) {
        if (!out.has(alias)) {
          out.add(alias);
          queue.push(alias);
        }
      }
    }
    return [...out];
  }

  private built: RepoIndex | undefined;

  /** Every file's calls, subclasses and renamed re-exports, in listing order: one pass per file, once. */
  private index(): RepoIndex {
    if (this.built) return this.built;
    const index: RepoIndex = { calls: new Map(), subclasses: new Map(), reExports: new Map() };
    for (const file of this.files()) {
      const sf = this.sourceFile(file);
      if (!sf) continue;
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          for (const key of calleeKeys(n)) push(index.calls, key, n);
        } else if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
          const base = n.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
          const key = base && (ts.isIdentifier(base) ? base.text : ts.isPropertyAccessExpression(base) ? base.name.text : undefined);
          if (key) push(index.subclasses, key, n);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      for (const [exported, entry] of exportTable(sf).named) {
        if (entry.kind === 'reexport' && entry.name !== exported) index.reExports.set(entry.name, (index.reExports.get(entry.name) ?? new Set()).add(exported));
      }
    }
    this.built = index;
    return index;
  }
}

interface RepoIndex {
  calls: Map<string, CallLike[]>;
  subclasses: Map<string, ts.ClassLikeDeclaration[]>;
  /** Original name → the names barrels re-export it as. */
  reExports: Map<string, Set<string>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
 * The names a file exports its locals as, separately from their declarations (`export default
 * startWorker;`, `export { startWorker as start }`, `exports.start = startWorker`, `module.exports
 * = startWorker`), read from the module's export table: an importer calls the function by that
 * name (`import run from './h1'; run()` is indexed as `default`).
 */
const exportAliases = new WeakMap<ts.SourceFile, Map<string, string[]>>();

function withExportAliases(names: string[], sf: ts.SourceFile): string[] {
  let aliases = exportAliases.get(sf);
  if (!aliases) {
    aliases = new Map();
    for (const [exported, entry] of exportTable(sf).named) {
      const local = entry.kind === 'local' ? entry.name : entry.kind === 'expression' && ts.isIdentifier(entry.node) ? entry.node.text : undefined;
      if (local !== undefined && local !== exported) push(aliases, local, exported);
    }
    exportAliases.set(sf, aliases);
  }
  const extra = names.flatMap((n) => aliases.get(n) ?? []);
  return extra.length ? [...new Set([...names, ...extra])] : names;
}
