import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { Finding, SuppressedFinding, Suppression } from '../model/result.js';
import { severityOf } from '../rules/index.js';
import { applyBaseline, type Baseline, type BaselineEntry } from '../suppress/baseline.js';
import { applyDirectives, type Directive, parseDirectives } from '../suppress/directives.js';
import { applyIgnores, matches } from '../suppress/ignore.js';

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
  /** Every suppressed finding with how it was accepted (SARIF `suppressions`). */
  accepted: SuppressedFinding[];
}

function accept(finding: Finding, suppression: Suppression): SuppressedFinding {
  return { ...finding, suppression };
}

/** The directive that suppressed a finding (the first, when several name it). */
function directiveOf(finding: Finding, directives: readonly Directive[]): Directive | undefined {
  return directives.find(
    (d) => d.problem === null && d.rules.includes(finding.rule) && finding.locations.some((l) => l.file === d.file && l.line === d.targetLine),
  );
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
  /** The baseline file as the user should read it (for the suppressions' justification). */
  baselineName = 'the baseline',
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
  let baselineHits: Finding[] = [];
  if (baseline) {
    const outcome = applyBaseline(byIgnore.kept, baseline);
    baselineHits = outcome.suppressed;
    kept = [...outcome.kept, ...meta];
    baselineSuppressed = outcome.suppressed.length;
    stale = outcome.stale;
  }
  const suppressed = byDirective.suppressed.length + byIgnore.suppressed.length + baselineSuppressed;
  const configLocation = configFile === null ? undefined : { file: configFile, line: 1, column: 1 };
  const accepted = [
    ...byDirective.suppressed.map((f) => {
      const d = directiveOf(f, directives);
      return accept(f, { kind: 'inSource', source: 'directive', justification: d?.reason ?? '', ...(d ? { location: { file: d.file, line: d.line, column: d.column } } : {}) });
    }),
    ...byIgnore.suppressed.map((f) =>
      accept(f, { kind: 'external', source: 'ignore', justification: config.ignore.find((e) => matches(e, f))?.reason ?? '', ...(configLocation ? { location: configLocation } : {}) }),
    ),
    ...baselineHits.map((f) =>
      accept(f, { kind: 'external', source: 'baseline', justification: `Known finding recorded in ${baselineName}` }),
    ),
  ];
  return { kept, suppressed, baselineSuppressed, stale, beforeBaseline, accepted };
}
