import { closestMatch } from '../config/did-you-mean.js';
import { consumingServices, handlesName, uniqueSorted } from '../model/model.js';
import { consumerLocation, list, producerLocation, say, sortLocations } from './describe.js';
import type { RawFinding, Rule } from './types.js';

/**
 * The config's `owners` contract (queue or `queue:job` → service) disagrees with the code:
 * another service consumes the queue, or nobody does.
 */
export const ownerMismatch: Rule = {
  id: 'owner-mismatch',
  defaultSeverity: 'error',
  description: 'The declared owner of a queue or job type differs from the code.',
  check(model, context) {
    const findings: RawFinding[] = [];
    const resolved = model.queues.filter((q) => q.resolved);
    const queueNames = uniqueSorted(resolved.map((q) => q.name));
    for (const [key, owner] of Object.entries(context.config.owners).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const { queueName, job } = splitKey(key, queueNames);
      const queues = resolved.filter((q) => q.name === queueName);
      const consumers = queues.flatMap((q) => q.consumers).filter((c) => job === null || handlesName(c, job));
      const actual = uniqueSorted(consumers.flatMap((c) => c.services.map((s) => s.service)));
      if (actual.length === 1 && actual[0] === owner) continue;
      const what = job === null ? `queue "${queueName}"` : `job "${job}" on queue "${queueName}"`;
      const queueConsumers = uniqueSorted(queues.flatMap((q) => consumingServices(q)));
      const producers = queues.flatMap((q) => q.producers).filter((p) => job === null || p.job === job);
      let found: string;
      let fix: string;
      if (queues.length === 0) {
        const hint = closestMatch(queueName, queueNames);
        found = `no queue "${queueName}" appears in the code`;
        fix = hint ? `Did you mean "${hint}"? Fix the key in "owners".` : 'Fix or remove the key in "owners".';
      } else if (actual.length === 0) {
        const consumed = job !== null && queueConsumers.length > 0;
        found = consumed ? 'no consumer of the queue handles it' : 'no service consumes it';
        fix = `${consumed ? `The queue is consumed by ${list(queueConsumers)}. ` : ''}Add a consumer in "${owner}", or update "owners" in the config.`;
      } else {
        found = `it is consumed by ${list(actual)}`;
        fix = `Move the consumer to "${owner}" (and remove the others), or update "owners" in the config.`;
      }
      findings.push({
        rule: 'owner-mismatch',
        queue: queueName,
        job,
        services: uniqueSorted([owner, ...actual, ...queueConsumers]),
        ...say(`The config declares "${owner}" as the owner of ${what}, but ${found}`, fix),
        // Where to act: the consumers; with none, the producers whose jobs nobody takes.
        locations: sortLocations(
          consumers.length > 0
            ? consumers.map(consumerLocation)
            : producers.map(producerLocation),
        ),
      });
    }
    return findings;
  },
};

/**
 * `queue` or `queue:job`. Queue names may contain `:` themselves, so a key that names a known
 * queue whole is a queue; otherwise the longest known queue before a `:` wins; otherwise the
 * first `:` splits.
 */
function splitKey(key: string, queueNames: readonly string[]): { queueName: string; job: string | null } {
  if (queueNames.includes(key)) return { queueName: key, job: null };
  for (let at = key.lastIndexOf(':'); at > 0; at = key.lastIndexOf(':', at - 1)) {
    if (queueNames.includes(key.slice(0, at))) return { queueName: key.slice(0, at), job: key.slice(at + 1) };
  }
  const colon = key.indexOf(':');
  return colon === -1 ? { queueName: key, job: null } : { queueName: key.slice(0, colon), job: key.slice(colon + 1) };
}
