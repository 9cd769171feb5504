import { isResolved, type Name, type UnresolvedSite } from '../detectors/facts.js';
import { uniqueSorted } from '../model/model.js';
import type { SourceLocation } from '../model/result.js';
import { plural, say, sortLocations } from './describe.js';
import type { RawFinding, Rule } from './types.js';

interface Occurrence {
  what: string;
  location: SourceLocation;
  text: string;
  reason: string;
  origin?: SourceLocation;
  queue: string | null;
  services: string[];
}

/**
 * A queue or job name that cannot be resolved statically — never guessed, never dropped: the
 * site is kept under the `<unresolved>` queue (or its job under `<unresolved>`), and this warning
 * says exactly where and why. Sites that share one cause (a helper used by 14 queues, a
 * module-level `process.env` read) are one finding listing every site.
 */
export const unresolvedName: Rule = {
  id: 'unresolved-name',
  defaultSeverity: 'warn',
  description: 'A queue or job name cannot be resolved statically.',
  check(model, context) {
    const occurrences: Occurrence[] = [];
    const add = (name: Name | undefined, what: string, queue: string | null, services: string[]): void => {
      if (!name || isResolved(name)) return;
      occurrences.push({ what, location: name.location, text: name.text, reason: name.unresolved, ...(name.origin ? { origin: name.origin } : {}), queue, services });
    };
    for (const queue of model.queues) {
      const queueName = queue.resolved ? queue.name : null;
      for (const c of queue.consumers) {
        const services = uniqueSorted(c.services.map((s) => s.service));
        add(c.fact.queue, 'queue name of this consumer', queueName, services);
        add(c.fact.prefix, 'queue prefix of this consumer', queueName, services);
        for (const n of c.fact.unresolvedHandled) add(n, 'job name handled here', queueName, services);
      }
      for (const p of queue.producers) {
        const services = uniqueSorted(p.services.map((s) => s.service));
        add(p.fact.queue, 'queue name of this producer', queueName, services);
        add(p.fact.prefix, 'queue prefix of this producer', queueName, services);
        add(p.fact.job, 'job name of this producer', queueName, services);
      }
    }
    for (const site of context.unresolvedSites) occurrences.push(fromSite(site));
    return group(occurrences);
  },
};

function fromSite(site: UnresolvedSite): Occurrence {
  const what = site.what === 'module' ? 'module list' : site.what === 'queue' ? 'queue name' : site.what === 'prefix' ? 'queue prefix' : `${site.what}`;
  return { what, location: site.location, text: site.text, reason: site.reason, ...(site.origin ? { origin: site.origin } : {}), queue: null, services: [] };
}

/** One finding per cause: the place knowledge stopped, else the site itself. */
function group(occurrences: Occurrence[]): RawFinding[] {
  const groups = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const at = o.origin ?? o.location;
    const key = `${at.file}:${at.line}:${at.column}\0${o.origin ? o.reason.replace(/^[^:]*: /, '') : `${o.location.line}:${o.location.column}:${o.reason}`}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.values()].map((list) => {
    const first = list[0]!;
    const sites = sortLocations(list.map((o) => o.location));
    const queues = [...new Set(list.map((o) => o.queue))];
    const services = uniqueSorted(list.flatMap((o) => o.services));
    // The cause is listed too; on a site's own line (`new Worker(process.env.Q!)`) it stands for
    // that site, its column being the more precise one.
    const o = first.origin;
    const sameLine = (s: SourceLocation): boolean => !!o && s.file === o.file && s.line === o.line;
    const locations = sortLocations(o ? [...sites.filter((s) => !sameLine(s)), o] : sites);
    const subject = sites.length === 1 ? `The ${first.what} cannot be resolved statically: \`${first.text || '(missing)'}\`` : `${plural(sites.length, 'name')} cannot be resolved statically, for one cause (first \`${first.text}\`)`;
    const reason = `${first.reason.charAt(0).toUpperCase()}${first.reason.slice(1)}`;
    return {
      rule: 'unresolved-name' as const,
      queue: queues.length === 1 ? queues[0]! : null,
      job: null,
      services,
      ...say(subject, `${reason}, so job-owners cannot check ${sites.length === 1 ? 'its' : 'their'} ownership. Use a string constant (a literal, const, enum or \`as const\` object), or declare the wrapper in the config's "workers" list.`),
      locations,
    };
  });
}
