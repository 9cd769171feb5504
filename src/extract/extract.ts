import { ts } from '../util/typescript.js';
import type { WorkspacePackage } from '../discovery/packages.js';
import { Binder } from './bindings.js';
import { AnalysisContext } from './context.js';
import { mergeBullProcessGroups } from './detectors/bull-process.js';
import { declaredWrapperDetector } from './detectors/declared-wrappers.js';
import { DETECTORS } from './detectors/index.js';
import type { WrapperDeclaration } from '../config/types.js';
import type { Detector } from './detectors/types.js';
import { Evaluator } from './evaluate.js';
import type { Fact } from './facts.js';
import { ModuleResolver } from './module-resolver.js';
import type { ReadAhead } from '../sources/read-ahead.js';
import { type SkipReporter, SourceStore } from '../sources/source-store.js';
import { BULL_MODULES, BULLMQ_MODULES } from './libraries.js';
import { resolveQueueHandle } from './queue-binding.js';
import { joinListed } from '../util/paths.js';

export interface ExtractOptions {
  root: string;
  /** Repo-relative source files, as discovered. */
  files: string[];
  packages: WorkspacePackage[];
  /** In-house wrappers declared in the config (`workers`): detected by name and module. */
  wrappers?: WrapperDeclaration[];
  onSkip: SkipReporter;
  /** Record size and mtime of every file read (for the CLI's result cache). */
  recordStats?: boolean;
  /** Files already read on a worker thread (see read-ahead.ts). */
  readAhead?: ReadAhead;
}

export interface Extraction {
  facts: Fact[];
  ctx: AnalysisContext;
  /** Repo-relative files containing a `job-owners-ignore` directive (found in the same read). */
  directiveFiles: string[];
}

/** A file that mentions none of these cannot import a queue API directly. */
const LIBRARY_PATTERN = /bullmq|@nestjs\/bull|['"]bull['"]/;
/** Byte-level pre-test for LIBRARY_PATTERN (every match contains one of these). */
const LIBRARY_MARKERS = ['bullmq', '@nestjs/bull', "'bull'", '"bull"'];
/**
 * Rounds of "files mentioning an exported queue instance or Worker/Queue subclass". Each round
 * follows one more level of re-export; four covers lib → re-exporting index → app barrel → use.
 * Wrapper *functions* need no round: their call sites are searched by name (wrappers.ts).
 */
const MAX_ROUNDS = 4;

/**
 * Runs the detectors over the files that can matter, cheapest test first: a text prefilter on the
 * queue libraries (no parse), then rounds that add files mentioning a name exported by an already
 * relevant file (a shared `emailQueue`, a wrapper) — the cost follows the queue code, not the repo.
 */
export function extractFacts(options: ExtractOptions): Extraction {
  const store = new SourceStore(options.root, options.onSkip, options.recordStats);
  if (options.readAhead) store.prime(options.readAhead);
  const resolver = new ModuleResolver(options.root, options.packages);
  const binder = new Binder(store, resolver);
  const ctx = new AnalysisContext(options.root, store, resolver, binder, new Evaluator(binder));
  const wrappers = options.wrappers ?? [];
  const byKind = indexDetectors(wrappers.length > 0 ? [...DETECTORS, declaredWrapperDetector(wrappers)] : DETECTORS);

  const facts: Fact[] = [];
  const scanned = new Set<string>();
  const wrapperNames = wrappers.map((w) => w.export);
  const extra = wrappers.length > 0 ? new RegExp(`\\b(${wrappers.map((w) => escapeRegExp(w.export)).join('|')})\\b`) : undefined;
  const directiveFiles: string[] = [];
  let round = options.files.filter((rel) => {
    const abs = joinListed(options.root, rel);
    if (store.hasMarker(abs, 'job-owners-ignore')) directiveFiles.push(rel);
    // Every library marker contains "bull": one scan rules out most files.
    if (store.hasMarker(abs, 'bull') && store.includes(abs, LIBRARY_MARKERS)) return store.text(abs) !== null && LIBRARY_PATTERN.test(store.text(abs)!);
    if (!extra || !store.includes(abs, wrapperNames)) return false;
    const text = store.text(abs);
    return text !== null && extra.test(text);
  });

  for (let i = 0; i < MAX_ROUNDS && round.length > 0; i++) {
    const exportedNames = new Set<string>();
    for (const rel of round) {
      scanned.add(rel);
      const sf = store.get(joinListed(options.root, rel));
      if (!sf) continue;
      // A detector bug on one odd file must not sink the whole run: that file is reported as
      // skipped (with the reason), its facts are dropped, everything else is analysed.
      const found: Fact[] = [];
      try {
        runDetectors(sf, ctx, byKind, (fact) => found.push(fact));
        for (const name of exportedQueueNames(sf, ctx)) exportedNames.add(name);
        facts.push(...found);
      } catch (error) {
        options.onSkip(rel, `internal error while analysing (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); please report it`);
      }
    }
    if (exportedNames.size === 0) break;
    const names = [...exportedNames];
    const pattern = new RegExp(`\\b(${names.map(escapeRegExp).join('|')})\\b`);
    round = options.files.filter((rel) => {
      if (scanned.has(rel)) return false;
      const abs = joinListed(options.root, rel);
      if (!store.includes(abs, names)) return false;
      const text = store.text(abs);
      return text !== null && pattern.test(text);
    });
  }
  return { facts: mergeBullProcessGroups(facts), ctx, directiveFiles };
}

function runDetectors(sf: ts.SourceFile, ctx: AnalysisContext, byKind: Map<ts.SyntaxKind, Detector[]>, emit: (f: Fact) => void): void {
  const visit = (node: ts.Node): void => {
    const detectors = byKind.get(node.kind);
    if (detectors) {
      // Remember the function a fact sits in: code in a library function runs where it is called.
      const withScope = (fact: Fact): void => emit({ ...fact, enclosing: enclosingFunction(node) });
      for (const detector of detectors) detector.detect(node, ctx, withScope);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** The innermost function, method or constructor around a node (undefined at module level). */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n)) return n;
  }
  return undefined;
}

function indexDetectors(detectors: Detector[]): Map<ts.SyntaxKind, Detector[]> {
  const map = new Map<ts.SyntaxKind, Detector[]>();
  for (const d of detectors) for (const k of d.kinds) map.set(k, [...(map.get(k) ?? []), d]);
  return map;
}

/**
 * Names a queue-touching file exports that other files can produce or consume through without
 * importing a queue library themselves: queue instances (`export const emailQueue = new Queue(…)`)
 * and classes built on the library's `Worker`/`Queue`. Wrapper functions need no entry here: their
 * call sites are searched for by name when a fact depends on their parameters.
 */
function exportedQueueNames(sf: ts.SourceFile, ctx: AnalysisContext): string[] {
  const names: string[] = [];
  for (const statement of sf.statements) {
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isVariableStatement(statement) && exported) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (resolveQueueHandle(d.initializer, ctx) || returnsQueue(d.initializer, ctx))) names.push(d.name.text);
      }
    } else if (ts.isFunctionDeclaration(statement) && exported && statement.name && returnsQueue(statement, ctx)) {
      names.push(statement.name.text);
    } else if (ts.isClassDeclaration(statement) && exported && statement.name && extendsQueueApi(statement, ctx)) {
      names.push(statement.name.text);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const el of statement.exportClause.elements) {
        const local = ctx.binder.resolveExport(sf, el.name.text);
        if (local?.kind === 'declaration' && ts.isVariableDeclaration(local.node) && local.node.initializer && resolveQueueHandle(local.node.initializer, ctx)) names.push(el.name.text);
      }
    }
  }
  return names;
}

/** A queue factory or memoised getter: `export const taskQueue = () => createQueue('tasks')`. */
function returnsQueue(node: ts.Node, ctx: AnalysisContext): boolean {
  const fn = ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? node : undefined;
  if (!fn?.body) return false;
  if (!ts.isBlock(fn.body)) return !!resolveQueueHandle(fn.body, ctx);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isReturnStatement(n) && n.expression) found = !!resolveQueueHandle(n.expression, ctx);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return found;
}

function extendsQueueApi(cls: ts.ClassDeclaration, ctx: AnalysisContext): boolean {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const origin = base && ctx.originOf(base);
  return !!origin && (BULLMQ_MODULES.has(origin.module) || BULL_MODULES.has(origin.module));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
