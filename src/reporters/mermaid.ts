import type { JobOwnersResult, QueueEntry } from '../model/result.js';
import { consumingServices } from './consumers.js';
import { mermaidLabel, queueNodeId, serviceNodeId } from './util/mermaid-text.js';
import { isUnresolvedQueue } from './util/sites.js';
import { compareStrings, plural, uniqueSorted } from './util/text.js';

/**
 * Above this many queues one graph becomes unreadable (every edge meets the few busy service
 * nodes), so the report draws one small diagram per service instead.
 */
export const MAX_QUEUES_PER_DIAGRAM = 25;

const CLASS_DEFS = {
  conflict: 'classDef conflict fill:#fdd,stroke:#c00,stroke-width:2px,color:#900',
  unconsumed: 'classDef unconsumed fill:#fff3cd,stroke:#b58100,stroke-width:2px,color:#664d03',
} as const;

function queueLabel(queue: QueueEntry): string {
  return queue.prefix === 'bull' ? queue.queue : `${queue.queue} (prefix ${queue.prefix})`;
}

function queueClass(queue: QueueEntry): keyof typeof CLASS_DEFS | undefined {
  const consumers = consumingServices(queue).length;
  if (consumers >= 2) return 'conflict';
  if (consumers === 0 && queue.producers.length > 0) return 'unconsumed';
  return undefined;
}

/** Job types each service produces into the queue: one aggregated edge per service. */
function producerEdges(queue: QueueEntry): { service: string; jobs: number }[] {
  const jobs = new Map<string, Set<string>>();
  for (const p of queue.producers) jobs.set(p.service, (jobs.get(p.service) ?? new Set()).add(p.job));
  return [...jobs].sort(([a], [b]) => compareStrings(a, b)).map(([service, names]) => ({ service, jobs: names.size }));
}

/**
 * `flowchart LR` of the given queues: one node per service and per queue, one edge per
 * producing service → queue (labelled with its number of job types) and one per queue →
 * consuming service. A queue consumed by several services is red, one nobody consumes amber.
 */
export function renderFlowchart(result: JobOwnersResult, queues: readonly QueueEntry[] = result.queues, focus?: string): string {
  const services = new Set<string>();
  const queueLines: string[] = [];
  const edges: string[] = [];
  const used = new Set<keyof typeof CLASS_DEFS>();
  for (const queue of queues) {
    if (isUnresolvedQueue(queue)) continue;
    const id = queueNodeId(queue.queue, queue.prefix);
    const cls = queueClass(queue);
    if (cls) used.add(cls);
    queueLines.push(`  ${id}[(${mermaidLabel(queueLabel(queue))})]${cls ? `:::${cls}` : ''}`);
    // A service's own diagram: every producer of the queues it consumes, but of the queues it
    // only produces into just its own edge (their other producers are not its business).
    const consumes = focus === undefined || consumingServices(queue).includes(focus);
    for (const { service, jobs } of producerEdges(queue).filter((e) => consumes || e.service === focus)) {
      services.add(service);
      edges.push(`  ${serviceNodeId(service)} -->|${mermaidLabel(plural(jobs, 'job type'))}| ${id}`);
    }
    for (const service of consumingServices(queue)) {
      services.add(service);
      edges.push(`  ${id} --> ${serviceNodeId(service)}`);
    }
  }
  const serviceLines = [...services].sort(compareStrings).map((s) => `  ${serviceNodeId(s)}([${mermaidLabel(s)}])`);
  const classes = (Object.keys(CLASS_DEFS) as (keyof typeof CLASS_DEFS)[]).filter((c) => used.has(c)).map((c) => `  ${CLASS_DEFS[c]}`);
  return ['flowchart LR', ...serviceLines, ...queueLines, ...edges, ...classes].join('\n');
}

/** Resolved queues a service consumes or produces into: the neighbourhood its own diagram shows. */
export function queuesOfService(result: JobOwnersResult, service: string): QueueEntry[] {
  return result.queues.filter(
    (q) => !isUnresolvedQueue(q) && (q.consumers.some((c) => c.service === service) || q.producers.some((p) => p.service === service)),
  );
}

/** Whether the report draws one diagram per service instead of one for the whole repository. */
export function splitDiagrams(result: JobOwnersResult): boolean {
  return result.queues.filter((q) => !isUnresolvedQueue(q)).length > MAX_QUEUES_PER_DIAGRAM;
}

/** Per-service flowcharts (services without queues get none). */
export function serviceFlowcharts(result: JobOwnersResult, services: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const service of uniqueSorted(services)) {
    const queues = queuesOfService(result, service);
    if (queues.length > 0) out.set(service, renderFlowchart(result, queues, service));
  }
  return out;
}
