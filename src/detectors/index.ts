import type { WrapperDeclaration } from '../config/types.js';
import type { SourceStore } from '../sources/source-store.js';
import type { ModuleResolver } from '../resolution/module-resolver.js';
import { ts } from '../util/typescript.js';
import type { Engine } from '../values/index.js';
import { relativePath } from '../values/program.js';
import { lookup, skipOuter } from '../values/scope.js';
import { packageNameOf } from '../resolution/repo-host.js';
import { detectBullProcess, mergeBullProcessGroups } from './bull-process.js';
import { detectDeclaredWrapper } from './declared-wrappers.js';
import type { DetectorContext } from './context.js';
import { Execution } from './execution.js';
import type { ExecPoint, Fact, NestApp, UnresolvedSite } from './facts.js';
import { detectBootstrap, isBootstrap } from './nest-graph.js';
import { detectNestProcessor, detectProvidedWorker } from './nest-processor.js';
import { detectProducer } from './producers.js';
import { detectQueueConstruction } from './queues.js';
import { passesWorkerClass } from './queue-imports.js';
import { detectWorker } from './workers.js';

export interface Extraction {
  facts: Fact[];
  apps: NestApp[];
  unresolved: UnresolvedSite[];
  /** Repo-relative files the detectors read (the relevant files). */
  analysed: string[];
}

/** Property names whose calls a detector looks at: every other call costs nothing. */
const CALLS = new Set(['add', 'addBulk', 'upsertJobScheduler', 'process', 'create', 'createApplicationContext', 'createMicroservice']);

/**
 * Runs every detector over the relevant files, one traversal per file. Each detector is a small
 * file that asks the value engine what a receiver, a callee or an argument is; what they find
 * is finished data (facts, Nest apps, unresolved sites) for the model.
 */
export function runDetectors(input: {
  root: string;
  files: readonly string[];
  engine: Engine;
  resolver: ModuleResolver;
  store: SourceStore;
  wrappers?: readonly WrapperDeclaration[];
  onSkip: (rel: string, reason: string) => void;
  /** Who imports a file, with the names (for "is this function referenced at all"). */
  importersOf?: (abs: string) => ReadonlyArray<{ record: { names: readonly string[] } }>;
  /** Files whose exports may be called from outside the repository (process and package entries). */
  isEntry?: (abs: string) => boolean;
}): Extraction {
  const { root, engine } = input;
  const facts: Fact[] = [];
  const apps: NestApp[] = [];
  const unresolved: UnresolvedSite[] = [];
  let workerClassPassed: boolean | undefined;
  const dc: DetectorContext = {
    root,
    interp: engine.interp,
    expander: engine.expander,
    resolver: input.resolver,
    execution: new Execution(root, engine.expander, (fn) => isReferenced(fn, input.importersOf, input.isEntry)),
    workerClassPassed: () => (workerClassPassed ??= input.files.some((f) => {
      const sf = input.store.get(f);
      return !!sf && passesWorkerClass(sf);
    })),
    emit: (f) => facts.push(f),
    unresolved: (u) => unresolved.push(u),
    app: (a) => apps.push(a),
  };
  const analysed: string[] = [];
  const bootstraps: ts.CallExpression[] = [];
  for (const file of input.files) {
    const sf = input.store.get(file);
    if (!sf) continue;
    analysed.push(relativePath(root, file));
    const before = { facts: facts.length, apps: apps.length, unresolved: unresolved.length };
    try {
      visitFile(sf, dc, input.wrappers ?? [], bootstraps);
    } catch (error) {
      // A detector bug on one odd file must not sink the run: that file is reported as
      // skipped with the reason, its facts are dropped, everything else is analysed.
      facts.length = before.facts;
      apps.length = before.apps;
      unresolved.length = before.unresolved;
      input.onSkip(relativePath(root, file), `internal error while analysing (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); please report it`);
    }
  }
  runProcessorsWithTheirWorkers(facts);
  // Module graphs last: which provider classes matter is known once every other fact is.
  const providerNames = new Set<string>();
  for (const f of facts) {
    if (f.type === 'consumer' && f.nestClass) providerNames.add(f.nestClass.name);
    collectProviders(f.runs, providerNames, 0);
  }
  const relevant = new Set(input.files);
  for (const call of bootstraps) {
    try {
      detectBootstrap(call, dc, { providerNames, isRelevant: (abs) => relevant.has(abs) });
    } catch (error) {
      input.onSkip(relativePath(root, call.getSourceFile().fileName), `internal error while walking the Nest module graph (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); please report it`);
    }
  }
  return { facts: mergeBullProcessGroups(facts), apps, unresolved, analysed };
}

/**
 * A named processor (`new Worker(q, sendMail)`, through any wrapper) runs where its Worker runs.
 * Its name being imported or referenced says only that the file is loaded — by the API too,
 * when the API imports a logger from the worker's entry — so a producer inside a processor would
 * otherwise count for every process that loads the file. Its direct callers, if any, still count.
 */
function runProcessorsWithTheirWorkers(facts: readonly Fact[]): void {
  const workers = new Map<string, ExecPoint[]>();
  for (const f of facts) {
    if (f.type !== 'consumer') continue;
    for (const id of f.processorFunctions ?? []) workers.set(id, [...(workers.get(id) ?? []), f.runs]);
  }
  if (workers.size === 0) return;
  const seen = new Set<ExecPoint>();
  const visit = (point: ExecPoint, depth: number): void => {
    if (depth > 12 || point.kind !== 'function' || seen.has(point)) return;
    seen.add(point);
    for (const c of point.callers ?? []) visit(c, depth + 1);
    const runs = workers.get(point.id);
    // The worker's own code never runs inside its processor: no cycle through the site itself.
    if (runs) point.callers = [...(point.callers ?? []), ...runs.filter((r) => r !== point)];
  };
  for (const f of facts) visit(f.runs, 0);
}

/** Classes whose liveness decides where a fact runs: every provider on its execution path. */
function collectProviders(point: ExecPoint, out: Set<string>, depth: number): void {
  if (depth > 12) return;
  if (point.kind === 'provider') out.add(point.cls.name);
  else if (point.kind === 'function') for (const c of point.callers ?? []) collectProviders(c, out, depth + 1);
}

function visitFile(sf: ts.SourceFile, dc: DetectorContext, wrappers: readonly WrapperDeclaration[], bootstraps: ts.CallExpression[]): void {
  const wrapperNames = new Set(wrappers.map((w) => w.export));
  const visit = (node: ts.Node): void => {
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && wrapperNames.has(calleeName(node.expression) ?? '')) detectDeclaredWrapper(node, dc, wrappers);
    if (ts.isNewExpression(node)) {
      detectWorker(node, dc);
      detectQueueConstruction(node, dc);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name && CALLS.has(name)) {
        detectProducer(node, dc);
        detectBullProcess(node, dc);
        if (isBootstrap(node, dc)) bootstraps.push(node);
      }
      // Bull's `Queue('name')` without `new`: only a callee imported from `bull` is worth asking about.
      if (importedFrom(callee, BULL)) detectQueueConstruction(node, dc);
    } else if (ts.isClassDeclaration(node)) {
      detectNestProcessor(node, dc);
      detectProvidedWorker(node, dc);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const BULL = new Set(['bull']);

function calleeName(callee: ts.Expression): string | undefined {
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/**
 * Whether a callee's root identifier is bound to an import (or `require`) of one of these
 * packages — a lexical check, with no file parsed. Calls of anything else are never evaluated.
 */
function importedFrom(callee: ts.Expression, packages: ReadonlySet<string>): boolean {
  let root: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return false;
  const decl = lookup(root.text, root);
  if (decl?.kind === 'import') return packages.has(packageNameOf(decl.spec));
  if (decl?.kind === 'var' && decl.decl.initializer) {
    const init = skipOuter(decl.decl.initializer);
    if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteralLike(init.arguments[0])) {
      return packages.has(packageNameOf(init.arguments[0].text));
    }
  }
  return false;
}

const nameCounts = new WeakMap<ts.SourceFile, Map<string, number>>();

/**
 * Whether a top-level function is referenced other than by its declaration: a use of its name
 * in its file (a call the engine did not bind, a callback, a route table), or — exported — an
 * importer that names it (or takes the whole module). Without the import graph: assumed yes.
 */
function isReferenced(fn: ts.Node, importersOf: ((abs: string) => ReadonlyArray<{ record: { names: readonly string[] } }>) | undefined, isEntry: ((abs: string) => boolean) | undefined): boolean {
  const decl = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
  const nameNode = (decl as ts.NamedDeclaration).name;
  if (!nameNode || !ts.isIdentifier(nameNode)) return true;
  const name = nameNode.text;
  const sf = fn.getSourceFile();
  let counts = nameCounts.get(sf);
  if (!counts) {
    counts = new Map();
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) counts!.set(n.text, (counts!.get(n.text) ?? 0) + 1);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    nameCounts.set(sf, counts);
  }
  if ((counts.get(name) ?? 0) > 1) return true;
  const statement = ts.isFunctionDeclaration(fn) ? fn : fn.parent.parent?.parent;
  const exported = !!statement && ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (!exported) return false;
  // An export of an entry is for whoever runs or installs it (a serverless handler, a library's API).
  if (!importersOf || !isEntry || isEntry(sf.fileName)) return true;
  const isDefault = (ts.getModifiers(statement as ts.HasModifiers) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  // A file nothing imports is an entry of its own (or the package is counted whole because its
  // entry is unknown): its exports are its interface. Only an export its importers pass over is dead.
  const importers = importersOf(sf.fileName);
  if (importers.length === 0) return true;
  return importers.some((i) => i.record.names.includes(name) || i.record.names.includes('*') || (isDefault && i.record.names.includes('default')));
}
