import type { JobOwnersResult, QueueEntry } from '../model/result.js';
import { consumingServices } from './consumers.js';
import { mermaidLabel, queueNodeId, serviceNodeId } from './util/mermaid-text.js';
import { compareStrings, uniqueSorted } from './util/text.js';

interface Edge {
  from: string;
  to: string;
  label: string;
}

function queueLabel(queue: QueueEntry): string {
  return queue.prefix === 'bull' ? queue.queue : `${queue.queue} (prefix ${queue.prefix})`;
}

/** What a consuming service takes from a queue: its handled names, or every name. */
function handledLabel(queue: QueueEntry, service: string): string {
  const mine = queue.consumers.filter((c) => c.service === service);
  if (mine.some((c) => c.handles === '*')) return 'all jobs';
  return uniqueSorted(mine.flatMap((c) => (c.handles === '*' ? [] : c.handles))).join(', ');
}

function edgeLine(edge: Edge): string {
  return edge.label === ''
    ? `  ${edge.from} --> ${edge.to}`
    : `  ${edge.from} -->|${mermaidLabel(edge.label)}| ${edge.to}`;
}

/**
 * `flowchart LR` of producing services → queues → consuming services, edges labelled with
 * job names. A queue consumed by several services is drawn red: that is the bug to see.
 */
export function renderFlowchart(result: JobOwnersResult): string {
  const services = new Set<string>();
  const edges: Edge[] = [];
  const queueLines: string[] = [];
  let anyConflict = false;
  for (const queue of result.queues) {
    const id = queueNodeId(queue.queue, queue.prefix);
    const conflict = consumingServices(queue).length >= 2;
    anyConflict ||= conflict;
    queueLines.push(`  ${id}[${mermaidLabel(queueLabel(queue))}]${conflict ? ':::conflict' : ''}`);
    const jobsByProducer = new Map<string, string[]>();
    for (const p of queue.producers) {
      const jobs = jobsByProducer.get(p.service);
      if (jobs) jobs.push(p.job);
      else jobsByProducer.set(p.service, [p.job]);
    }
    for (const [service, jobs] of [...jobsByProducer].sort(([a], [b]) => compareStrings(a, b))) {
      services.add(service);
      edges.push({ from: serviceNodeId(service), to: id, label: uniqueSorted(jobs).join(', ') });
    }
    for (const service of consumingServices(queue)) {
      services.add(service);
      edges.push({ from: id, to: serviceNodeId(service), label: handledLabel(queue, service) });
    }
  }
  const serviceLines = [...services]
    .sort(compareStrings)
    .map((service) => `  ${serviceNodeId(service)}[${mermaidLabel(service)}]`);
  const lines = ['flowchart LR', ...serviceLines, ...queueLines, ...edges.map(edgeLine)];
  if (anyConflict) lines.push('  classDef conflict fill:#fdd,stroke:#c00,stroke-width:2px,color:#900');
  return lines.join('\n');
}
