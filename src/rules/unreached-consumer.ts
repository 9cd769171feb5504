import { say } from './describe.js';
import type { RawFinding, Rule } from './types.js';

/**
 * A plain consumer (a `Worker`, a Bull `process`, a `registerQueue` processor) that only code no
 * deployed process reaches starts: a seed script, a test helper, a module nothing imports. It
 * consumes nothing in production — and if it is meant to, no process starts it (SPEC §3).
 */
export const unreachedConsumer: Rule = {
  id: 'unreached-consumer',
  defaultSeverity: 'warn',
  description: 'A consumer is started only by code that no deployed process runs.',
  check(_model, context) {
    return context.unreached.flatMap((fact): RawFinding[] => {
      if (fact.type !== 'consumer') return [];
      const queue = 'value' in fact.queue ? fact.queue.value : null;
      return [{
        rule: 'unreached-consumer',
        queue,
        job: null,
        services: [],
        ...say(
          `This consumer of ${queue ? `"${queue}"` : 'a queue'} (${fact.symbol}) runs in no deployed process`,
          `No process's entry file reaches the code that starts it (only a script, a test helper or an unused module does), so it takes no jobs. Start it from the process that should own ${queue ? `"${queue}"` : 'the queue'}, or delete it.`,
        ),
        locations: [{ file: fact.location.file, line: fact.location.line, column: fact.location.column }],
      }];
    });
  },
};
