import type { Name } from '../detectors/facts.js';
import { consumingServices, type ModelQueue, uniqueSorted } from '../model/model.js';
import { consumerLocation, list, plural, producedNames, say, sortLocations } from './describe.js';
import type { RawFinding, Rule } from './types.js';

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
    return model.queues.flatMap((queue) => (queue.resolved ? resolvedQueueFindings(queue) : sharedExpressionFindings(queue)));
  },
};

function resolvedQueueFindings(queue: ModelQueue): RawFinding[] {
  const services = consumingServices(queue);
  if (services.length < 2) return [];
  const names = producedNames(queue);
  const perService = services
    .map((s) => {
      const consumers = queue.consumers.filter((c) => c.services.some((a) => a.service === s));
      const handled = consumers.some((c) => c.fact.handles === '*')
        ? 'every name'
        : list([...new Set(consumers.flatMap((c) => (c.fact.handles === '*' ? [] : c.fact.handles)))].sort());
      return `${s}: ${handled || 'no name'}`;
    })
    .join('; ');
  const atStake = names.length > 0 ? `every job on it (${list(names)})` : 'every job on it';
  const how = queue.libraries.has('bull') && !queue.libraries.has('bullmq')
    ? 'Bull hands any job to any consuming instance and fails it where no handler matches'
    : 'BullMQ never routes by job name: each worker takes the next job, whatever its name';
  const last = services[services.length - 1]!;
  return [{
    rule: 'multiple-owners',
    queue: queue.name,
    job: null,
    services,
    ...say(
      `Queue "${queue.name}" is consumed by ${plural(services.length, 'service')}: ${services.join(', ')}`,
      `${how}, so these services race for ${atStake}. Names each service handles: ${perService}. Give each job type its own queue, or let one service (e.g. "${last}") own "${queue.name}" and remove the other consumers.`,
    ),
    locations: sortLocations(queue.consumers.map(consumerLocation)),
  }];
}

/**
 * A queue whose name cannot be resolved (`new Worker(sessionsQueue.name)` where the name is
 * `getQueueName('sessions')`) is still one queue at runtime for every consumer whose name is
 * the very same expression: consumers in two services on it race exactly like the incident.
 * Only module-level expressions qualify (one value per process); names computed inside
 * functions and loops may differ on every call.
 */
function sharedExpressionFindings(queue: ModelQueue): RawFinding[] {
  const groups = new Map<string, ModelQueue['consumers']>();
  for (const c of queue.consumers) {
    const name = c.fact.queue;
    if (!('unresolved' in name) || !name.origin || !name.shared) continue;
    const key = `${name.origin.file}:${name.origin.line}:${name.origin.column}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].flatMap((consumers) => {
    const services = uniqueSorted(consumers.flatMap((c) => c.services.map((s) => s.service)));
    if (services.length < 2) return [];
    const name = consumers[0]!.fact.queue as Extract<Name, { unresolved: string }>;
    const { file, line, column } = name.origin!;
    return [{
      rule: 'multiple-owners' as const,
      queue: null,
      job: null,
      services,
      ...say(
        `The queue named by \`${name.text}\` is consumed by ${plural(services.length, 'service')}: ${services.join(', ')}`,
        `Its name cannot be resolved statically (it is computed in ${file}), but every consumer listed takes its name from that same expression, so they share one queue at runtime. BullMQ never routes by job name, so these services race for every job on it. Let one service own it and remove the other consumers.`,
      ),
      locations: sortLocations([...consumers.map(consumerLocation), { file, line, column }]),
    }];
  });
}
