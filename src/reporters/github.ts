import type { Finding, JobOwnersResult } from '../model/result.js';
import { markdown } from './markdown.js';
import type { Reporter, ReporterContext } from './types.js';
import { ruleDocUrl } from './rule-docs.js';
import { findingAdvice, findingSummary } from './util/finding-text.js';
import { displayLocation, displayPath } from './util/paths.js';
import { plural } from './util/text.js';

/** GitHub shows about 10 annotations of each kind per step and silently drops the rest. */
export const MAX_ANNOTATIONS_PER_SEVERITY = 10;

/** GitHub's limit for one step's $GITHUB_STEP_SUMMARY. */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

/** Workflow-command message escaping (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and `:` (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Summary, advice, the other locations (an annotation sits on one, so none is lost) and the
 * rule's docs page, one per line.
 */
function annotationMessage(finding: Finding, linkBase: string): string {
  const others = finding.locations.slice(1).map((loc) => displayLocation(linkBase, loc));
  const advice = findingAdvice(finding);
  return [
    findingSummary(finding),
    ...(advice ? [advice] : []),
    ...(others.length > 0 ? [`Also at: ${others.join(', ')}`] : []),
    `Rule docs: ${ruleDocUrl(finding.rule)}`,
  ].join('\n');
}

function annotation(finding: Finding, linkBase: string): string {
  const command = finding.severity === 'error' ? 'error' : 'warning';
  const props: string[] = [];
  const first = finding.locations[0];
  if (first) {
    props.push(`file=${escapeProperty(displayPath(linkBase, first.file))}`, `line=${first.line}`, `col=${first.column}`);
  }
  props.push(`title=${escapeProperty(`job-owners(${finding.rule})`)}`);
  return `::${command} ${props.join(',')}::${escapeData(annotationMessage(finding, linkBase))}`;
}

/**
 * GitHub Actions workflow commands (SPEC §7): errors first, then warnings, at most
 * MAX_ANNOTATIONS_PER_SEVERITY of each, then one notice counting what was left out.
 * Paths are `${linkBase}/${file}`: the CLI gives the path from $GITHUB_WORKSPACE to the
 * analysed folder, since GitHub resolves annotation paths from the workspace root; without
 * GITHUB_WORKSPACE paths are relative to the analysed folder, as in every other format.
 */
export const github: Reporter = (result: JobOwnersResult, context: ReporterContext): string => {
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = context.quiet ? [] : result.findings.filter((f) => f.severity === 'warn');
  const shown = [
    ...errors.slice(0, MAX_ANNOTATIONS_PER_SEVERITY),
    ...warnings.slice(0, MAX_ANNOTATIONS_PER_SEVERITY),
  ];
  const lines = shown.map((finding) => annotation(finding, context.linkBase));
  const dropped = errors.length + warnings.length - shown.length;
  if (dropped > 0) {
    lines.push(
      `::notice::${escapeData(
        `${plural(dropped, 'more finding', 'more findings')} not shown as annotations; see the job summary or run job-owners locally`,
      )}`,
    );
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
};

/** Appended when the report is cut; the blank line ends any table before it. */
const TRUNCATION_NOTE =
  '\n> **Note:** this report was truncated to fit the 1 MiB job summary limit. Run `job-owners report` locally for the full report.\n';

/**
 * The markdown report for $GITHUB_STEP_SUMMARY, cut to STEP_SUMMARY_MAX_BYTES of UTF-8.
 * The cut is on a line boundary (never inside a character or a table row) and an open code
 * fence (the Mermaid block) is closed, so the truncated text still renders. The CLI appends
 * the returned text to the file; this function only computes it. For links that work from
 * the summary page, give `linkBase` as `${server}/${repo}/blob/${sha}`.
 */
export function stepSummary(result: JobOwnersResult, context: ReporterContext): string {
  const report = markdown(result, context);
  const bytes = Buffer.from(report, 'utf8');
  if (bytes.length <= STEP_SUMMARY_MAX_BYTES) return report;
  const closeFence = '```\n';
  const budget = STEP_SUMMARY_MAX_BYTES - Buffer.byteLength(TRUNCATION_NOTE) - Buffer.byteLength(closeFence);
  // A newline byte is never part of a multi-byte UTF-8 sequence, so cutting after one is safe.
  const cut = bytes.lastIndexOf(0x0a, budget - 1);
  const head = bytes.subarray(0, cut + 1).toString('utf8');
  const openFences = head.split('\n').filter((line) => line.startsWith('```')).length;
  return head + (openFences % 2 === 1 ? closeFence : '') + TRUNCATION_NOTE;
}
