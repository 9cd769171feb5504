import type { ConsumerEntry, JobEntry, ProducerEntry, QueueEntry } from '../model/result.js';
import { consumingServices } from './consumers.js';
import { findingItem, type MarkdownScope, queueHeadingText, serviceRef, siteLink } from './markdown-common.js';
import { mdCode, mdText } from './util/markdown-text.js';
import { findingsOf, uniqueSites } from './util/sites.js';

export const JOB_STATUS: Record<JobEntry['status'], string> = {
  ok: '✅ ok',
  conflict: '❌ conflict',
  'no-consumer': '❌ no consumer',
  unhandled: '❌ unhandled',
  orphan: '⚠️ no producer',
};

/** What happens to a received job a consumer does not handle, as a table-cell phrase… */
const UNHANDLED_CELL: Record<ConsumerEntry['unhandled'], string> = {
  completes: 'receives it, completes it silently',
  throws: 'receives it, fails it',
  unknown: 'receives it, outcome unknown',
};

/** …and as the end of a consumer line. */
const UNHANDLED_LINE: Record<ConsumerEntry['unhandled'], string> = {
  completes: 'other job names are completed silently',
  throws: 'other job names fail',
  unknown: 'what happens to other job names is unknown',
};

function handlesJob(consumer: ConsumerEntry, job: string): boolean {
  return consumer.handles === '*' || consumer.handles.includes(job);
}

function ownerLine(scope: MarkdownScope, queue: QueueEntry): string {
  if (queue.owner !== null) return serviceRef(scope, queue.owner);
  const services = consumingServices(queue);
  if (services.length === 0) return '❌ none: no service consumes this queue';
  if (services.length === 1) return 'none';
  return `❌ none: ${services.length} services consume this queue (${services.map((s) => serviceRef(scope, s)).join(', ')})`;
}

/** `service` then its distinct sites (file + symbol), for a table cell. */
function sitesCell(scope: MarkdownScope, sites: readonly (ProducerEntry | ConsumerEntry)[], note?: (site: ConsumerEntry) => string): string {
  const byService = new Map<string, (ProducerEntry | ConsumerEntry)[]>();
  for (const site of sites) byService.set(site.service, [...(byService.get(site.service) ?? []), site]);
  const parts = [...byService.keys()].sort().map((service) => {
    const list = byService.get(service) ?? [];
    const where = uniqueSites(list).map((s) => siteLink(scope.linkBase, s, true)).join(', ');
    const extra = note ? [...new Set(list.map((s) => note(s as ConsumerEntry)).filter(Boolean))].join('; ') : '';
    return `${serviceRef(scope, service, true)} ${where}${extra ? `: ${extra}` : ''}`;
  });
  return parts.length > 0 ? parts.join('<br>') : '—';
}

/** One bullet per consumer definition: kind, file and symbol, handled names, fate of the rest. */
function consumerLine(scope: MarkdownScope, consumer: ConsumerEntry): string {
  const what = consumer.label ? `${consumer.kind} ${mdCode(consumer.label)}` : consumer.kind;
  const handled =
    consumer.handles === '*'
      ? 'handles every job name'
      : consumer.handles.length === 0
        ? `handles no job name; ${UNHANDLED_LINE[consumer.unhandled].replace('other', 'all')}`
        : `handles ${consumer.handles.map((n) => mdCode(n)).join(', ')}; ${UNHANDLED_LINE[consumer.unhandled]}`;
  const site = consumer.symbol && consumer.symbol !== consumer.label ? consumer : { file: consumer.file };
  let line = `- ${serviceRef(scope, consumer.service)}: ${what} in ${siteLink(scope.linkBase, site)}, ${handled}`;
  if (consumer.conditions && consumer.conditions.length > 0) {
    line += `; only when ${consumer.conditions.map(mdText).join(' and ')}`;
  }
  // SPEC §3: a consumer no service provably reaches is attributed to its package; say so.
  if (scope.libraries.has(consumer.service)) line += ' (library package: no deployed process was found to run it)';
  return line;
}

/** Several copies of one definition (one per service it runs in) read as one line each. */
function consumerLines(scope: MarkdownScope, queue: QueueEntry): string[] {
  return [...new Set(queue.consumers.map((c) => consumerLine(scope, c)))];
}

/** `### Queue name`: owner, library and prefix, the job table, the consumers and the findings. */
export function renderQueueSection(scope: MarkdownScope, queue: QueueEntry): string[] {
  const alternatives = queue.alternatives ?? [];
  const title = queueHeadingText(queue) === `Queue ${queue.queue}` ? `### Queue ${mdCode(queue.queue)}` : `### Queue ${mdCode(queue.queue)} (prefix ${mdCode(queue.prefix)})`;
  const lines = [title, '', `- Owner: ${ownerLine(scope, queue)}`, `- Library: ${queue.library}, prefix ${mdCode(queue.prefix)}`];
  if (alternatives.length > 0) {
    lines.push(`- Also named ${alternatives.map((a) => mdCode(a)).join(', ')} under other conditions (the same queue)`);
  }
  lines.push('');
  const jobs = scope.result.jobs.filter((j) => j.queue === queue.queue && j.prefix === queue.prefix);
  if (jobs.length > 0) {
    lines.push('| Job | Producers | Consumers | Status |', '| --- | --- | --- | --- |');
    for (const job of jobs) {
      const producers = queue.producers.filter((p) => p.job === job.name);
      const consumers = sitesCell(scope, queue.consumers, (c) => (handlesJob(c, job.name) ? '' : UNHANDLED_CELL[c.unhandled]));
      lines.push(`| ${mdCode(job.name, true)} | ${sitesCell(scope, producers)} | ${consumers} | ${JOB_STATUS[job.status]} |`);
    }
    lines.push('');
  }
  if (queue.consumers.length > 0) lines.push('Consumers:', '', ...consumerLines(scope, queue), '');
  const findings = findingsOf(scope.result, queue.queue);
  if (findings.length > 0) {
    lines.push('Findings:', '');
    for (const finding of findings) lines.push(...findingItem(scope, finding));
    lines.push('');
  }
  return lines;
}
