import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, JobOwnersResult } from '../model/result.js';
import type { Reporter, ReporterContext } from './types.js';
import { countQueuesWithFindings, groupByQueue } from './group-findings.js';
import { displayLocation, displayPath } from './util/paths.js';
import { plural, visible } from './util/text.js';

const INDENT = '  ';
const MORE_INDENT = '      ';

/** Severity as a user reads it; the result says `warn`. */
function severityWord(finding: Finding): string {
  return finding.severity === 'error' ? 'error' : 'warning';
}

function locationText(finding: Finding, linkBase: string): string {
  const first = finding.locations[0];
  return first ? visible(displayLocation(linkBase, first)) : '-';
}

/** One queue's block: heading, then aligned finding lines, extra locations indented below. */
function renderGroup(queue: string | null, findings: Finding[], c: ChalkInstance, linkBase: string): string[] {
  const heading = queue === null ? 'general' : visible(queue);
  const locWidth = Math.max(...findings.map((f) => locationText(f, linkBase).length));
  const sevWidth = Math.max(...findings.map((f) => severityWord(f).length));
  const lines = [c.underline(heading)];
  for (const finding of findings) {
    const sev = severityWord(finding).padEnd(sevWidth);
    lines.push(
      INDENT +
        c.dim(locationText(finding, linkBase).padEnd(locWidth)) +
        '  ' +
        (finding.severity === 'error' ? c.red(sev) : c.yellow(sev)) +
        '  ' +
        visible(finding.message) +
        '  ' +
        c.dim(finding.rule),
    );
    for (const extra of finding.locations.slice(1)) {
      lines.push(MORE_INDENT + c.dim(visible(displayLocation(linkBase, extra))));
    }
  }
  return lines;
}

function summaryLine(result: JobOwnersResult, c: ChalkInstance): string {
  const { errors, warnings } = result.summary;
  if (errors === 0 && warnings === 0) {
    return c.green(
      `✔ No ownership problems (${plural(result.queues.length, 'queue')}, ${plural(result.jobs.length, 'job type')})`,
    );
  }
  const queues = countQueuesWithFindings(result.findings);
  const where = queues > 0 ? ` in ${plural(queues, 'queue')}` : '';
  const text = `✖ ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${where}`;
  return c.bold(errors > 0 ? c.red(text) : c.yellow(text));
}

/**
 * The default terminal format (SPEC §7): findings grouped by queue, a clickable
 * `path:line:col` per finding, a summary line with counts. `quiet` hides warning lines
 * but the summary still counts them, so the user knows they exist.
 */
export const stylish: Reporter = (result: JobOwnersResult, context: ReporterContext): string => {
  // An explicit level: chalk's own detection reads the environment, which a reporter must not.
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const lines: string[] = [];
  for (const group of groupByQueue(result.findings)) {
    const shown = context.quiet ? group.findings.filter((f) => f.severity === 'error') : group.findings;
    if (shown.length === 0) continue;
    lines.push(...renderGroup(group.queue, shown, c, context.linkBase), '');
  }
  if (result.skipped.length > 0) {
    lines.push(c.yellow(`${plural(result.skipped.length, 'file')} could not be analysed:`));
    for (const skipped of result.skipped) {
      lines.push(INDENT + c.dim(visible(displayPath(context.linkBase, skipped.file))) + '  ' + visible(skipped.reason));
    }
    lines.push('');
  }
  lines.push(summaryLine(result, c));
  if (context.baselineNote) lines.push(c.dim(visible(context.baselineNote)));
  return lines.join('\n') + '\n';
};
