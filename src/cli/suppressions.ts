import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { Finding } from '../model/result.js';
import { severityOf } from '../rules/index.js';
import { applyBaseline, type Baseline, type BaselineEntry } from '../suppress/baseline.js';
import { applyDirectives, parseDirectives } from '../suppress/directives.js';
import { applyIgnores } from '../suppress/ignore.js';

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: number;
  baselineSuppressed: number;
  stale: BaselineEntry[];
  /**
   * Findings the baseline may record (`--update-baseline`) and prune against: everything the
   * baseline is applied to. Unused/invalid directive warnings are not among them: they have no
   * queue identity, are fixed by editing the directive, and the baseline never suppresses them.
   */
  beforeBaseline: Finding[];
}


/**
 * The suppression stage: inline directives in the files the findings point at, then the config's
 * `ignore` list, then the baseline. Unused and invalid directives become findings themselves.
 */
export function suppress(
  findings: Finding[],
  readText: (file: string) => string | null,
  config: ResolvedConfig,
  root: string,
  baseline: Baseline | undefined,
  /** Files that contain a directive (the analysis notes them while reading every file). */
  directiveFiles: readonly string[],
): SuppressionOutcome {
  // Every file with a directive, not only those with findings: a directive whose finding is gone
  // (the usual case once a problem is fixed) sits in a file without findings, and must be reported.
  const files = [...new Set(directiveFiles)].sort();
  const directives = files.flatMap((file) => {
    const text = readText(file);
    return text && text.includes('job-owners-ignore') ? parseDirectives(text, file) : [];
  });
  const byDirective = applyDirectives(findings, directives);
  const configFile = config.filepath ? path.relative(root, config.filepath).split(path.sep).join('/') : null;
  const byIgnore = applyIgnores(byDirective.kept, config.ignore, configFile);
  const meta = [...byDirective.unused, ...byDirective.invalid, ...byIgnore.unused]
    .map((f) => ({ ...f, severity: severityOf(f.rule, config) }))
    .filter((f): f is Finding => f.severity !== 'off');
  const beforeBaseline = byIgnore.kept;
  let kept = [...byIgnore.kept, ...meta];
  let baselineSuppressed = 0;
  let stale: BaselineEntry[] = [];
  if (baseline) {
    const outcome = applyBaseline(byIgnore.kept, baseline);
    kept = [...outcome.kept, ...meta];
    baselineSuppressed = outcome.suppressed.length;
    stale = outcome.stale;
  }
  const suppressed = byDirective.suppressed.length + byIgnore.suppressed.length + baselineSuppressed;
  return { kept, suppressed, baselineSuppressed, stale, beforeBaseline };
}
