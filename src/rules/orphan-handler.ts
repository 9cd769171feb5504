import { uniqueSorted } from '../model/model.js';
import { producedNames, say } from './describe.js';
import type { Rule } from './types.js';

/** A consumer handles a job name that no producer in the repo creates (dead code, or an outside producer). */
export const orphanHandler: Rule = {
  id: 'orphan-handler',
  defaultSeverity: 'warn',
  description: 'A consumer handles a job name that no producer in the repository creates.',
  check(model) {
    // A producer whose queue could not be resolved may well be the one adding these names.
    const producedSomewhere = new Set(model.queues.filter((q) => !q.resolved).flatMap((q) => q.producers.map((p) => p.job)));
    return model.queues
      .filter((q) => q.resolved)
      .flatMap((queue) => {
        const produced = new Set(producedNames(queue));
        if (queue.producers.some((p) => p.job === '<unresolved>')) return []; // cannot tell
        // One finding per handler site, naming every service any consumer with it runs in.
        const sites = new Map<string, { e: (typeof queue.consumers)[number]['fact']['evidence'][number]; services: string[] }>();
        for (const c of queue.consumers) {
          for (const e of c.fact.evidence) {
            if (produced.has(e.name) || producedSomewhere.has(e.name)) continue;
            const key = `${e.name}@${e.file}:${e.line}:${e.column}`;
            const site = sites.get(key) ?? { e, services: [] };
            site.services.push(...c.services.map((s) => s.service));
            sites.set(key, site);
          }
        }
        return [...sites.values()].map(({ e, services }) => ({
              rule: 'orphan-handler' as const,
              queue: queue.name,
              job: e.name,
              services: uniqueSorted(services),
              ...say(
                `Job "${e.name}" is handled on queue "${queue.name}", but nothing in the repository adds it`,
                'Remove the dead handler, or, if the job is produced outside this repository, record that in the config\'s "ignore" list with a reason.',
              ),
              locations: [{ file: e.file, line: e.line, column: e.column }],
            }));
      });
  },
};
