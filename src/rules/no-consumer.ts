import { uniqueSorted } from '../model/model.js';
import { plural, producedNames, producerLocation, say, sortLocations } from './describe.js';
import type { Rule } from './types.js';

/** A job type is produced but nothing in the repo consumes its queue: jobs wait forever. */
export const noConsumer: Rule = {
  id: 'no-consumer',
  defaultSeverity: 'error',
  description: 'A produced job type has no consumer.',
  check(model) {
    // Consumers whose queue name is unknown might be this queue's: the finding says so (SPEC §3:
    // an unresolved queue is not "a queue without consumer").
    const unknown = model.queues.filter((q) => !q.resolved).flatMap((q) => q.consumers);
    // Files, not lines: the message is part of the committed report, which must survive edits.
    const unknownSites = [...new Set(unknown.map((c) => c.fact.location.file))].sort();
    const caveat = unknownSites.length === 0
      ? ''
      : ` Note: ${plural(unknownSites.length, 'file')} in this repository ${unknownSites.length === 1 ? 'has a consumer whose queue name' : 'have consumers whose queue names'} that could not be resolved (${unknownSites.slice(0, 2).join(', ')}${unknownSites.length > 2 ? ', …' : ''}); if one of them is "QUEUE", make its name static.`;
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
            ...say(
              `Job "${job}" is added to queue "${queue.name}"${prefixNote}, but no service consumes that queue`,
              `These jobs wait forever.${scheduler} Start a worker for "${queue.name}" in the service that should own it (check that its prefix matches), or stop producing "${job}".${caveat.replace('QUEUE', queue.name)}`,
            ),
            locations: sortLocations(producers.map(producerLocation)),
          };
        }),
      );
  },
};
