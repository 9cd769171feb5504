import { isResolved, type Name } from '../extract/facts.js';
import { uniqueSorted } from '../model/model.js';
import { say } from './describe.js';
import type { RawFinding, Rule } from './types.js';

/**
 * A queue or job name that cannot be resolved statically. Never guessed, never dropped: the
 * fact is kept under the `<unresolved>` queue and this warning says exactly where.
 */
export const unresolvedName: Rule = {
  id: 'unresolved-name',
  defaultSeverity: 'warn',
  description: 'A queue or job name cannot be resolved statically.',
  check(model) {
    const findings: RawFinding[] = [];
    const report = (name: Name | undefined, what: string, queue: string | null, services: string[]): void => {
      if (!name || isResolved(name)) return;
      findings.push({
        rule: 'unresolved-name',
        queue,
        job: null,
        services,
        ...say(
          `The ${what} cannot be resolved statically: \`${name.text || '(missing)'}\``,
          `${name.unresolved.charAt(0).toUpperCase()}${name.unresolved.slice(1)}, so job-owners cannot check its ownership. Use a string constant (a literal, const, enum or \`as const\` object), or declare the wrapper in the config's "workers" list.`,
        ),
        locations: [{ file: name.location.file, line: name.location.line, column: name.location.column }],
      });
    };
    for (const queue of model.queues) {
      const queueName = queue.resolved ? queue.name : null;
      for (const c of queue.consumers) {
        const services = uniqueSorted(c.services.map((s) => s.service));
        report(c.fact.queue, 'queue name of this consumer', queueName, services);
        report(c.fact.prefix, 'queue prefix of this consumer', queueName, services);
        for (const n of c.fact.unresolvedHandled) report(n, 'job name handled here', queueName, services);
      }
      for (const p of queue.producers) {
        const services = uniqueSorted(p.services.map((s) => s.service));
        report(p.fact.queue, 'queue name of this producer', queueName, services);
        report(p.fact.prefix, 'queue prefix of this producer', queueName, services);
        report(p.fact.job, 'job name of this producer', queueName, services);
      }
    }
    return findings;
  },
};
