import type { Finding, JobOwnersResult } from '../model/result.js';
import { renderFlowchart } from './mermaid.js';
import { locationLink, renderQueueSection } from './markdown-queue.js';
import type { Reporter, ReporterContext } from './types.js';
import { mdCode, mdText } from './util/markdown-text.js';
import { plural } from './util/text.js';
import { displayPath as displayRawPath } from '../util/raw-path.js';

function totalsLine(result: JobOwnersResult): string {
  const services = result.services.filter((s) => s.kind === 'service').length;
  const { errors, warnings, suppressed } = result.summary;
  const parts = [
    plural(services, 'service'),
    plural(result.queues.length, 'queue'),
    plural(result.jobs.length, 'job type'),
    plural(errors, 'error'),
    plural(warnings, 'warning'),
  ];
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  return parts.join(' · ');
}

function findingSubject(finding: Finding): string {
  if (finding.queue === null) return '';
  const job = finding.job === null ? '' : ` › ${mdCode(finding.job)}`;
  return ` ${mdCode(finding.queue)}${job}:`;
}

function findingLines(finding: Finding, linkBase: string): string[] {
  const icon = finding.severity === 'error' ? '❌' : '⚠️';
  const lines = [`- ${icon} ${mdCode(finding.rule)}${findingSubject(finding)} ${mdText(finding.message)}`];
  for (const loc of finding.locations) lines.push(`  - ${locationLink(linkBase, loc)}`);
  return lines;
}

function renderFindings(result: JobOwnersResult, context: ReporterContext): string[] {
  const lines = ['## Findings', ''];
  const shown = context.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  if (result.findings.length === 0) lines.push('No findings.');
  else if (shown.length === 0) lines.push(`No errors; ${plural(result.findings.length, 'warning')} not shown.`);
  for (const finding of shown) lines.push(...findingLines(finding, context.linkBase));
  lines.push('');
  return lines;
}

/**
 * The ownership report (SPEC §7, `job-owners report`). Deterministic, no timestamps: it is
 * meant to be committed and checked for staleness, so the same result gives the same bytes.
 */
export const markdown: Reporter = (result: JobOwnersResult, context: ReporterContext): string => {
  const lines = ['# Job ownership report', '', totalsLine(result), ''];
  if (context.baselineNote) lines.push(`_${mdText(context.baselineNote)}_`, '');
  for (const queue of result.queues) lines.push(...renderQueueSection(result, queue, context.linkBase));
  lines.push(...renderFindings(result, context));
  if (result.skipped.length > 0) {
    lines.push('## Skipped files', '');
    for (const s of result.skipped) lines.push(`- ${mdCode(displayRawPath(s.file))}: ${mdText(s.reason)}`);
    lines.push('');
  }
  if (result.queues.length > 0) {
    lines.push('## Flow', '', '```mermaid', renderFlowchart(result), '```', '');
  }
  return lines.join('\n');
};
