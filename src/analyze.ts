import path from 'node:path';
import type { AnalysisEvidence, OutsideDependencies } from './cache/evidence.js';
import { EMPTY_CONFIG, type ResolvedConfig } from './config/types.js';
import { runDetectors } from './detectors/index.js';
import { findRelevantFiles, type Relevance } from './detectors/relevance.js';
import { type FileListing, listFiles } from './discovery/list-files.js';
import { discoverPackages, type WorkspacePackage } from './discovery/packages.js';
import { applyConfiguredProcesses, discoverProcesses, type Process, readRepoText } from './discovery/processes/index.js';
import { ERROR_CODES, UsageError } from './errors/job-owners-error.js';
import { Attributor } from './model/attribute.js';
import { buildModel } from './model/build-model.js';
import { applyNestPrefixes } from './model/nest-prefixes.js';
import { Reach, type ProcessSpec } from './model/reach.js';
import type { Finding, JobOwnersResult, ServiceInfo, SkippedFile } from './model/result.js';
import { toResult } from './model/to-result.js';
import { createResolution, type RepositoryResolution } from './resolution/index.js';
import { runRules, severityOf } from './rules/index.js';
import { withUnreadableInputs } from './rules/unreadable-inputs.js';
import type { FileStamp } from './sources/file-bytes.js';
import { importFingerprint } from './sources/import-scan.js';
import type { ReadAhead } from './sources/read-ahead.js';
import { SourceStore } from './sources/source-store.js';
import { joinListed, toRelative } from './util/paths.js';
import { skipCollector } from './util/skipped.js';
import { countTiming, type Timings, timed } from './util/timings.js';
import { type WatchedPaths, watchPaths } from './util/watched-paths.js';
import type { CallerSources } from './values/call-sites.js';
import { createEngine } from './values/index.js';

export interface AnalyzeOptions {
  /** Absolute path of the monorepo to analyse; result paths are relative to it. */
  root: string;
  config?: ResolvedConfig;
  /** Per-phase durations are recorded here when given (for --timings). */
  timings?: Timings;
  /** The file listing, when the caller already made it (the CLI does, to key its cache). */
  listing?: FileListing;
  /** Files the caller's listing already skipped (reported in the result). */
  skipped?: SkippedFile[];
  /** Keep size and mtime of every file read, returned as `fileStats` (the CLI's cache key). */
  recordStats?: boolean;
  /** Source files the caller already read on a worker thread (see sources/read-ahead.ts). */
  readAhead?: ReadAhead;
  /**
   * Post-processing of findings before the result is built (suppressions, baseline):
   * returns the findings to keep and how many were suppressed.
   */
  suppress?: (findings: Finding[], context: { readText: (file: string) => string | null; files: string[] }) => { kept: Finding[]; suppressed: number };
}

/** An analysis before suppressions: what the CLI caches. */
export interface RawAnalysis {
  result: JobOwnersResult;
  /** Source files containing an inline directive (so suppression need not read every file). */
  directiveFiles: string[];
  /** Every analysed source file. */
  sources: string[];
  /** rel path → [size, mtimeMs] of every file the analysis read (only with `recordStats`). */
  fileStats?: (rel: string) => FileStamp | undefined;
  /** What the analysis learned from which file (only with `recordStats`): the cache's reuse check. */
  evidence?: AnalysisEvidence;
  /** What it depended on outside the listed files (only with `recordStats`). */
  outside?: OutsideDependencies;
}

/**
 * The whole pipeline: discovery → extraction → model → rules → (suppressions) → result.
 * Pure with respect to the repository: it reads files and never writes.
 */
export function analyze(options: AnalyzeOptions): JobOwnersResult {
  return analyzeRaw(options).result;
}

export function analyzeRaw(options: AnalyzeOptions): RawAnalysis {
  // What the analysis looks at besides the listed files, for the cache (recorded only then).
  const stopWatching = options.recordStats ? watchPaths() : undefined;
  try {
    return analyzeWatched(options, stopWatching);
  } finally {
    stopWatching?.();
  }
}

function analyzeWatched(options: AnalyzeOptions, stopWatching: (() => WatchedPaths) | undefined): RawAnalysis {
  const root = path.resolve(options.root);
  const config = options.config ?? EMPTY_CONFIG;
  const timings = options.timings;
  const { skipped, onSkip } = skipCollector(options.skipped);

  // discovery → sources → resolution → values → detectors → model → rules (README "Development")
  const listing = options.listing ?? timed(timings, 'discover', () => listFiles(root, { include: config.include, exclude: config.exclude, onSkip }));
  const workspace = timed(timings, 'discover', () => discoverPackages(root, listing.manifests, onSkip));
  // Services are deployed processes (SPEC §3): found from what deploys the code, then config.
  const processes = timed(timings, 'discover', () => deployedProcesses(root, workspace, listing, config));
  const packages = workspace;
  const store = new SourceStore(root, onSkip, options.recordStats);
  if (options.readAhead) store.prime(options.readAhead);
  const sources = listing.sources.map((rel) => joinListed(root, rel));
  const resolution = timed(timings, 'resolve', () =>
    createResolution({ root, sources: listing.sources, others: [...listing.manifests, ...listing.configs], packages, recordsOf: (abs) => store.importRecords(abs) }),
  );
  const declaredModules = new Set((config.workers ?? []).map((w) => w.module));
  const relevance = timed(timings, 'relevance', () =>
    findRelevantFiles({ sources, recordsOf: (abs) => store.importRecords(abs), graph: resolution.graph, sourceFile: (abs) => store.get(abs) ?? undefined, resolve: (f, s) => resolution.resolver.resolve(f, s), declaredModules, text: (abs) => store.text(abs) }),
  );
  const engine = createEngine({ root, store, resolution, packages, callFiles: () => relevance.files, callers: callerSources(store, resolution, relevance) });
  const extraction = timed(timings, 'extract', () => runDetectors({ root, files: relevance.files, engine, resolver: resolution.resolver, store, wrappers: config.workers, onSkip, importersOf: (abs) => resolution.graph.importersOf(abs), isEntry: entryFiles(root, processes, workspace) }));
  countTiming(timings, 'listed', sources.length);
  countTiming(timings, 'relevant', relevance.files.length);
  countTiming(timings, 'seeds', relevance.seeds);
  countTiming(timings, 'callers', engine.callSites.added.length);
  countTiming(timings, 'parsed', store.parsedCount);

  const packageRoots = packages.map((p) => p.root).sort((a, b) => b.length - a.length);
  const packageRootOf = (rel: string): string | undefined => packageRoots.find((r) => r === '.' || rel === r || rel.startsWith(`${r}/`));
  const lineOf = (rel: string, offset: number): number => {
    const text = store.text(joinListed(root, rel), 'imports');
    if (text === null) return 1;
    let line = 1;
    const bytes = Buffer.from(text, 'utf8');
    for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
    return line;
  };
  const reach = new Reach(root, processes.map(toSpec), resolution.graph, packageRootOf, lineOf);
  const attributor = new Attributor(reach, extraction.apps);
  const facts = applyNestPrefixes(extraction.facts, extraction.apps);
  const model = timed(timings, 'model', () => buildModel(facts, (fact) => attributor.attribute(fact)));
  const serviceNames = processes.map((p) => p.name);
  const ruleContext = {
    config,
    deadProcessors: attributor.dead,
    unreached: attributor.unreached,
    unresolvedSites: [...extraction.unresolved, ...extraction.apps.flatMap((a) => a.unresolved)],
    serviceNames,
  };
  let findings = withUnreadableInputs(timed(timings, 'rules', () => runRules(model, ruleContext)), skipped, severityOf('unreadable-input', config));
  let suppressed = 0;
  if (options.suppress) {
    const readText = (file: string): string | null => store.text(path.join(root, file));
    const out = options.suppress(findings, { readText, files: listing.sources });
    findings = out.kept;
    suppressed = out.suppressed;
  }
  const services = processes.map((p) => serviceInfo(p, packages));
  const result = toResult({ model, services, findings, skipped, suppressed });
  const directiveFiles = listing.sources.filter((rel) => store.hasMarker(joinListed(root, rel), 'job-owners-ignore'));
  const raw: RawAnalysis = { result, directiveFiles, sources: listing.sources };
  if (options.recordStats) {
    const rel = (abs: string): string => toRelative(root, abs);
    // A lookup, not a second map: at 20,000 files a copy keyed by relative path cost ~5 MB of peak.
    raw.fileStats = (file) => store.stats.get(joinListed(root, file));
    const imports: Record<string, string> = {};
    for (let i = 0; i < sources.length; i++) if (!store.decoded.has(sources[i]!)) imports[listing.sources[i]!] = importFingerprint(store.importRecords(sources[i]!));
    raw.evidence = {
      decoded: [...store.decoded].map(rel).sort(),
      markers: Object.fromEntries([...store.nonZeroMarkerBits()].map(([abs, bits]) => [rel(abs), bits])),
      imports,
    };
    raw.outside = outsideListing(root, listing, store.stats, stopWatching!());
  }
  return raw;
}

/**
 * Callers of queue code outside the relevant files (a service method that only calls a queue
 * wrapper does not make its hundreds of importers relevant): the import graph, and the text of
 * each importer asked about — read in full, so the cache counts it as read.
 */
function callerSources(store: SourceStore, resolution: RepositoryResolution, relevance: Relevance): CallerSources {
  return {
    callsOutside: (file, names) => relevance.callsOutside(file, names),
    importersOf: (file) => resolution.graph.importersOf(file),
    mentions(file, names) {
      const text = store.text(file);
      return text !== null && names.some((n) => text.includes(n));
    },
  };
}

/**
 * The deployed processes (discovery/processes), with the config's `services` applied. A config
 * entry that is not an analysed source file is bad input: exit 2 with the key.
 */
function deployedProcesses(root: string, packages: WorkspacePackage[], listing: FileListing, config: ResolvedConfig): Process[] {
  const files = [...listing.sources, ...listing.manifests, ...listing.configs];
  const discovered = discoverProcesses({ root, packages, files, readText: readRepoText(root) });
  const configured = applyConfiguredProcesses(discovered, config.services, listing.sources);
  if (configured.errors.length > 0) throw new UsageError(ERROR_CODES.CONFIG_INVALID, `Invalid config${config.filepath ? ` ${config.filepath}` : ''}:\n${configured.errors.map((e) => `  ${e}`).join('\n')}`);
  return configured.processes;
}

/**
 * Files whose exports the world outside the repository may call: process entries (a serverless
 * handler, a functions-framework target) and packages' `main`/`module`/`source` files.
 */
function entryFiles(root: string, processes: readonly Process[], packages: readonly WorkspacePackage[]): (abs: string) => boolean {
  const set = new Set<string>();
  for (const p of processes) for (const e of p.entries ?? (p.entry ? [p.entry] : [])) set.add(joinListed(root, e));
  for (const pkg of packages) {
    for (const field of [pkg.manifest?.main, pkg.manifest?.module, pkg.manifest?.source]) {
      if (typeof field !== 'string') continue;
      const base = joinListed(root, path.posix.join(pkg.root, field)).replace(/\.[cm]?[jt]sx?$/, '');
      for (const ext of ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts', '.cts']) set.add(base + ext);
      for (const ext of ['.ts', '.js']) set.add(`${base}/index${ext}`);
    }
  }
  return (abs) => set.has(abs);
}

/** Reachability starts from a process's entry files, or — without one — its whole package. */
function toSpec(p: Process): ProcessSpec {
  const entries = p.entries ?? (p.entry ? [p.entry] : undefined);
  return { name: p.name, root: p.package, ...(entries ? { entries } : {}), ...(p.globs ? { globs: p.globs } : {}) };
}

function serviceInfo(p: Process, packages: WorkspacePackage[]): ServiceInfo {
  const pkg = packages.find((x) => x.root === p.package);
  return {
    name: p.name,
    root: p.package,
    source: p.source === 'config' ? 'config' : pkg?.source ?? 'root',
    kind: 'service',
    ...(p.entry ? { entry: p.entry } : {}),
    deployedBy: p.source,
    ...(p.foundAt.length ? { foundAt: p.foundAt } : {}),
  };
}

/**
 * Files the analysis read or found and folders where it missed a file, outside the listing: a
 * gitignored generated file an import resolved to, a file reached through a symlinked folder,
 * a tsconfig's parent, `dist/` before a build. The cache watches them (cache/result-cache.ts).
 */
function outsideListing(root: string, listing: FileListing, read: Map<string, FileStamp>, watched: WatchedPaths): OutsideDependencies {
  const listed = new Set([...listing.sources, ...listing.manifests, ...listing.configs].map((rel) => joinListed(root, rel)));
  const files: OutsideDependencies['files'] = {};
  // Stamps from the moment the file was read or probed (never after the run).
  for (const [file, stamp] of [...watched.files, ...read]) if (!listed.has(file)) files[file] = stamp;
  return { files, folders: Object.fromEntries(watched.folders), absent: [...watched.absent].sort() };
}
