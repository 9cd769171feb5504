import { type Fact, isResolved, type Name } from '../detectors/facts.js';
import type { Attribution } from './attribution.js';
import { type ModelQueue, type OwnershipModel, UNRESOLVED_JOB, UNRESOLVED_QUEUE } from './model.js';

export const DEFAULT_PREFIX = 'bull';

/** Groups facts by queue identity (prefix + name) and attaches the services each one runs in. */
export function buildModel(facts: Fact[], attribute: (fact: Fact) => Attribution[]): OwnershipModel {
  const queues = new Map<string, ModelQueue>();
  const unreached: Fact[] = [];
  for (const fact of facts) {
    const services = attribute(fact);
    if (services.length === 0) {
      unreached.push(fact); // code no process runs: listed, never counted
      continue;
    }
    // An unresolved prefix is as unknown an identity as an unresolved name (SPEC §2.3).
    const resolved = isResolved(fact.queue) && (!fact.prefix || isResolved(fact.prefix));
    const name = resolved ? (fact.queue as { value: string }).value : UNRESOLVED_QUEUE;
    const prefix = prefixOf(fact.prefix);
    const key = resolved ? `${prefix}:${name}` : UNRESOLVED_QUEUE;
    let queue = queues.get(key);
    if (!queue) {
      queue = { key, name, prefix: resolved ? prefix : DEFAULT_PREFIX, libraries: new Set(), consumers: [], producers: [], resolved, alternatives: new Set() };
      queues.set(key, queue);
    }
    queue.libraries.add(fact.library);
    if (isResolved(fact.queue)) for (const alt of fact.queue.alternatives ?? []) queue.alternatives.add(alt);
    if (fact.type === 'consumer') queue.consumers.push({ fact, services });
    else queue.producers.push({ fact, job: isResolved(fact.job) ? fact.job.value : UNRESOLVED_JOB, services });
  }
  return { queues: [...queues.values()], unreached };
}

function prefixOf(prefix: Name | undefined): string {
  if (!prefix) return DEFAULT_PREFIX;
  return isResolved(prefix) ? prefix.value : '<unresolved>';
}
