import type { Finding } from '../model/result.js';
import { compareStrings, visible } from './util/text.js';

export interface FindingGroup {
  /** The queue, or null for findings about no single queue. */
  queue: string | null;
  /** What the group is about, for a heading: `queue "emails"`, `unresolved names`… */
  heading: string;
  findings: Finding[];
}

/** Findings without a queue, grouped by what they are about (in this order, after the queues). */
const QUEUELESS: { heading: string; rules: readonly string[] | null }[] = [
  { heading: 'unresolved names', rules: ['unresolved-name'] },
  { heading: 'suppressions', rules: ['unused-directive', 'invalid-directive'] },
  { heading: 'not tied to one queue', rules: null },
];

/**
 * Groups findings by queue, queues in name order, then the queue-less findings by kind.
 * Findings keep their input order inside a group (the analysis sorts them by severity, rule,
 * job, file, line).
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const byQueue = new Map<string, Finding[]>();
  const queueless: Finding[] = [];
  for (const finding of findings) {
    if (finding.queue === null) queueless.push(finding);
    else byQueue.set(finding.queue, [...(byQueue.get(finding.queue) ?? []), finding]);
  }
  const groups: FindingGroup[] = [...byQueue.keys()]
    .sort(compareStrings)
    .map((queue) => ({ queue, heading: `queue "${visible(queue)}"`, findings: byQueue.get(queue) ?? [] }));
  const claimed = new Set<Finding>();
  for (const { heading, rules } of QUEUELESS) {
    const list = queueless.filter((f) => !claimed.has(f) && (rules === null || rules.includes(f.rule)));
    list.forEach((f) => claimed.add(f));
    if (list.length > 0) groups.push({ queue: null, heading, findings: list });
  }
  return groups;
}

/** Number of distinct queues that have at least one finding. */
export function countQueuesWithFindings(findings: readonly Finding[]): number {
  return new Set(findings.flatMap((f) => (f.queue === null ? [] : [f.queue]))).size;
}
