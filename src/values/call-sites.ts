import { exportTable } from '../resolution/exports.js';
import type { Importer } from '../resolution/import-graph.js';
import { ts } from '../util/typescript.js';
import { BOUNDS } from './bounds.js';
import type { FunctionNode } from './domain.js';
import { declarationsOf, lookup, namesInPattern, skipOuter } from './scope.js';

export type CallLike = ts.CallExpression | ts.NewExpression;

/**
 * Where functions are called, by name: every call and `new` in the files that can reach queue
 * code, indexed once per file under the callee's name — and, for an imported callee, under the
 * name it was exported as (`import { createWorker as cw }`: `cw(…)` is found as `createWorker`).
 * Whether a candidate really calls the function is decided by the interpreter (values/expand.ts).
 *
 * A function that only calls queue code does not make its importers relevant (detectors/
 * relevance.ts), yet they call it. When the callers of such a declaration are asked for, the
 * files that can call it join the index (`openCallers`): those that reach it through imports and
 * whose text names the callee — the rest cannot call it by name.
 */
export class CallSiteIndex {
  constructor(
    /** Absolute paths of the files whose calls count (the relevant files). */
    private readonly files: () => readonly string[],
    private readonly sourceFile: (abs: string) => ts.SourceFile | undefined,
    /** Where the callers of an indexed file's declarations may be, read on demand. */
    private readonly callers?: CallerSources,
  ) {}

  /** Files added on demand, in the order they were asked for. */
  readonly added: string[] = [];

  /** Candidate calls of a function, a method, a constructor (and subclass `super(…)` calls). */
  candidates(fn: FunctionNode | ts.ClassLikeDeclaration, only?: 'new'): CallLike[] {
    const index = this.index();
    // `new C(…)` is written with one of the class's names; every `super(…)` in the repository
    // (thousands, in a codebase of models) is looked at only for a constructor's own callers.
    const callNames = (): string[] => this.withReExports(namesOf(fn)).filter((n) => only !== 'new' || n !== 'super');
    let names = callNames();
    const isClass = ts.isClassDeclaration(fn) || ts.isClassExpression(fn) || ts.isConstructorDeclaration(fn);
    // Barrels read on demand can add names (`export { send as deliver } from './send'`).
    if (this.openCallers(fn, names, isClass ? 'binding' : 'value', index)) names = callNames();
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

  /** Classes declared `extends <name of cls>` (by the name written; the caller checks what it is). */
  subclassCandidates(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
    if (!cls.name) return [];
    const index = this.index();
    this.openCallers(cls, [cls.name.text], 'binding', index);
    return index.subclasses.get(cls.name.text) ?? [];
  }

  private readonly opened = new Set<string>();

  /**
   * Indexes the files outside the index that can call `decl` by one of `names`. A function or a
   * method (`value`) can be reached through any chain of imports — an instance another module
   * builds, a field of another service, an injected provider — so every file that imports
   * `decl`'s file, directly or transitively, is a candidate, and those whose text contains a
   * name are read (a file that does not name the callee cannot call it by name; one that takes
   * the default export may call it as whatever it likes). A class (`binding`, for `new` and
   * `extends`) is reached only through its own binding: the importers that take an export that is
   * the class, through re-export barrels and `import { X } …; export { X }` barrels. Names a
   * barrel gives it (`export { send as deliver }`) join the names looked for. Once per question;
   * whether anything was added.
   */
  private openCallers(decl: ts.Node, names: readonly string[], mode: 'binding' | 'value', index: RepoIndex): boolean {
    const sf = decl.getSourceFile();
    if (!this.callers || !this.indexed.has(sf.fileName)) return false;
    const unit = topLevelOf(decl);
    const bound = boundBy(unit);
    if (!this.callers.callsOutside(sf.fileName, bound)) return false;
    const via = exportsReaching(sf, unit, mode);
    // A class, or a statement that binds no name (`export default async () => …`, `exports.send
    // = …`, but not `router.post('/', async (req) => …)`), reaches other files only as an export.
    if ((mode === 'binding' || bound.length === 0) && via.size === 0) return false;
    const key = `${sf.fileName}\0${mode}\0${[...names].sort().join(',')}`;
    if (this.opened.has(key)) return false;
    this.opened.add(key);
    const words = new Set(names.filter((n) => n !== 'default' && n !== 'super'));
    const byDefault = names.includes('default');
    if (words.size === 0 && !byDefault) return false;
    const before = this.added.length;
    const seen = new Set([sf.fileName]);
    let frontier: Array<[file: string, exports: ReadonlySet<string>]> = [[sf.fileName, via]];
    // Each file joins the frontier once (`first`), so the walk ends.
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const [file, exports] of frontier) {
        const importers = this.callers.importersOf(file);
        // The specifiers each importer reaches `file` by (the graph resolved them already).
        const specsOf = new Map<string, Set<string>>();
        for (const { file: importer, record } of importers) {
          const specs = specsOf.get(importer);
          if (specs) specs.add(record.spec);
          else specsOf.set(importer, new Set([record.spec]));
        }
        for (const { file: importer, record } of importers) {
          if (record.typeOnly) continue;
          const takes = record.names.some((n) => n === '*' || exports.has(n));
          if (mode === 'binding' && !takes) continue;
          const first = !seen.has(importer);
          seen.add(importer);
          let passedOn: Set<string> | undefined;
          if (record.kind === 'reexport') {
            const barrel = this.sourceFile(importer);
            if (barrel) passedOn = reExportedAs(barrel, exports);
          }
          if (!this.indexed.has(importer) && ((byDefault && takes && record.names.includes('default')) || this.callers.mentions(importer, [...words]))) {
            this.added.push(importer);
            this.indexFile(importer, index);
          }
          // Names a caller may write for it: a barrel's renames (`export { send as deliver }`).
          for (const n of passedOn ?? []) if (n !== 'default') words.add(n);
          // `import { send } from './send'; export { send as deliver }`, or `export const classes
          // = { Mailer }`: a barrel of its own (only a rename is a new name to look for).
          const read = this.indexed.has(importer) ? this.sourceFile(importer) : undefined;
          if (read) {
            const local = this.locallyReExported(read, file, exports, mode, specsOf.get(importer)!);
            for (const n of local.renamed) if (n !== 'default') words.add(n);
            for (const n of local.all) (passedOn ??= new Set()).add(n);
          }
          if (first && (mode === 'value' || (passedOn && passedOn.size > 0))) next.push([importer, passedOn ?? new Set()]);
        }
      }
      frontier = next;
    }
    return this.added.length > before;
  }

  private readonly barrels = new Map<string, { renamed: Set<string>; all: Set<string> }>();

  /**
   * `reExportedLocally`, once per importer, imported file, mode and names: every question about
   * a declaration of a file walks the same importers (on one repository, thousands of questions
   * over a thousand importers each resolved tens of millions of import specifiers).
   */
  private locallyReExported(importer: ts.SourceFile, file: string, exports: ReadonlySet<string>, mode: 'binding' | 'value', specs: ReadonlySet<string>): { renamed: Set<string>; all: Set<string> } {
    const key = `${importer.fileName}\0${file}\0${mode}\0${[...exports].sort().join(',')}`;
    let found = this.barrels.get(key);
    if (!found) {
      found = reExportedLocally(importer, exports, mode, specs);
      this.barrels.set(key, found);
    }
    return found;
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
  private readonly indexed = new Set<string>();

  /** Every file's calls, subclasses and renamed re-exports, in listing order: one pass per file, once. */
  private index(): RepoIndex {
    if (this.built) return this.built;
    const index: RepoIndex = { calls: new Map(), subclasses: new Map(), reExports: new Map() };
    for (const file of this.files()) this.indexFile(file, index);
    this.built = index;
    return index;
  }

  private indexFile(file: string, index: RepoIndex): void {
    this.indexed.add(file);
    const sf = this.sourceFile(file);
    if (!sf) return;
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
}

/** Where callers outside the indexed files can be found: the import graph and the files' text. */
export interface CallerSources {
  /**
   * Whether the callers of these top-level declarations of an indexed file may be in files not
   * indexed yet (they only call queue code, so their importers were not made relevant by them).
   */
  callsOutside(file: string, names: readonly string[]): boolean;
  importersOf(file: string): readonly Importer[];
  /** Whether a file's text contains one of the names (a file that does not cannot call by them). */
  mentions(file: string, names: readonly string[]): boolean;
}

/** The top-level statement (or variable declaration) a node belongs to. */
function topLevelOf(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  return n;
}

/** The names a top-level statement binds. */
function boundBy(statement: ts.Node): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => namesInPattern(d.name).map(([n]) => n));
  const name = (statement as ts.NamedDeclaration).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}

const identifierCache = new WeakMap<ts.Node, Set<string>>();

function identifiersIn(node: ts.Node): Set<string> {
  let ids = identifierCache.get(node);
  if (!ids) {
    const found = new Set<string>();
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) found.add(n.text);
      ts.forEachChild(n, visit);
    };
    visit(node);
    ids = found;
    identifierCache.set(node, ids);
  }
  return ids;
}

/**
 * The names `sf` exports `unit` under, and those of exports built from it, one step: `export
 * default new Service()` or `const svc = new Service(); export { svc }` (a method is called on
 * the instance), `export const classes = { Mailer }`, `module.exports = { send }`. For a class
 * (`binding`: `new`, `extends`) an instance of it does not count — nobody writes `new` with it —
 * which keeps the importers of a service's default instance out of a constructor's question.
 */
function exportsReaching(sf: ts.SourceFile, unit: ts.Node, mode: 'binding' | 'value'): Set<string> {
  return exportsBuiltFrom(sf, new Set(boundBy(unit)), mode, unit);
}

/** The exports of `sf` that are the bindings `own` (or `unit`), or are built from them (one step). */
function exportsBuiltFrom(sf: ts.SourceFile, own: ReadonlySet<string>, mode: 'binding' | 'value', unit?: ts.Node): Set<string> {
  const builtFrom = (node: ts.Node, names: ReadonlySet<string>): boolean => [...names].some((n) => identifiersIn(node).has(n)) && !(mode === 'binding' && isInstanceOf(node, own));
  const reaching = new Set(own);
  if (own.size > 0) {
    for (const s of sf.statements) {
      if (s === unit || ts.isImportDeclaration(s)) continue;
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) if (d.initializer && builtFrom(d.initializer, own)) for (const [n] of namesInPattern(d.name)) reaching.add(n);
      } else if (builtFrom(s, own)) for (const n of boundBy(s)) reaching.add(n);
    }
  }
  const out = new Set<string>();
  const table = exportTable(sf);
  const isOrFromUnit = (node: ts.Node): boolean => (unit !== undefined && inside(node, unit)) || builtFrom(node, reaching);
  for (const [exported, entry] of table.named) {
    if (entry.kind === 'local' ? reaching.has(entry.name) : entry.kind === 'declaration' ? entry.node === unit : entry.kind === 'expression' && isOrFromUnit(entry.node)) out.add(exported);
  }
  if (table.moduleValue && isOrFromUnit(table.moduleValue)) out.add('default');
  return out;
}

/** Whether `node` is `unit` or part of it (`export default async () => …`, `exports.send = function …`). */
function inside(node: ts.Node, unit: ts.Node): boolean {
  return node.getSourceFile() === unit.getSourceFile() && node.pos >= unit.pos && node.end <= unit.end;
}

/** `new C(…)` of one of the names. */
function isInstanceOf(node: ts.Node, names: ReadonlySet<string>): boolean {
  const e = ts.isExpression(node) ? skipOuter(node) : node;
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && names.has(e.expression.text);
}

/**
 * The names a file exports bindings it imports from `target` (by one of `specs`, the specifiers
 * the import graph resolved to it) under, or values built from them (`import { send } from
 * './send'; export { send as deliver }`, `export default send`, `export const classes = {
 * Mailer }`): the file is a barrel for them.
 */
function reExportedLocally(sf: ts.SourceFile, exports: ReadonlySet<string>, mode: 'binding' | 'value', specs: ReadonlySet<string>): { renamed: Set<string>; all: Set<string> } {
  const imported = new Set<string>();
  for (const [local, decl] of declarationsOf(sf)) {
    if (decl.kind === 'import' && !decl.typeOnly && (decl.name === '*' || exports.size === 0 || exports.has(decl.name)) && specs.has(decl.spec)) imported.add(local);
  }
  const renamed = new Set<string>();
  if (imported.size === 0) return { renamed, all: renamed };
  for (const [exported, entry] of exportTable(sf).named) {
    const local = entry.kind === 'local' ? entry.name : entry.kind === 'expression' && ts.isIdentifier(entry.node) ? entry.node.text : undefined;
    if (local !== undefined && imported.has(local)) renamed.add(exported);
  }
  return { renamed, all: new Set([...renamed, ...exportsBuiltFrom(sf, imported, mode)]) };
}

/** The names a barrel exports those of `exports` as (`export { a as b } from`, `export *`, `export * as ns`). */
function reExportedAs(barrel: ts.SourceFile, exports: ReadonlySet<string>): Set<string> {
  const table = exportTable(barrel);
  const out = new Set<string>(table.stars.length > 0 ? exports : []);
  for (const [exported, entry] of table.named) {
    if ((entry.kind === 'reexport' && exports.has(entry.name)) || entry.kind === 'namespace') out.add(exported);
  }
  return out;
}

interface RepoIndex {
  calls: Map<string, CallLike[]>;
  subclasses: Map<string, ts.ClassLikeDeclaration[]>;
  /** Original name → the names barrels re-export it as. */
  reExports: Map<string, Set<string>>;
}

/** Appends `value` to the list `map` holds under `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
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
