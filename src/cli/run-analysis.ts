import type { RawAnalysis } from '../analyze.js';
import { ResultCache } from '../cache/result-cache.js';
import type { ResolvedConfig } from '../config/types.js';
import { listFiles } from '../discovery/list-files.js';
import { TOOL_VERSION } from '../model/to-result.js';
import { skipCollector } from '../util/skipped.js';
import { type Timings, timed } from '../util/timings.js';

/**
 * Discovery, then the analysis — or the cached analysis when nothing it depends on changed.
 * The analysis modules (and with them ts-morph and the TypeScript compiler, the bulk of start-up)
 * are imported only on a cache miss, so a warm pre-commit run never loads them.
 */
export async function runAnalysis(root: string, config: ResolvedConfig, options: { cache: boolean; timings?: Timings }): Promise<RawAnalysis> {
  const { skipped, onSkip } = skipCollector();
  const listing = timed(options.timings, 'discover', () => listFiles(root, { include: config.include, exclude: config.exclude, onSkip }));
  const cache = new ResultCache(root, options.cache);
  const keyFiles = [...listing.sources, ...listing.manifests, ...listing.configs];
  const cached = timed(options.timings, 'cache', () => cache.lookup(keyFiles, config, TOOL_VERSION));
  if (cached) return cached;
  const { analyzeRaw } = await import('../analyze.js');
  const raw = analyzeRaw({ root, config, timings: options.timings, listing, skipped, recordStats: cache.enabled });
  timed(options.timings, 'cache', () => cache.save(raw, raw.fileStats));
  return raw;
}
