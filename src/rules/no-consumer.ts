import { uniqueSorted } from '../model/model.js';
import { producedNames, producerLocation, sortLocations } from './describe.js';
import type { Rule } from './types.js';

/** A job type is produced but nothing in the repo consumes its queue: jobs wait forever. */
export const noConsumer: Rule = {
  id: 'no-consumer',
  defaultSeverity: 'error',
  description: 'A produced job type has no consumer.',
  check(model) {
    return model.queues
      .filter((q) => q.resolved && q.consumers.length === 0)
      .flatMap((queue) =>
        producedNames(queue).map((job) => {
          const producers = queue.producers.filter((p) => p.job === job);
          const scheduler = producers.some((p) => p.fact.kind === 'scheduler')
            ? ' A job scheduler on a queue without workers also stops after its first job.'
            : '';
          const prefixNote = queue.prefix !== 'bull' ? ` (prefix "${queue.prefix}")` : '';
          return {
            rule: 'no-consumer' as const,
            queue: queue.name,
            job,
            services: uniqueSorted(producers.flatMap((p) => p.services.map((s) => s.service))),
            message: `Job "${job}" is added to queue "${queue.name}"${prefixNote}, but no service consumes that queue, so these jobs wait forever.${scheduler} Start a worker for "${queue.name}" in the service that should own it (check that its prefix matches), or stop producing "${job}".`,
            locations: sortLocations(producers.map(producerLocation)),
          };
        }),
      );
  },
};
