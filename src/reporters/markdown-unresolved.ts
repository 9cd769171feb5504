import type { ConsumerEntry, ProducerEntry } from '../model/result.js';
import { findingItem, type MarkdownScope, serviceRef, siteLink } from './markdown-common.js';
import { mdCode } from './util/markdown-text.js';
import { isUnresolvedQueue, uniqueSites } from './util/sites.js';
import { compareStrings } from './util/text.js';

function siteLine(scope: MarkdownScope, role: 'consumer' | 'producer', site: ConsumerEntry | ProducerEntry): string {
  const job = 'job' in site && site.job !== '<unresolved>' ? ` of ${mdCode(site.job)}` : '';
  const where = uniqueSites([site]).map((s) => siteLink(scope.linkBase, s))[0] ?? '';
  return `- ${serviceRef(scope, site.service)}: ${role} (${site.kind}${job}) in ${where}`;
}

/**
 * `## Unresolved sites`, last: consumers and producers whose queue name could not be resolved
 * (never guessed, never dropped, SPEC §3), and the `unresolved-name` findings without a queue.
 */
export function renderUnresolved(scope: MarkdownScope): string[] {
  const queues = scope.result.queues.filter(isUnresolvedQueue);
  const findings = scope.result.findings.filter((f) => f.queue === null && f.rule === 'unresolved-name');
  const sites = [
    ...queues.flatMap((q) => q.consumers.map((c) => siteLine(scope, 'consumer', c))),
    ...queues.flatMap((q) => q.producers.map((p) => siteLine(scope, 'producer', p))),
  ];
  const unique = [...new Set(sites)].sort(compareStrings);
  if (unique.length === 0 && findings.length === 0) return [];
  const lines = ['## Unresolved sites', '', 'These sites use a queue whose name job-owners cannot resolve statically, so their ownership is not checked.', ''];
  if (unique.length > 0) lines.push(...unique, '');
  if (findings.length > 0) {
    for (const finding of findings) lines.push(...findingItem(scope, finding));
    lines.push('');
  }
  return lines;
}

/** `## Other findings`: findings about no single queue, other than unresolved names. */
export function renderOtherFindings(scope: MarkdownScope): string[] {
  const findings = scope.result.findings.filter((f) => f.queue === null && f.rule !== 'unresolved-name');
  if (findings.length === 0) return [];
  return ['## Other findings', '', ...findings.flatMap((f) => findingItem(scope, f)), ''];
}
