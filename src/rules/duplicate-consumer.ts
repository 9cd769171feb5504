import { consumerLocation, plural, say, sortLocations } from './describe.js';
import type { Rule } from './types.js';

/**
 * Two distinct consumer definitions on one queue inside one service split its jobs at random.
 * Replicas of one definition are fine; so are several `@nestjs/bull` processor classes of one
 * app, whose `@Process` handlers merge into one Bull queue instance (SPEC §2.4).
 */
export const duplicateConsumer: Rule = {
  id: 'duplicate-consumer',
  defaultSeverity: 'warn',
  description: 'More than one distinct consumer definition on one queue inside one service.',
  check(model) {
    return model.queues
      .filter((q) => q.resolved)
      .flatMap((queue) => {
        const services = [...new Set(queue.consumers.flatMap((c) => c.services.map((s) => s.service)))].sort();
        return services.flatMap((service) => {
          const consumers = queue.consumers.filter((c) => c.services.some((s) => s.service === service));
          const mergedBull = consumers.every((c) => c.fact.library === 'bull' && c.fact.kind === 'nest-processor');
          const definitions = new Set(consumers.map((c) => c.fact.definition));
          if (definitions.size < 2 || mergedBull) return [];
          return [{
            rule: 'duplicate-consumer' as const,
            queue: queue.name,
            job: null,
            services: [service],
            ...say(
              `Service "${service}" starts ${plural(definitions.size, 'different consumer')} on queue "${queue.name}"`,
              'Each takes a random share of every job. Merge them into one processor that dispatches on job.name, or move job types to separate queues.',
            ),
            locations: sortLocations(consumers.map(consumerLocation)),
          }];
        });
      });
  },
};
