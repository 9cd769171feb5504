import { consumerLocation, producerLocation, say, sortLocations } from './describe.js';
import { uniqueSorted } from '../model/model.js';
import type { Rule } from './types.js';

/** Bull and BullMQ on one prefix + name write the same Redis keys in incompatible formats (SPEC §2.3). */
export const mixedLibraries: Rule = {
  id: 'mixed-libraries',
  defaultSeverity: 'error',
  description: 'Bull and BullMQ share one queue identity.',
  check(model) {
    return model.queues
      .filter((q) => q.resolved && q.libraries.size > 1)
      .map((queue) => ({
        rule: 'mixed-libraries' as const,
        queue: queue.name,
        job: null,
        services: uniqueSorted([...queue.consumers, ...queue.producers].flatMap((x) => x.services.map((s) => s.service))),
        ...say(
          `Queue "${queue.name}" (prefix "${queue.prefix}") is used through both Bull and BullMQ`,
          'They write the same Redis keys in incompatible formats. Finish the migration on a new queue name or a new prefix.',
        ),
        locations: sortLocations([
          ...queue.consumers.map(consumerLocation),
          ...queue.producers.map(producerLocation),
        ]),
      }));
  },
};
