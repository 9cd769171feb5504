import type { RawAnalysis } from '../analyze.js';
import { type CompilerCodeCache, loadCompilerWithCodeCache } from '../cache/compiler-code-cache.js';
import { type CachedAnalysis, foundOutside, ResultCache } from '../cache/result-cache.js';
import type { ResolvedConfig } from '../config/types.js';
import { listFiles } from '../discovery/list-files.js';
import { startReadAhead } from '../sources/read-ahead.js';
import { TOOL_VERSION } from '../model/to-result.js';
import { skipCollector } from '../util/skipped.js';
import { type Timings, timed, timedAsync } from '../util/timings.js';
import { joinListed } from '../util/paths.js';

/**
 * Discovery, then the analysis — or the cached analysis when nothing it depends on changed.
 * The analysis modules (and with them ts-morph and the TypeScript compiler, the bulk of start-up)
 * are imported only on a cache miss, so a warm pre-commit run never loads them. On a miss, the
 * source files are read on a worker thread while that import runs, and afterwards on both threads
 * until none is left (sources/read-ahead.ts).
 */
export async function runAnalysis(root: string, config: ResolvedConfig, options: { cache: boolean; timings?: Timings; onPhase?: (text: string) => void }): Promise<RawAnalysis & Pick<CachedAnalysis, 'outsideFound'>> {
  const { skipped, onSkip } = skipCollector();
  const listing = timed(options.timings, 'discover', () => listFiles(root, { include: config.include, exclude: config.exclude, onSkip }));
  const count = listing.sources.length.toLocaleString('en-US');
  options.onPhase?.(`checking the cache (${count} files)`);
  const cache = new ResultCache(root, options.cache);
  const keyFiles = [...listing.sources, ...listing.manifests, ...listing.configs];
  const cached = timed(options.timings, 'cache', () => cache.lookup(keyFiles, config, TOOL_VERSION, skipped, [...listing.manifests, ...listing.configs]));
  if (cached) return cached;
  options.onPhase?.(`analysing ${count} files`);
  const reading = startReadAhead(listing.sources.map((rel) => joinListed(root, rel)));
  let compiler: CompilerCodeCache | undefined;
  const { analyzeRaw } = await timedAsync(options.timings, 'load', () => {
    compiler = loadCompilerWithCodeCache(cache.directory);
    return import('../analyze.js');
  });
  const readAhead = await timedAsync(options.timings, 'read-wait', () => reading.finish());
  const raw = analyzeRaw({ root, config, timings: options.timings, listing, skipped, recordStats: cache.enabled, readAhead });
  timed(options.timings, 'cache', () => {
    cache.save(raw, raw.fileStats);
    compiler?.save();
  });
  return raw.outside ? { ...raw, outsideFound: foundOutside(raw.outside) } : raw;
}
