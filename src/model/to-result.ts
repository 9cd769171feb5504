import { isResolved } from '../detectors/facts.js';
import type { ConsumerEntry, Finding, JobEntry, JobOwnersResult, ProducerEntry, QueueEntry, ServiceInfo, SkippedFile, SuppressedFinding, UnreachedEntry } from './result.js';
import { SCHEMA_VERSION } from './result.js';
import { withMessageParts } from './message-parts.js';
import { compareStrings, consumingServices, handlesName, type ModelQueue, type OwnershipModel, uniqueSorted, UNRESOLVED_JOB } from './model.js';

export const TOOL_VERSION = '1.0.0';

/** Turns the model and findings into the public JSON result, sorted so output is deterministic. */
export function toResult(input: {
  model: OwnershipModel;
  services: ServiceInfo[];
  findings: Finding[];
  skipped: SkippedFile[];
  suppressed: number;
}): JobOwnersResult {
  const queues = input.model.queues.map(queueEntry).sort((a, b) => compareStrings(a.queue, b.queue) || compareStrings(a.prefix, b.prefix));
  const jobs = input.model.queues.filter((q) => q.resolved).flatMap(jobEntries).sort((a, b) => compareStrings(a.queue, b.queue) || compareStrings(a.prefix, b.prefix) || compareStrings(a.name, b.name));
  const findings = sortFindings(input.findings);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'job-owners', version: TOOL_VERSION },
    services: [...input.services].sort((a, b) => compareStrings(a.name, b.name)),
    queues,
    jobs,
    findings,
    skipped: [...input.skipped].sort((a, b) => compareStrings(a.file, b.file)),
    unreached: unreachedEntries(input.model),
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warn').length,
      suppressed: input.suppressed,
    },
  };
}

function queueEntry(queue: ModelQueue): QueueEntry {
  const consumers: ConsumerEntry[] = queue.consumers.flatMap((c) =>
    c.services.map((s) => ({
      service: s.service,
      file: c.fact.location.file,
      line: c.fact.location.line,
      column: c.fact.location.column,
      kind: c.fact.kind,
      library: c.fact.library,
      handles: c.fact.handles === '*' ? '*' : [...c.fact.handles],
      unhandled: c.fact.unhandled,
      definition: c.fact.definition,
      attribution: s.attribution,
      ...(s.conditions?.length ? { conditions: s.conditions } : {}),
      ...(c.fact.label ? { label: c.fact.label } : {}),
      evidence: [...c.fact.evidence],
      ...(s.via?.length ? { via: s.via } : {}),
    })),
  );
  const producers: ProducerEntry[] = queue.producers.flatMap((p) =>
    p.services.map((s) => ({
      service: s.service,
      file: p.fact.location.file,
      line: p.fact.location.line,
      column: p.fact.location.column,
      kind: p.fact.kind,
      library: p.fact.library,
      job: p.job,
      attribution: s.attribution,
      ...(s.via?.length ? { via: s.via } : {}),
    })),
  );
  const services = consumingServices(queue);
  return {
    queue: queue.name,
    alternatives: [...queue.alternatives].sort(compareStrings),
    prefix: queue.prefix,
    library: queue.libraries.size > 1 ? 'mixed' : [...queue.libraries][0] ?? 'bullmq',
    owner: queue.resolved && services.length === 1 ? services[0]! : null,
    consumers: dedupe(consumers).sort(byLocationThen((x) => x.service)),
    producers: dedupe(producers).sort(byLocationThen((x) => `${x.service}\0${x.job}`)),
  };
}

function jobEntries(queue: ModelQueue): JobEntry[] {
  const names = new Set<string>();
  for (const p of queue.producers) if (p.job !== UNRESOLVED_JOB) names.add(p.job);
  for (const c of queue.consumers) if (c.fact.handles !== '*') c.fact.handles.forEach((n) => names.add(n));
  const receivers = consumingServices(queue);
  return [...names].map((name) => {
    const producers = uniqueSorted(queue.producers.filter((p) => p.job === name).flatMap((p) => p.services.map((s) => s.service)));
    const handlers = uniqueSorted(queue.consumers.filter((c) => handlesName(c, name)).flatMap((c) => c.services.map((s) => s.service)));
    const status: JobEntry['status'] =
      receivers.length > 1 ? 'conflict'
        : producers.length === 0 ? 'orphan'
          : receivers.length === 0 ? 'no-consumer'
            : handlers.length === 0 ? 'unhandled'
              : 'ok';
    return { queue: queue.name, prefix: queue.prefix, name, producers, receivers, handlers, status };
  });
}

function unreachedEntries(model: OwnershipModel): UnreachedEntry[] {
  const name = (n: { value: string } | { unresolved: string }): string => ('value' in n ? n.value : UNRESOLVED_JOB);
  const entries = model.unreached.map((f): UnreachedEntry => ({
    type: f.type,
    kind: f.kind,
    library: f.library,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    queue: name(f.queue),
    ...(f.type === 'producer' ? { job: name(f.job) } : {}),
    ...(f.symbol ? { symbol: f.symbol } : {}),
  }));
  return dedupe(entries).sort(byLocationThen((x) => `${x.type}\0${x.queue}\0${x.job ?? ''}`));
}

/**
 * The same result with another set of findings (after suppression): re-sorted and re-counted.
 * `suppressedFindings`, when given and not empty, replaces the result's list of them.
 */
export function withFindings(result: JobOwnersResult, findings: Finding[], suppressed: number, suppressedFindings?: SuppressedFinding[]): JobOwnersResult {
  const sorted = sortFindings(findings);
  const { suppressedFindings: previous, ...rest } = result;
  const accepted = suppressedFindings ?? previous;
  return {
    ...rest,
    findings: sorted,
    ...(accepted && accepted.length > 0 ? { suppressedFindings: sortFindings(accepted) } : {}),
    summary: {
      ...result.summary,
      errors: sorted.filter((f) => f.severity === 'error').length,
      warnings: sorted.filter((f) => f.severity === 'warn').length,
      suppressed,
    },
  };
}

const SEVERITY_ORDER = { error: 0, warn: 1 } as const;

export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return findings.map(withMessageParts).sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.queue ?? '', b.queue ?? '') ||
    compareStrings(a.job ?? '', b.job ?? '') ||
    compareStrings(a.locations[0]?.file ?? '', b.locations[0]?.file ?? '') ||
    (a.locations[0]?.line ?? 0) - (b.locations[0]?.line ?? 0) ||
    (a.locations[0]?.column ?? 0) - (b.locations[0]?.column ?? 0) ||
    compareStrings(a.services.join(','), b.services.join(',')) ||
    compareStrings(a.message, b.message),
  );
}

function byLocationThen<T extends { file: string; line: number; column: number }>(tail: (x: T) => string) {
  return (a: T, b: T): number => compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(tail(a), tail(b));
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { isResolved };
