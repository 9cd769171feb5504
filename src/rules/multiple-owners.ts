import { consumingServices } from '../model/model.js';
import { consumerLocation, list, plural, producedNames, sortLocations } from './describe.js';
import type { Rule } from './types.js';

/**
 * Consumers of one queue run in more than one service. BullMQ never routes by job name: every
 * worker of a queue takes jobs of every name, so each service gets a random share of all jobs
 * (SPEC §2.1; Bull fails the ones it has no handler for, §2.2). This is the seed incident.
 */
export const multipleOwners: Rule = {
  id: 'multiple-owners',
  defaultSeverity: 'error',
  description: 'A queue is consumed by more than one service.',
  check(model) {
    return model.queues
      .filter((q) => q.resolved)
      .flatMap((queue) => {
        const services = consumingServices(queue);
        if (services.length < 2) return [];
        const names = producedNames(queue);
        const perService = services
          .map((s) => {
            const consumers = queue.consumers.filter((c) => c.services.some((a) => a.service === s));
            const handled = consumers.some((c) => c.fact.handles === '*') ? 'every name' : list([...new Set(consumers.flatMap((c) => (c.fact.handles === '*' ? [] : c.fact.handles)))].sort());
            return `${s} (handles ${handled || 'no name'})`;
          })
          .join(', ');
        const atStake = names.length > 0 ? `every job on it (${list(names)})` : 'every job on it';
        const how = queue.libraries.has('bull') && !queue.libraries.has('bullmq')
          ? 'Bull hands any job to any consuming instance and fails it where no handler matches'
          : 'BullMQ never routes by job name: each worker takes the next job, whatever its name';
        const last = services[services.length - 1]!;
        return [{
          rule: 'multiple-owners' as const,
          queue: queue.name,
          job: null,
          services,
          message: `Queue "${queue.name}" is consumed by ${plural(services.length, 'service')}: ${perService}. ${how}, so these services race for ${atStake}. Give each job type its own queue, or let one service (e.g. "${last}") own "${queue.name}" and remove the other consumers.`,
          locations: sortLocations(queue.consumers.map(consumerLocation)),
        }];
      });
  },
};
