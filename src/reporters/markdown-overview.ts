import type { Finding, QueueEntry } from '../model/result.js';
import { consumingServices } from './consumers.js';
import { type MarkdownScope, queueRef, SEVERITY_ICON, serviceRef } from './markdown-common.js';
import { findingsOf, isUnresolvedQueue } from './util/sites.js';
import { compareStrings, uniqueSorted } from './util/text.js';

/** 0 when the queue has an error, 1 a warning, 2 neither: the overview lists problems first. */
function rank(findings: readonly Finding[]): number {
  if (findings.some((f) => f.severity === 'error')) return 0;
  return findings.length > 0 ? 1 : 2;
}

/** Every rule that fired on the queue, errors first, each once. */
function statusCell(findings: readonly Finding[]): string {
  if (findings.length === 0) return '✅ ok';
  const rules: string[] = [];
  for (const severity of ['error', 'warn'] as const) {
    for (const rule of uniqueSorted(findings.filter((f) => f.severity === severity).map((f) => f.rule))) {
      rules.push(`${SEVERITY_ICON[severity]} ${rule}`);
    }
  }
  return rules.join('<br>');
}

/** Resolved queues, problems first (errors, then warnings, then clean), then by name and prefix. */
export function overviewOrder(scope: MarkdownScope): QueueEntry[] {
  return scope.result.queues
    .filter((q) => !isUnresolvedQueue(q))
    .map((queue) => ({ queue, rank: rank(findingsOf(scope.result, queue.queue)) }))
    .sort((a, b) => a.rank - b.rank || compareStrings(a.queue.queue, b.queue.queue) || compareStrings(a.queue.prefix, b.queue.prefix))
    .map((entry) => entry.queue);
}

/** `## Overview`: one row per queue — queue · owner · consumers · producers · job types · status. */
export function renderOverview(scope: MarkdownScope): string[] {
  const queues = overviewOrder(scope);
  if (queues.length === 0) return [];
  const lines = ['## Overview', '', '| Queue | Owner | Consumers | Producers | Job types | Status |', '| --- | --- | --- | --- | --- | --- |'];
  const services = (names: string[]) => (names.length > 0 ? names.map((s) => serviceRef(scope, s, true)).join(', ') : '—');
  for (const queue of queues) {
    const jobs = scope.result.jobs.filter((j) => j.queue === queue.queue && j.prefix === queue.prefix).length;
    const producers = uniqueSorted(queue.producers.map((p) => p.service));
    const owner = queue.owner === null ? '—' : serviceRef(scope, queue.owner, true);
    const cells = [queueRef(scope, queue, true), owner, services(consumingServices(queue)), services(producers), String(jobs), statusCell(findingsOf(scope.result, queue.queue))];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('');
  return lines;
}
