import { say } from './describe.js';
import type { Rule } from './types.js';

/**
 * A Nest `@Processor` class that no service runs: no module reachable from a bootstrap lists it,
 * or the app registers no queue. It never consumes; usually a forgotten provider (SPEC §2.5).
 */
export const unregisteredProcessor: Rule = {
  id: 'unregistered-processor',
  defaultSeverity: 'warn',
  description: 'A NestJS @Processor class is not live in any service.',
  check(_model, context) {
    return context.deadProcessors.map((p) => ({
      rule: 'unregistered-processor' as const,
      queue: p.queue,
      job: null,
      services: [],
      ...say(
        `@Processor class ${p.label} is not live in any service, so it never consumes "${p.queue ?? '?'}"`,
        'It is not a provider of any module that a service bootstraps (or that service registers no queue). Add it to the providers of a module the owning app imports, or delete it.',
      ),
      locations: [{ file: p.file, line: p.line, column: p.column }],
    }));
  },
};
