import type { JobOwnersResult } from '../model/result.js';
import { createScope, type MarkdownScope } from './markdown-common.js';
import { renderOverview } from './markdown-overview.js';
import { renderQueueSection } from './markdown-queue.js';
import { renderServices } from './markdown-service.js';
import { renderOtherFindings, renderUnresolved } from './markdown-unresolved.js';
import { renderFlowchart, serviceFlowcharts, splitDiagrams } from './mermaid.js';
import type { Reporter, ReporterContext } from './types.js';
import { mdCode, mdText } from './util/markdown-text.js';
import { isUnresolvedQueue } from './util/sites.js';
import { NO_PROBLEMS, plural } from './util/text.js';
import { displayPath as displayRawPath } from '../util/raw-path.js';

function totalsLine(result: JobOwnersResult): string {
  const services = result.services.filter((s) => s.kind === 'service').length;
  const { errors, warnings, suppressed } = result.summary;
  const parts = [
    plural(services, 'service'),
    plural(result.queues.filter((q) => !isUnresolvedQueue(q)).length, 'queue'),
    plural(result.jobs.length, 'job type'),
    plural(errors, 'error'),
    plural(warnings, 'warning'),
  ];
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  return parts.join(' · ');
}

/** "N queues, M producer and K consumer sites resolved, U unresolved", when the analysis counted them. */
export function sitesLine(result: JobOwnersResult): string | undefined {
  const sites = result.summary.sites;
  if (!sites) return undefined;
  const resolved = sites.producers + sites.consumers;
  return `${plural(sites.queues, 'queue')}, ${sites.producers} producer and ${sites.consumers} consumer ${resolved === 1 ? 'site' : 'sites'} resolved, ${sites.unresolved} unresolved`;
}

function renderFlow(scope: MarkdownScope): string[] {
  const { result } = scope;
  if (!result.queues.some((q) => !isUnresolvedQueue(q))) return [];
  if (splitDiagrams(result)) {
    const count = result.queues.filter((q) => !isUnresolvedQueue(q)).length;
    return ['## Flow', '', `${count} queues are too many for one readable diagram: each service below has its own, with the queues it consumes or produces into and the services on their other side.`, ''];
  }
  return ['## Flow', '', '```mermaid', renderFlowchart(result), '```', ''];
}

function renderSkipped(result: JobOwnersResult): string[] {
  if (result.skipped.length === 0) return [];
  return ['## Skipped files', '', ...result.skipped.map((s) => `- ${mdCode(displayRawPath(s.file))}: ${mdText(s.reason)}`), ''];
}

/**
 * The ownership report (SPEC §7, `job-owners report`): totals, an overview table with problems
 * first, the flow diagram, one section per service, one per queue, then what could not be
 * analysed. Meant to be committed and checked for staleness, so it is deterministic (sorted,
 * no timestamps) and names sites by file and symbol, never by line: an edit that does not
 * change ownership does not change the report.
 */
export const markdown: Reporter = (result: JobOwnersResult, context: ReporterContext): string => {
  const shown = context.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') } : result;
  const scope = createScope(shown, context.linkBase);
  const lines = ['# Job ownership report', '', totalsLine(result), ''];
  const sites = sitesLine(result);
  if (sites) lines.push(sites, '');
  if (context.baselineNote) lines.push(`_${mdText(context.baselineNote)}_`, '');
  if (result.findings.length === 0) lines.push(`${NO_PROBLEMS}.`, '');
  const hidden = result.findings.length - shown.findings.length;
  if (hidden > 0) lines.push(`_${plural(hidden, 'warning')} not shown (--quiet)._`, '');
  lines.push(...renderOverview(scope));
  lines.push(...renderFlow(scope));
  const diagrams = splitDiagrams(result) ? serviceFlowcharts(result, [...scope.serviceAnchor.keys()]) : undefined;
  lines.push(...renderServices(scope, diagrams));
  const queues = result.queues.filter((q) => !isUnresolvedQueue(q));
  if (queues.length > 0) lines.push('## Queues', '', ...queues.flatMap((q) => renderQueueSection(scope, q)));
  lines.push(...renderOtherFindings(scope), ...renderSkipped(result), ...renderUnresolved(scope));
  return lines.join('\n');
};
