import path from 'node:path';
import { ts } from 'ts-morph';
import type { WorkspacePackage } from '../discovery/packages.js';
import { Binder } from './bindings.js';
import { AnalysisContext } from './context.js';
import { DETECTORS } from './detectors/index.js';
import type { Detector } from './detectors/types.js';
import { Evaluator } from './evaluate.js';
import type { Fact } from './facts.js';
import { ModuleResolver } from './module-resolver.js';
import { type SkipReporter, SourceStore } from './source-store.js';

export interface ExtractOptions {
  root: string;
  /** Repo-relative source files, as discovered. */
  files: string[];
  packages: WorkspacePackage[];
  /** Extra text markers (configured wrapper names) that make a file worth parsing. */
  extraMarkers?: string[];
  onSkip: SkipReporter;
}

export interface Extraction {
  facts: Fact[];
  ctx: AnalysisContext;
  /** Repo-relative files that were parsed and scanned by the detectors. */
  scanned: string[];
}

/** A file that mentions none of these cannot import a queue API directly. */
const LIBRARY_PATTERN = /bullmq|@nestjs\/bull|['"]bull['"]/;
const MAX_ROUNDS = 4;

/**
 * Runs the detectors over the files that can matter, cheapest test first: a text prefilter on the
 * queue libraries (no parse), then rounds that add files mentioning a name exported by an already
 * relevant file (a shared `emailQueue`, a wrapper) — the cost follows the queue code, not the repo.
 */
export function extractFacts(options: ExtractOptions): Extraction {
  const store = new SourceStore(options.root, options.onSkip);
  const resolver = new ModuleResolver(options.root, options.packages);
  const binder = new Binder(store, resolver);
  const ctx = new AnalysisContext(options.root, store, resolver, binder, new Evaluator(binder));
  const byKind = indexDetectors(DETECTORS);

  const facts: Fact[] = [];
  const scanned = new Set<string>();
  const extra = options.extraMarkers?.length ? new RegExp(options.extraMarkers.map(escapeRegExp).join('|')) : undefined;
  let round = options.files.filter((rel) => {
    const text = store.text(path.join(options.root, rel));
    return text !== null && (LIBRARY_PATTERN.test(text) || (extra?.test(text) ?? false));
  });

  for (let i = 0; i < MAX_ROUNDS && round.length > 0; i++) {
    const exportedNames = new Set<string>();
    for (const rel of round) {
      scanned.add(rel);
      const sf = store.get(path.join(options.root, rel));
      if (!sf) continue;
      runDetectors(sf, ctx, byKind, (fact) => facts.push(fact));
      for (const name of exportedQueueNames(sf)) exportedNames.add(name);
    }
    if (exportedNames.size === 0) break;
    const pattern = new RegExp(`\\b(${[...exportedNames].map(escapeRegExp).join('|')})\\b`);
    round = options.files.filter((rel) => {
      if (scanned.has(rel)) return false;
      const text = store.text(path.join(options.root, rel));
      return text !== null && pattern.test(text);
    });
  }
  return { facts, ctx, scanned: [...scanned].sort() };
}

function runDetectors(sf: ts.SourceFile, ctx: AnalysisContext, byKind: Map<ts.SyntaxKind, Detector[]>, emit: (f: Fact) => void): void {
  const visit = (node: ts.Node): void => {
    const detectors = byKind.get(node.kind);
    if (detectors) for (const detector of detectors) detector.detect(node, ctx, emit);
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

function indexDetectors(detectors: Detector[]): Map<ts.SyntaxKind, Detector[]> {
  const map = new Map<ts.SyntaxKind, Detector[]>();
  for (const d of detectors) for (const k of d.kinds) map.set(k, [...(map.get(k) ?? []), d]);
  return map;
}

/**
 * Names a queue-touching file exports whose users may produce or consume without importing a
 * queue library themselves: queue instances, wrapper functions and classes. Other files are
 * scanned only if they mention one of these names.
 */
function exportedQueueNames(sf: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of sf.statements) {
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isVariableStatement(statement) && exported) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && exported && statement.name) {
      names.push(statement.name.text);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const el of statement.exportClause.elements) names.push(el.name.text);
    }
  }
  return names.filter((n) => n.length > 2);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
