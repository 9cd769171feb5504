import type { Finding } from '../model/result.js';
import { compareStrings } from './util/text.js';

export interface FindingGroup {
  /** null for findings that belong to no queue (the "general" group). */
  queue: string | null;
  findings: Finding[];
}

/**
 * Groups findings by queue, queues in name order and the general group last. Findings keep
 * their input order inside a group (the analysis sorts them by severity, rule, job, file, line).
 */
export function groupByQueue(findings: readonly Finding[]): FindingGroup[] {
  const byQueue = new Map<string | null, Finding[]>();
  for (const finding of findings) {
    const list = byQueue.get(finding.queue);
    if (list) list.push(finding);
    else byQueue.set(finding.queue, [finding]);
  }
  return [...byQueue.keys()]
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : compareStrings(a, b)))
    .map((queue) => ({ queue, findings: byQueue.get(queue) ?? [] }));
}

/** Number of distinct queues that have at least one finding. */
export function countQueuesWithFindings(findings: readonly Finding[]): number {
  return new Set(findings.flatMap((f) => (f.queue === null ? [] : [f.queue]))).size;
}
