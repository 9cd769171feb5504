import type { ImportGraph } from '../resolution/import-graph.js';
import { exportTable } from '../resolution/exports.js';
import type { Resolution } from '../resolution/module-resolver.js';
import { packageNameOf } from '../resolution/repo-host.js';
import type { ImportRecord } from '../sources/import-scan.js';
import { ts } from '../util/typescript.js';
import { QUEUE_LIBRARIES } from '../values/library.js';
import { declarationsOf } from '../values/scope.js';

export interface RelevanceInput {
  /** Absolute paths of every source file. */
  sources: readonly string[];
  recordsOf(abs: string): readonly ImportRecord[];
  graph: ImportGraph;
  sourceFile(abs: string): ts.SourceFile | undefined;
  resolve(fromAbs: string, spec: string): Resolution;
  /** Modules of in-house wrappers declared in the config (`workers[].module`). */
  declaredModules: ReadonlySet<string>;
  /** A file's text (to see a decorator before parsing), or null when unreadable. */
  text?(abs: string): string | null;
}

export interface Relevance {
  /** Absolute paths of the files the detectors analyse, in listing order. */
  files: string[];
  /** Files that import a queue library (or a declared wrapper module) themselves. */
  seeds: number;
  /** Per relevant file, the exported names tied to queue code ('*': all of it). */
  exports: Map<string, Set<string>>;
  /**
   * Whether the callers of these top-level declarations of `file` may be in files that are not
   * relevant: they only call queue code (directly, or through a calling-only import), so their
   * importers were not made relevant by them; or they bind no name (`export default async () =>
   * …`, `exports.send = …`); or `file` itself is not relevant (read for its calls). The engine
   * then reads those callers on demand (values/call-sites.ts).
   */
  callsOutside(file: string, names: readonly string[]): boolean;
}

/** A decorator call at the start of a line (`@Module({`, `@Injectable()`, `@Cron('…')`), not a JSDoc tag. */
const DECORATOR = /^\s*@[A-Z][\w.]*\(/m;

/** Every `import`/`require` of these packages makes a file relevant by itself. */
function isQueueSpec(spec: string, declared: ReadonlySet<string>): boolean {
  return QUEUE_LIBRARIES.has(packageNameOf(spec)) || declared.has(spec);
}

/**
 * The files that can touch a queue (issue 11.3), decided from the import graph, not from text.
 *
 * A file is relevant when it imports a queue library, or imports — directly or through
 * re-exports — a name that a relevant file exports and that is tied to queue code: a
 * declaration whose code refers (transitively, inside its file) to a queue library import or to
 * such a name from another file. A file that merely contains the word `register`, or imports
 * only the unrelated names of a barrel, is never parsed. Computed to a fixpoint: when a file's
 * tainted exports grow, its importers are looked at again.
 *
 * A declaration that only *calls* queue code and drops the result (`await Queue.addJob(Q.X,
 * JOB, data)` in a service method) hands no queue to anyone: its importers cannot touch a queue
 * through it, so they are not relevant (in one repository two such services made 1,012 files
 * relevant). They still call it: when the engine needs its callers (a name that is a parameter,
 * the process a producer runs in), values/call-sites.ts reads them on demand.
 */
export function findRelevantFiles(input: RelevanceInput): Relevance {
  const relevant = new Set<string>();
  const exportsOf = new Map<string, Set<string>>();
  /** Exported names that only call queue code, per file. */
  const callingExportsOf = new Map<string, Set<string>>();
  const callingOnly = new Map<string, Set<string>>();
  const queue: string[] = [];
  for (const file of input.sources) {
    if (input.recordsOf(file).some((r) => isQueueSpec(r.spec, input.declaredModules))) {
      relevant.add(file);
      queue.push(file);
    }
  }
  const seeds = relevant.size;
  const seedFiles = new Set(relevant);
  // A file waits in the queue once, however many of its imports grew meanwhile.
  const queued = new Set(queue);
  const push = (file: string): void => {
    relevant.add(file);
    if (queued.has(file)) return;
    queued.add(file);
    queue.push(file);
  };
  const resolved = new Map<string, Resolution>();
  const memoInput: RelevanceInput = {
    ...input,
    resolve: (from, spec) => {
      const key = `${from}\0${spec}`;
      let r = resolved.get(key);
      if (!r) {
        r = input.resolve(from, spec);
        resolved.set(key, r);
      }
      return r;
    },
  };
  for (let head = 0, guard = 0; head < queue.length && guard < 1_000_000; guard++) {
    const file = queue[head++]!;
    queued.delete(file);
    const before = exportsOf.get(file);
    const suppliers = new Set<string>();
    const calling = { exported: new Set<string>(), local: new Set<string>() };
    const tainted = taintedExports(file, memoInput, exportsOf, suppliers, seedFiles, callingExportsOf, calling);
    // Files whose values flow into queue code here (`manager.register(createAlpha())`): their
    // functions may be called back by it (a workload's `process({ trigger })`), so their calls
    // count. They export nothing tied to queue code themselves.
    for (const supplier of suppliers) if (!relevant.has(supplier)) push(supplier);
    if (calling.local.size > 0) callingOnly.set(file, calling.local);
    else callingOnly.delete(file);
    // Relevant importers of calling-only names learn that theirs only call too.
    if ((callingExportsOf.get(file)?.size ?? 0) !== calling.exported.size) {
      callingExportsOf.set(file, calling.exported);
      // So do decorated importers: a Nest module listing a calling-only provider, or a provider
      // calling it, is read by the framework, and the module graph is read from relevant files.
      for (const importer of input.graph.importersOf(file)) {
        if (!importsAny(importer.record.names, calling.exported)) continue;
        if (exportsOf.has(importer.file) || DECORATOR.test(input.text?.(importer.file) ?? '')) push(importer.file);
      }
    }
    if (before && before.size === tainted.size) continue;
    exportsOf.set(file, tainted);
    if (tainted.size === 0) continue;
    for (const importer of input.graph.importersOf(file)) {
      if (!importsAny(importer.record.names, tainted)) continue;
      if (!relevant.has(importer.file) || exportsOf.has(importer.file)) push(importer.file);
    }
  }
  const callsOutside = (file: string, names: readonly string[]): boolean => !relevant.has(file) || names.length === 0 || names.some((n) => callingOnly.get(file)?.has(n));
  return { files: input.sources.filter((f) => relevant.has(f)), seeds, exports: exportsOf, callsOutside };
}

function importsAny(names: readonly string[], tainted: ReadonlySet<string>): boolean {
  if (tainted.size === 0) return false;
  for (const n of names) if (n === '*' || tainted.has(n) || tainted.has('*')) return true;
  return false;
}

/** How a binding is tied to queue code: it only calls it (and drops the result), or it can hand queue code on. */
const CALLS = 1;
const ESCAPES = 2;
type Level = typeof CALLS | typeof ESCAPES;

/**
 * The names `file` exports that are tied to queue code, given what is known of its imports; and,
 * into `suppliers`, the files whose values this file hands to queue code. Names that only call
 * queue code are not exported as tied to it.
 */
function taintedExports(
  file: string,
  input: RelevanceInput,
  exportsOf: ReadonlyMap<string, Set<string>>,
  suppliers: Set<string>,
  seedFiles: ReadonlySet<string>,
  callingExportsOf: ReadonlyMap<string, Set<string>>,
  calling: { exported: Set<string>; local: Set<string> },
): Set<string> {
  const sf = input.sourceFile(file);
  const out = new Set<string>();
  if (!sf) return out;
  const taintOfModule = (spec: string): Set<string> | 'library' | undefined => {
    if (isQueueSpec(spec, input.declaredModules)) return 'library';
    const r = input.resolve(file, spec);
    return r.kind === 'file' ? exportsOf.get(r.file) : undefined;
  };
  const importTainted = (spec: string, name: string): boolean => {
    const t = taintOfModule(spec);
    if (t === 'library') return true;
    if (!t || t.size === 0) return false;
    return name === '*' || t.has(name) || t.has('*');
  };
  const importCalls = (spec: string, name: string): boolean => {
    if (isQueueSpec(spec, input.declaredModules)) return false;
    const r = input.resolve(file, spec);
    const c = r.kind === 'file' ? callingExportsOf.get(r.file) : undefined;
    return !!c && c.size > 0 && (name === '*' || c.has(name) || c.has('*'));
  };

  // Top-level bindings tied to queue code: tainted imports, then declarations referring to them.
  const tainted = new Map<string, Level>();
  const imports = new Map<string, string>();
  for (const [name, decl] of declarationsOf(sf)) {
    if (decl.kind !== 'import') continue;
    imports.set(name, decl.spec);
    if (importTainted(decl.spec, decl.name)) tainted.set(name, ESCAPES);
    else if (!decl.typeOnly && importCalls(decl.spec, decl.name)) tainted.set(name, CALLS);
  }
  const units = topLevelUnits(sf);
  let changed = true;
  while (changed) {
    changed = false;
    for (const unit of units) {
      if (unit.names.every((n) => tainted.get(n) === ESCAPES)) continue;
      const level = taintLevel(unit.node, tainted, importTainted);
      if (level === undefined) continue;
      for (const n of unit.names) if ((tainted.get(n) ?? 0) < level) {
        tainted.set(n, level);
        changed = true;
      }
      if (unit.names.length === 0) unit.names.push('\0module');
    }
  }

  if (tainted.size > 0) {
    // Values handed to code that makes queues or workers itself (a workload registry that
    // starts a Worker per entry and calls back `workload.process`): code in a file that imports
    // the library, or a binding imported from one. A generic CRUD router that a tainted service
    // is passed to is not that, and its hundreds of arguments are not read.
    const isSeed = seedFiles.has(file);
    const nearQueue = (name: string): boolean => {
      const spec = imports.get(name);
      if (spec === undefined) return isSeed;
      if (isQueueSpec(spec, input.declaredModules)) return true;
      const r = input.resolve(file, spec);
      return r.kind === 'file' && seedFiles.has(r.file);
    };
    for (const spec of suppliedImports(sf, units, tainted, isSeed, nearQueue)) {
      if (isQueueSpec(spec, input.declaredModules)) continue;
      const r = input.resolve(file, spec);
      if (r.kind === 'file') suppliers.add(r.file);
    }
  }

  for (const [name, level] of tainted) if (level === CALLS && !imports.has(name)) calling.local.add(name);
  const exported = (name: string, level: Level | undefined): void => {
    if (level === ESCAPES) out.add(name);
    else if (level === CALLS) calling.exported.add(name);
  };
  const table = exportTable(sf);
  for (const [name, entry] of table.named) {
    switch (entry.kind) {
      case 'local':
        exported(name, tainted.get(entry.name));
        break;
      case 'reexport':
        exported(name, importTainted(entry.spec, entry.name) ? ESCAPES : importCalls(entry.spec, entry.name) ? CALLS : undefined);
        break;
      case 'namespace':
        exported(name, importTainted(entry.spec, '*') ? ESCAPES : importCalls(entry.spec, '*') ? CALLS : undefined);
        break;
      case 'expression':
      case 'declaration':
        exported(name, taintLevel(entry.node, tainted, importTainted));
        break;
    }
  }
  for (const spec of table.stars) {
    const t = taintOfModule(spec);
    if (t === 'library') out.add('*');
    else if (t) for (const n of t) out.add(n);
    if (t !== 'library') {
      const r = input.resolve(file, spec);
      for (const n of (r.kind === 'file' ? callingExportsOf.get(r.file) : undefined) ?? []) calling.exported.add(n);
    }
  }
  if (table.moduleValue) {
    const level = taintLevel(table.moduleValue, tainted, importTainted);
    if (level === ESCAPES) out.add('*');
    else if (level === CALLS) calling.exported.add('*');
  }
  return out;
}

interface Unit {
  node: ts.Node;
  names: string[];
}

/** Top-level declarations, each with the names it binds. */
function topLevelUnits(sf: ts.SourceFile): Unit[] {
  const units: Unit[] = [];
  for (const s of sf.statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) units.push({ node: d, names: boundNames(d.name) });
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
      units.push({ node: s, names: [s.name.text] });
    } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) {
      units.push({ node: s, names: [s.name.text] });
    }
  }
  return units;
}

function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

interface References {
  /** Each identifier the code mentions, and whether some mention can hand its value on. */
  ids: Map<string, boolean>;
  requires: string[];
}

const referenceCache = new WeakMap<ts.Node, References>();

/**
 * How a node's code is tied to queue code, if at all. A mention of a tainted binding escapes —
 * the node can hand queue code on — unless it is the callee root of a call whose result is
 * dropped (`Queue.addJob(…)`, `await q.add(…)`, `void q.add(…).catch(log)` as a statement): that
 * only calls it. A mention of a calling-only binding only calls, wherever it is. A `require` of
 * a tainted module escapes.
 */
function taintLevel(node: ts.Node, tainted: ReadonlyMap<string, Level>, importTainted: (spec: string, name: string) => boolean): Level | undefined {
  const level = callLevel(node, tainted, importTainted);
  // A class with a class decorator (`@Injectable()`, `@Module(…)`) is read by a framework, not
  // only called: Nest builds it as a provider of the modules that list it, and the module graph
  // is read from the relevant files. Method decorators (a tracing `@CaptureSpan()`) are not that.
  const decorated = (ts.isClassDeclaration(node) || ts.isClassExpression(node)) && (ts.getDecorators(node)?.length ?? 0) > 0;
  return level === CALLS && decorated ? ESCAPES : level;
}

function callLevel(node: ts.Node, tainted: ReadonlyMap<string, Level>, importTainted: (spec: string, name: string) => boolean): Level | undefined {
  const refs = referencesOf(node);
  let level: Level | undefined;
  for (const [id, escapes] of refs.ids) {
    const t = tainted.get(id);
    if (t === undefined) continue;
    if (t === ESCAPES && escapes) return ESCAPES;
    level = CALLS;
  }
  if (refs.requires.some((spec) => importTainted(spec, '*'))) return ESCAPES;
  return level;
}

function referencesOf(node: ts.Node): References {
  let refs = referenceCache.get(node);
  if (refs) return refs;
  const ids = new Map<string, boolean>();
  const requires: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) ids.set(n.text, ids.get(n.text) === true || !isDroppedCallRoot(n));
    else if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteralLike(n.arguments[0]!) && ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword)) {
      requires.push(n.arguments[0].text);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  refs = { ids, requires };
  referenceCache.set(node, refs);
  return refs;
}

/**
 * Whether an identifier is the root of a callee chain (`a.b.c(…)`, `a(…).then(…)`, `(await
 * a.get()).add(…)`) whose final result is dropped: an expression statement, or `void`. Whatever
 * the chain reaches — a queue, a job — stays inside it.
 */
function isDroppedCallRoot(id: ts.Identifier): boolean {
  let node: ts.Node = id;
  let called = false;
  for (;;) {
    const parent = node.parent;
    if (!parent) return false;
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) node = parent;
    else if (ts.isCallExpression(parent) && parent.expression === node) {
      called = true;
      node = parent;
    } else if (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent)) node = parent;
    else if (ts.isVoidExpression(parent)) return called;
    else return called && ts.isExpressionStatement(parent);
  }
}

/**
 * The modules whose imported values are passed to queue code in this file: arguments of calls
 * whose callee is a binding tied to queue code, or of any call inside such a declaration —
 * directly, or through a top-level `const` initialised from the import (one step); and the
 * modules of imported callees handed queue values.
 */
function suppliedImports(sf: ts.SourceFile, units: Unit[], tainted: ReadonlyMap<string, Level>, isSeed: boolean, nearQueue: (name: string) => boolean): string[] {
  const summary = callSummary(sf, units);
  // Inside a tainted declaration every call counts only in a file next to the library.
  const taintedUnits = new Set(isSeed ? units.filter((u) => u.names.some((n) => tainted.has(n))).map((u) => u.node) : []);
  const out = new Set<string>();
  for (const c of summary) {
    if ((c.unit && taintedUnits.has(c.unit)) || (c.root !== undefined && tainted.has(c.root) && nearQueue(c.root))) for (const spec of c.argImports) out.add(spec);
    if (c.calleeImport !== undefined && c.argNames.some((n) => tainted.has(n))) out.add(c.calleeImport);
  }
  return [...out];
}

interface CallSummary {
  /** The callee's root identifier (`a` of `a.b.c()`). */
  root?: string;
  /** The top-level declaration the call sits in. */
  unit?: ts.Node;
  /** Modules imported by names the arguments mention (directly or through a local const). */
  argImports: string[];
  /** Every identifier the arguments mention. */
  argNames: string[];
  /** The module of the callee's root, when it is an import. */
  calleeImport?: string;
}

const summaries = new WeakMap<ts.SourceFile, CallSummary[]>();

/** Each call with arguments in the file, read once (the fixpoint asks again as taint grows). */
function callSummary(sf: ts.SourceFile, units: Unit[]): CallSummary[] {
  const cached = summaries.get(sf);
  if (cached) return cached;
  const imports = new Map<string, string>();
  for (const [name, decl] of declarationsOf(sf)) if (decl.kind === 'import' && !decl.typeOnly) imports.set(name, decl.spec);
  const locals = new Map<string, ts.Node>();
  for (const u of units) if (ts.isVariableDeclaration(u.node) && u.node.initializer) for (const n of u.names) locals.set(n, u.node.initializer);
  const unitOf = new Map<ts.Node, ts.Node>(units.map((u) => [u.node, u.node]));
  const rootOf = (e: ts.Expression): string | undefined => {
    let x: ts.Expression = e;
    while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x) || ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
    return ts.isIdentifier(x) ? x.text : undefined;
  };
  const out: CallSummary[] = [];
  const visit = (n: ts.Node, unit: ts.Node | undefined): void => {
    const here = unit ?? unitOf.get(n);
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments && n.arguments.length > 0) {
      const names = new Set<string>();
      const specs = new Set<string>();
      const collect = (x: ts.Node, hop: number): void => {
        if (ts.isIdentifier(x)) {
          names.add(x.text);
          const spec = imports.get(x.text);
          if (spec !== undefined) specs.add(spec);
          else if (hop === 0) {
            const init = locals.get(x.text);
            if (init) collect(init, 1);
          }
          return;
        }
        ts.forEachChild(x, (c) => collect(c, hop));
      };
      for (const a of n.arguments) collect(a, 0);
      const root = rootOf(n.expression);
      out.push({ ...(root !== undefined ? { root } : {}), ...(here ? { unit: here } : {}), argImports: [...specs], argNames: [...names], ...(root !== undefined && imports.has(root) ? { calleeImport: imports.get(root)! } : {}) });
    }
    ts.forEachChild(n, (c) => visit(c, here));
  };
  visit(sf, undefined);
  summaries.set(sf, out);
  return out;
}
