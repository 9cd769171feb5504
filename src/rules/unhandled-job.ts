import { consumingServices, handlesName } from '../model/model.js';
import { list, producedNames, producerLocation, say, sortLocations, unhandledDescription } from './describe.js';
import type { Rule } from './types.js';

/** A produced job name reaches consumers, but none of them handles it. */
export const unhandledJob: Rule = {
  id: 'unhandled-job',
  defaultSeverity: 'error',
  description: 'A produced job type is handled by none of its queue\'s consumers.',
  check(model) {
    return model.queues
      // A consumer with a `case` label we could not evaluate might handle the name: that is an
      // `unresolved-name` warning already, not an error we can stand behind.
      .filter((q) => q.resolved && q.consumers.length > 0 && q.consumers.every((c) => c.fact.unresolvedHandled.length === 0))
      .flatMap((queue) =>
        producedNames(queue)
          .filter((job) => !queue.consumers.some((c) => handlesName(c, job)))
          .map((job) => {
            const producers = queue.producers.filter((p) => p.job === job);
            const behaviours = [...new Set(queue.consumers.map((c) => unhandledDescription(c.fact.unhandled, c.fact.library)))];
            return {
              rule: 'unhandled-job' as const,
              queue: queue.name,
              job,
              services: consumingServices(queue),
              ...say(
                `Job "${job}" is added to queue "${queue.name}", but no consumer of that queue handles it`,
                `Its consumers handle ${list([...new Set(queue.consumers.flatMap((c) => (c.fact.handles === '*' ? [] : c.fact.handles)))].sort()) || 'no name'}; such jobs are ${behaviours.join(' or ')}. Add a handler for "${job}" to the owning consumer, or stop producing it.`,
              ),
              locations: sortLocations(producers.map(producerLocation)),
            };
          }),
      );
  },
};
