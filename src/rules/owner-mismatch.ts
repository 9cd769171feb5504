import { consumingServices, handlesName, uniqueSorted } from '../model/model.js';
import { consumerLocation, list, sortLocations } from './describe.js';
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
    for (const [key, owner] of Object.entries(context.config.owners).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const colon = key.indexOf(':');
      const queueName = colon === -1 ? key : key.slice(0, colon);
      const job = colon === -1 ? null : key.slice(colon + 1);
      const queues = model.queues.filter((q) => q.resolved && q.name === queueName);
      const consumers = queues.flatMap((q) => q.consumers).filter((c) => job === null || handlesName(c, job));
      const actual = uniqueSorted(consumers.flatMap((c) => c.services.map((s) => s.service)));
      if (actual.length === 1 && actual[0] === owner) continue;
      const what = job === null ? `queue "${queueName}"` : `job "${job}" on queue "${queueName}"`;
      const found = actual.length === 0
        ? 'no service consumes it'
        : `it is consumed by ${list(actual)}`;
      findings.push({
        rule: 'owner-mismatch',
        queue: queueName,
        job,
        services: uniqueSorted([owner, ...actual, ...queues.flatMap((q) => consumingServices(q))]),
        message: `The config declares "${owner}" as the owner of ${what}, but ${found}. Move the consumer to "${owner}" (and remove the others), or update "owners" in the config.`,
        locations: sortLocations(consumers.map(consumerLocation)),
      });
    }
    return findings;
  },
};
