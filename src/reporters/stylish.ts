import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, JobOwnersResult, RuleId } from '../model/result.js';
import type { Reporter, ReporterContext } from './types.js';
import { countQueuesWithFindings, groupFindings } from './group-findings.js';
import { findingAdvice, findingSummary } from './util/finding-text.js';
import { displayLocation, displayPath } from './util/paths.js';
import { isUnresolvedQueue } from './util/sites.js';
import { NO_PROBLEMS, plural, uniqueSorted, visible } from './util/text.js';
import { wrap } from './util/wrap.js';

const INDENT = '  ';
const DETAIL_INDENT = '    ';
/** Advice is wrapped to this many characters (plus the indent): readable on an 80–100 column terminal. */
const ADVICE_WIDTH = 92;

/** Severity as a user reads it; the result says `warn`. */
function severityWord(finding: Finding): string {
  return finding.severity === 'error' ? 'error' : 'warning';
}

function locationText(finding: Finding): string {
  const first = finding.locations[0];
  return first ? visible(displayLocation('', first)) : '-';
}

/**
 * One group: heading, then per finding an aligned line (location, severity, summary, rule),
 * the other locations, and the advice wrapped below it.
 */
function renderGroup(heading: string, findings: Finding[], c: ChalkInstance): string[] {
  const locWidth = Math.max(...findings.map((f) => locationText(f).length));
  const sevWidth = Math.max(...findings.map((f) => severityWord(f).length));
  const lines = [c.underline(heading)];
  for (const finding of findings) {
    const sev = severityWord(finding).padEnd(sevWidth);
    lines.push(
      INDENT +
        c.dim(locationText(finding).padEnd(locWidth)) +
        '  ' +
        (finding.severity === 'error' ? c.red(sev) : c.yellow(sev)) +
        '  ' +
        visible(findingSummary(finding)) +
        '  ' +
        c.dim(finding.rule),
    );
    for (const extra of finding.locations.slice(1)) lines.push(DETAIL_INDENT + c.dim(`also at ${visible(displayLocation('', extra))}`));
    const advice = findingAdvice(finding);
    if (advice !== '') lines.push(...wrap(visible(advice), ADVICE_WIDTH, DETAIL_INDENT));
  }
  return lines;
}

function summaryLine(result: JobOwnersResult, c: ChalkInstance): string {
  const { errors, warnings } = result.summary;
  if (errors === 0 && warnings === 0) {
    const queues = result.queues.filter((q) => !isUnresolvedQueue(q)).length;
    return c.green(`✔ ${NO_PROBLEMS} (${plural(queues, 'queue')}, ${plural(result.jobs.length, 'job type')})`);
  }
  const queues = countQueuesWithFindings(result.findings);
  const where = queues > 0 ? ` in ${plural(queues, 'queue')}` : '';
  // The mark follows the counts: ✖ only when something fails the run.
  if (errors === 0) return c.bold(c.yellow(`⚠ ${plural(warnings, 'warning')}, no errors${where}`));
  return c.bold(c.red(`✖ ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})${where}`));
}

/** Where to read about the rules that fired, without a URL (the docs ship with the package). */
function docsLine(rules: RuleId[], c: ChalkInstance): string {
  const which = rules.length === 1 ? rules[0]! : '<rule>';
  return c.dim(`Rule docs: job-owners explain-rule ${which} (${rules.join(', ')}), or docs/rules/ in the job-owners package.`);
}

/**
 * The default terminal format (SPEC §7): findings grouped by queue, a clickable
 * `path:line:col` per finding (relative to the analysed folder, like every format), a
 * summary line with counts. `quiet` hides warning lines but the summary still counts them.
 */
export const stylish: Reporter = (result: JobOwnersResult, context: ReporterContext): string => {
  // An explicit level: chalk's own detection reads the environment, which a reporter must not.
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const lines: string[] = [];
  const shownRules: RuleId[] = [];
  for (const group of groupFindings(result.findings)) {
    const shown = context.quiet ? group.findings.filter((f) => f.severity === 'error') : group.findings;
    if (shown.length === 0) continue;
    shownRules.push(...shown.map((f) => f.rule));
    lines.push(...renderGroup(group.heading, shown, c), '');
  }
  if (result.skipped.length > 0) {
    lines.push(c.yellow(`${plural(result.skipped.length, 'file')} could not be analysed:`));
    for (const skipped of result.skipped) {
      lines.push(INDENT + c.dim(visible(displayPath('', skipped.file))) + '  ' + visible(skipped.reason));
    }
    lines.push('');
  }
  lines.push(summaryLine(result, c));
  if (context.baselineNote) lines.push(c.dim(visible(context.baselineNote)));
  if (shownRules.length > 0) lines.push(docsLine(uniqueSorted(shownRules) as RuleId[], c));
  // Result paths are relative to the analysed folder; say which one when it is not the cwd.
  if (context.linkBase !== '' && lines.length > 1) lines.unshift(c.dim(`Paths are relative to ${visible(context.linkBase)}/`), '');
  return lines.join('\n') + '\n';
};
