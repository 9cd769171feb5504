import type {
  ConsumerEntry,
  JobEntry,
  JobOwnersResult,
  ProducerEntry,
  QueueEntry,
  SourceLocation,
} from '../model/result.js';
import { consumingServices } from './consumers.js';
import { mdCode, mdLink, mdText } from './util/markdown-text.js';
import { lineLink } from './util/paths.js';
import { displayPath as displayRawPath } from '../util/raw-path.js';

/** `file:line` linked to the line. */
export function locationLink(linkBase: string, loc: SourceLocation): string {
  return mdLink(`${displayRawPath(loc.file)}:${loc.line}`, lineLink(linkBase, loc));
}

const STATUS: Record<JobEntry['status'], string> = {
  ok: '✅ ok',
  conflict: '❌ conflict',
  'no-consumer': '❌ no-consumer',
  unhandled: '❌ unhandled',
  orphan: '⚠️ orphan',
};

/** What happens to a received job a consumer does not handle, as a table-cell phrase… */
const UNHANDLED_CELL: Record<ConsumerEntry['unhandled'], string> = {
  completes: 'not handled, completed silently',
  throws: 'not handled, fails',
  unknown: 'not handled, outcome unknown',
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

function ownerLine(queue: QueueEntry): string {
  if (queue.owner !== null) return mdCode(queue.owner);
  const services = consumingServices(queue);
  if (services.length === 0) return '❌ none: no service consumes this queue';
  if (services.length === 1) return 'none';
  return `❌ none: ${services.length} services consume this queue (${services.map((s) => mdCode(s)).join(', ')})`;
}

/** Consumers of a job: each receives it; say what happens where it is not handled. */
function consumerCell(queue: QueueEntry, job: string, linkBase: string): string {
  const parts = queue.consumers.map((consumer) => {
    const where = `${mdText(consumer.service)} (${locationLink(linkBase, consumer)})`;
    return handlesJob(consumer, job) ? where : `${where}: ${UNHANDLED_CELL[consumer.unhandled]}`;
  });
  return parts.length > 0 ? parts.join('<br>') : '—';
}

function producerCell(producers: readonly ProducerEntry[], linkBase: string): string {
  const parts = producers.map((p) => `${mdText(p.service)} (${locationLink(linkBase, p)})`);
  return parts.length > 0 ? parts.join('<br>') : '—';
}

/** Producers by job name, built once per queue so large repos stay linear. */
function producersByJob(queue: QueueEntry): Map<string, ProducerEntry[]> {
  const map = new Map<string, ProducerEntry[]>();
  for (const producer of queue.producers) {
    const list = map.get(producer.job);
    if (list) list.push(producer);
    else map.set(producer.job, [producer]);
  }
  return map;
}

/** One bullet per consumer definition: kind, location, handled names, fate of the rest. */
function consumerLine(consumer: ConsumerEntry, libraries: Set<string>, linkBase: string): string {
  const what = consumer.label ? `${consumer.kind} ${mdCode(consumer.label)}` : consumer.kind;
  const handled =
    consumer.handles === '*'
      ? 'handles every job name'
      : consumer.handles.length === 0
        ? `handles no job name; ${UNHANDLED_LINE[consumer.unhandled].replace('other', 'all')}`
        : `handles ${consumer.handles.map((n) => mdCode(n)).join(', ')}; ${UNHANDLED_LINE[consumer.unhandled]}`;
  let line = `- ${mdCode(consumer.service)}: ${what} at ${locationLink(linkBase, consumer)}, ${handled}`;
  if (consumer.conditions && consumer.conditions.length > 0) {
    line += `; only when ${consumer.conditions.map(mdText).join(' and ')}`;
  }
  // SPEC §3: a consumer no service provably reaches is attributed to its package; say so.
  if (libraries.has(consumer.service)) line += ' (library package: no service was found to run it)';
  return line;
}

function ownerCell(queue: QueueEntry): string {
  return queue.owner === null ? '—' : mdCode(queue.owner, true);
}

/** `## queue` section: owner, library, prefix, the job table and the consumer list. */
export function renderQueueSection(result: JobOwnersResult, queue: QueueEntry, linkBase: string): string[] {
  const libraries = new Set(result.services.filter((s) => s.kind === 'library').map((s) => s.name));
  const lines = [
    `## ${mdCode(queue.queue)}`,
    '',
    `- Owner: ${ownerLine(queue)}`,
    `- Library: ${queue.library}`,
    `- Prefix: ${mdCode(queue.prefix)}`,
    '',
  ];
  const jobs = result.jobs.filter((j) => j.queue === queue.queue && j.prefix === queue.prefix);
  if (jobs.length > 0) {
    lines.push('| Job | Producers | Consumers | Owner | Status |', '| --- | --- | --- | --- | --- |');
    const producers = producersByJob(queue);
    for (const job of jobs) {
      const cells = [
        mdCode(job.name, true),
        producerCell(producers.get(job.name) ?? [], linkBase),
        consumerCell(queue, job.name, linkBase),
        ownerCell(queue),
        STATUS[job.status],
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (queue.consumers.length > 0) {
    lines.push('Consumers:', '');
    for (const consumer of queue.consumers) lines.push(consumerLine(consumer, libraries, linkBase));
    lines.push('');
  }
  return lines;
}
