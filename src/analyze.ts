import path from 'node:path';
import { EMPTY_CONFIG, type ResolvedConfig } from './config/types.js';
import { applyConfigServices } from './discovery/config-services.js';
import { listFiles } from './discovery/list-files.js';
import { discoverPackages } from './discovery/packages.js';
import { classifyPackages, toServiceInfo } from './discovery/services.js';
import { extractFacts } from './extract/extract.js';
import { Attributor } from './model/attribute.js';
import { buildModel } from './model/build-model.js';
import type { Finding, JobOwnersResult, SkippedFile } from './model/result.js';
import { toResult } from './model/to-result.js';
import { runRules } from './rules/index.js';
import { type Timings, timed } from './util/timings.js';

export interface AnalyzeOptions {
  /** Absolute path of the monorepo to analyse; result paths are relative to it. */
  root: string;
  config?: ResolvedConfig;
  /** Per-phase durations are recorded here when given (for --timings). */
  timings?: Timings;
  /**
   * Post-processing of findings before the result is built (suppressions, baseline):
   * returns the findings to keep and how many were suppressed.
   */
  suppress?: (findings: Finding[], context: { readText: (file: string) => string | null }) => { kept: Finding[]; suppressed: number };
}

/**
 * The whole pipeline: discovery → extraction → model → rules → (suppressions) → result.
 * Pure with respect to the repository: it reads files and never writes.
 */
export function analyze(options: AnalyzeOptions): JobOwnersResult {
  const root = path.resolve(options.root);
  const config = options.config ?? EMPTY_CONFIG;
  const timings = options.timings;
  const skipped: SkippedFile[] = [];
  const onSkip = (file: string, reason: string): void => {
    if (!skipped.some((s) => s.file === file)) skipped.push({ file, reason });
  };

  const listing = timed(timings, 'discover', () => listFiles(root, { include: config.include, exclude: config.exclude, onSkip }));
  const packages = timed(timings, 'discover', () => applyConfigServices(classifyPackages(root, discoverPackages(root, listing.manifests)), config.services));
  const extraction = timed(timings, 'extract', () =>
    extractFacts({ root, files: listing.sources, packages, onSkip, wrappers: config.workers }),
  );
  const attributor = timed(timings, 'attribute', () => new Attributor(root, packages, config, extraction, listing.sources));
  const model = timed(timings, 'model', () => buildModel(attributor.instantiate(extraction.facts), (fact) => attributor.attribute(fact)));
  const ruleContext = {
    config,
    deadProcessors: attributor.deadProcessors(),
    serviceNames: packages.filter((p) => p.kind === 'service').map((p) => p.name),
  };
  let findings = timed(timings, 'rules', () => runRules(model, ruleContext));
  let suppressed = 0;
  if (options.suppress) {
    const readText = (file: string): string | null => extraction.ctx.store.text(path.join(root, file));
    const out = options.suppress(findings, { readText });
    findings = out.kept;
    suppressed = out.suppressed;
  }
  const usedPackages = attributor.usedPackageNames();
  const services = packages.filter((p) => p.kind === 'service' || usedPackages.has(p.name)).map(toServiceInfo);
  return toResult({ model, services, findings, skipped, suppressed });
}
