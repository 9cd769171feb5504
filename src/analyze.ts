import path from 'node:path';
import type { AnalysisEvidence, OutsideDependencies } from './cache/evidence.js';
import { EMPTY_CONFIG, type ResolvedConfig } from './config/types.js';
import { applyConfigServices } from './discovery/config-services.js';
import { type FileListing, listFiles } from './discovery/list-files.js';
import { discoverPackages } from './discovery/packages.js';
import { classifyPackages, toServiceInfo } from './discovery/services.js';
import { extractFacts } from './extract/extract.js';
import type { FileStamp } from './extract/file-bytes.js';
import type { ReadAhead } from './extract/read-ahead.js';
import { Attributor } from './model/attribute.js';
import { buildModel } from './model/build-model.js';
import type { Finding, JobOwnersResult, SkippedFile } from './model/result.js';
import { toResult } from './model/to-result.js';
import { runRules, severityOf } from './rules/index.js';
import { withUnreadableInputs } from './rules/unreadable-inputs.js';
import { joinListed, toRelative } from './util/paths.js';
import { type WatchedPaths, watchPaths } from './util/watched-paths.js';
import { skipCollector } from './util/skipped.js';
import { type Timings, timed } from './util/timings.js';

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
  /** Source files the caller already read on a worker thread (see extract/read-ahead.ts). */
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

  const listing = options.listing ?? timed(timings, 'discover', () => listFiles(root, { include: config.include, exclude: config.exclude, onSkip }));
  const packages = timed(timings, 'discover', () => applyConfigServices(classifyPackages(discoverPackages(root, listing.manifests, onSkip)), config.services));
  const extraction = timed(timings, 'extract', () =>
    extractFacts({ root, files: listing.sources, packages, onSkip, wrappers: config.workers, recordStats: options.recordStats, readAhead: options.readAhead }),
  );
  const attributor = timed(timings, 'attribute', () => new Attributor(root, packages, config, extraction, listing.sources));
  const model = timed(timings, 'model', () => buildModel(attributor.instantiate(extraction.facts), (fact) => attributor.attribute(fact)));
  const ruleContext = {
    config,
    deadProcessors: attributor.deadProcessors(),
    serviceNames: packages.filter((p) => p.kind === 'service').map((p) => p.name),
  };
  let findings = withUnreadableInputs(timed(timings, 'rules', () => runRules(model, ruleContext)), skipped, severityOf('unreadable-input', config));
  let suppressed = 0;
  if (options.suppress) {
    const readText = (file: string): string | null => extraction.ctx.store.text(path.join(root, file));
    const out = options.suppress(findings, { readText, files: listing.sources });
    findings = out.kept;
    suppressed = out.suppressed;
  }
  const usedPackages = attributor.usedPackageNames();
  const services = packages.filter((p) => p.kind === 'service' || usedPackages.has(p.name)).map(toServiceInfo);
  const result = toResult({ model, services, findings, skipped, suppressed });
  const store = extraction.ctx.store;
  const raw: RawAnalysis = { result, directiveFiles: extraction.directiveFiles, sources: listing.sources };
  if (options.recordStats) {
    const rel = (abs: string): string => toRelative(root, abs);
    // A lookup, not a second map: at 20,000 files a copy keyed by relative path cost ~5 MB of peak.
    raw.fileStats = (file) => store.stats.get(joinListed(root, file));
    raw.evidence = {
      decoded: [...store.decoded].map(rel).sort(),
      matched: [...store.matched].map(rel).sort(),
      needles: [...store.needles].sort(),
      markers: Object.fromEntries([...store.nonZeroMarkerBits()].map(([abs, bits]) => [rel(abs), bits])),
      imports: Object.fromEntries([...store.imports].filter(([abs]) => !store.decoded.has(abs)).map(([abs, fingerprint]) => [rel(abs), fingerprint])),
    };
    raw.outside = outsideListing(root, listing, store.stats, stopWatching!());
  }
  return raw;
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
  return { files, folders: Object.fromEntries(watched.folders) };
}
