import { uniqueSorted } from '../model/model.js';
import { consumerLocation, handledDescription, say } from './describe.js';
import type { Rule } from './types.js';

/**
 * A consumer that handles some names and *completes* the others (early `return`, `switch` without
 * a throwing `default`). BullMQ marks such jobs completed: the work is silently lost — the seed
 * incident's failure mode. One finding per consumer definition.
 */
export const silentCompletion: Rule = {
  id: 'silent-completion',
  defaultSeverity: 'warn',
  description: 'A consumer completes jobs whose name it does not handle.',
  check(model) {
    return model.queues
      .filter((q) => q.resolved)
      .flatMap((queue) => {
        const silent = queue.consumers.filter((c) => c.fact.handles !== '*' && c.fact.unhandled === 'completes');
        // One finding per definition, naming every service any copy of it runs in.
        const byDefinition = new Map<string, typeof silent>();
        for (const c of silent) byDefinition.set(c.fact.definition, [...(byDefinition.get(c.fact.definition) ?? []), c]);
        return [...byDefinition.values()]
          .map((copies) => {
            const c = copies[0]!;
            const services = uniqueSorted(copies.flatMap((x) => x.services.map((s) => s.service)));
            return {
              rule: 'silent-completion' as const,
              queue: queue.name,
              job: null,
              services,
              ...say(
                `This consumer of "${queue.name}"${c.fact.label ? ` (${c.fact.label})` : ''} completes jobs it does not handle`,
                `It handles only ${handledDescription(c)} and returns for any other job name, which marks those jobs completed without doing the work. Throw for names it does not handle, or give those job types their own queue.`,
              ),
              locations: [consumerLocation(c)],
            };
          });
      });
  },
};
