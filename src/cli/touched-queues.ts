import type { Finding, JobOwnersResult, QueueEntry } from '../model/result.js';

/**
 * Which findings a changed-scope run (`--staged`, `--changed-since`) reports: those about a queue
 * the change touched *on either side*, and those located in a changed file. A queue is touched
 * when its producers or consumers differ between the base analysis and the current one (one
 * added, removed, renamed, moved to another file, line or service, handling other names) or
 * when one of them, on either side, is in a changed file. Comparing both analyses is what
 * catches a deleted consumer, a worker whose queue was renamed, a removed producer or a processor
 * taken out of its module: none of those leaves anything in a changed file of the current tree.
 *
 * Pure: the two results and the changed paths (relative to the analysed root) in, findings out.
 */
export function findingsInScope(current: JobOwnersResult, base: JobOwnersResult | undefined, changed: ReadonlySet<string>, options: { everything?: boolean } = {}): Finding[] {
  if (options.everything) return current.findings;
  const touched = touchedQueues(current, base, changed);
  return current.findings.filter(
    (f) =>
      // An input the analysis could not read makes every verdict uncertain: always shown.
      f.rule === 'unreadable-input' ||
      (f.queue !== null && touched.has(f.queue)) ||
      f.locations.some((l) => changed.has(l.file)),
  );
}

/** Names of the queues the change touched (findings name a queue by its name). */
export function touchedQueues(current: JobOwnersResult, base: JobOwnersResult | undefined, changed: ReadonlySet<string>): Set<string> {
  const now = signatures(current.queues);
  const before = signatures(base?.queues ?? []);
  const touched = new Set<string>();
  for (const name of new Set([...now.keys(), ...before.keys()])) {
    if (now.get(name) !== before.get(name)) touched.add(name);
  }
  for (const queue of [...current.queues, ...(base?.queues ?? [])]) {
    if ([...queue.consumers, ...queue.producers].some((x) => changed.has(x.file))) touched.add(queue.queue);
  }
  return touched;
}

/** Per queue name, every consumer and producer as one line each, sorted: equal iff unchanged. */
function signatures(queues: QueueEntry[]): Map<string, string> {
  const lines = new Map<string, string[]>();
  for (const q of queues) {
    const list = lines.get(q.queue) ?? [];
    for (const c of q.consumers) {
      list.push(JSON.stringify(['c', q.prefix, c.library, c.kind, c.service, c.file, c.line, c.column, c.handles, c.unhandled, c.definition]));
    }
    for (const p of q.producers) list.push(JSON.stringify(['p', q.prefix, p.library, p.kind, p.service, p.file, p.line, p.column, p.job]));
    lines.set(q.queue, list);
  }
  return new Map([...lines].map(([name, list]) => [name, list.sort().join('\n')]));
}
