import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { withFindings } from '../model/to-result.js';
import type { Baseline } from '../suppress/baseline.js';
import { type Timings, timed } from '../util/timings.js';
import { analyzeBase, analyzeIndex, changesConfig, rememberIndexAnalysis, resolveScope, type ScopeOptions } from './changed-scope.js';
import { runAnalysis } from './run-analysis.js';
import { suppress } from './suppressions.js';
import { findingsInScope } from './touched-queues.js';

/**
 * The analysis every command reports on: the work tree (or, for `--staged` with unstaged
 * changes, the index), suppressions and baseline applied, and for a changed-scope run the
 * findings narrowed to the queues the change touched, compared with the base revision.
 */
export async function analyzeInScope(root: string, config: ResolvedConfig, options: ScopeOptions & { cache: boolean }, baseline: Baseline | undefined, timings: Timings | undefined, onPhase: (text: string) => void, baselineName?: string) {
  const { cache } = options;
  onPhase('reading the file list');
  const scope = resolveScope(root, options, config, timings);
  const fromIndex = scope?.currentFromIndex ? await analyzeIndex(root, scope, config, cache, timings, onPhase) : undefined;
  const raw = fromIndex ?? (await runAnalysis(root, config, { cache, timings, onPhase }));
  const readText = (file: string): string | null => {
    if (fromIndex) return fromIndex.texts[file] ?? null;
    try {
      return fs.readFileSync(path.join(root, file), 'utf8');
    } catch {
      return null;
    }
  };
  if (scope && options.staged && !fromIndex) rememberIndexAnalysis(root, scope, config, cache, raw, readText, timings);
  // Only files known to hold a directive are read again (the analysis noted them).
  const outcome = timed(timings, 'suppress', () => suppress(raw.result.findings, readText, config, root, baseline, raw.directiveFiles, baselineName));
  let reported = outcome.kept;
  let accepted = outcome.accepted;
  if (scope) {
    const base = await analyzeBase(root, scope, config, cache, timings, onPhase);
    const everything = changesConfig(root, config, scope.changed);
    reported = findingsInScope({ ...raw.result, findings: outcome.kept }, base?.result, scope.changed, { everything });
    accepted = findingsInScope({ ...raw.result, findings: outcome.accepted }, base?.result, scope.changed, { everything }) as typeof accepted;
  }
  return {
    /** What the change was compared with (for --timings), when it was a changed-scope run. */
    compared: scope ? `${options.staged ? 'the index' : 'the work tree'} compared with ${scope.baseLabel}` : undefined,
    result: withFindings(raw.result, reported, outcome.suppressed, accepted),
    stale: outcome.stale,
    beforeBaseline: outcome.beforeBaseline,
    baselineSuppressed: outcome.baselineSuppressed,
  };
}
