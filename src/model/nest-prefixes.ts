import type { Fact, Name, NestApp } from '../detectors/facts.js';

const DEFAULT_PREFIX = 'bull';

/**
 * In Nest, a queue's prefix is set where it is registered — `BullModule.registerQueue({ name,
 * prefix })`, else `BullModule.forRoot({ prefix })` — and inherited by `@InjectQueue` producers
 * and `@Processor` consumers (SPEC §2.3). Facts get the prefix of their queue's registrations
 * when every registration of that queue name agrees; disagreeing registrations keep the
 * default rather than guessing.
 */
export function applyNestPrefixes(facts: Fact[], apps: readonly NestApp[]): Fact[] {
  const registered = new Map<string, Set<string>>();
  const roots = new Set<string>();
  for (const app of apps) {
    for (const r of app.registrations) {
      r.queues.forEach((q, i) => {
        const prefix = r.prefixes[i];
        if (r.kind === 'root') {
          if (prefix && 'value' in prefix) roots.add(prefix.value);
          return;
        }
        if (!('value' in q)) return;
        const set = registered.get(q.value) ?? new Set<string>();
        set.add(prefix && 'value' in prefix ? prefix.value : '');
        registered.set(q.value, set);
      });
    }
  }
  if (registered.size === 0 && roots.size === 0) return facts;
  const rootPrefix = roots.size === 1 ? [...roots][0] : undefined;
  return facts.map((fact) => {
    const nest = (fact.type === 'producer' && fact.viaNest) || (fact.type === 'consumer' && (fact.kind === 'nest-processor' || fact.kind === 'register-queue'));
    if (!nest || fact.prefix || !('value' in fact.queue)) return fact;
    const own = [...(registered.get(fact.queue.value) ?? [])].map((p) => p || rootPrefix || DEFAULT_PREFIX);
    const distinct = [...new Set(own)];
    const prefix = distinct.length === 1 ? distinct[0] : distinct.length === 0 ? rootPrefix : undefined;
    return prefix && prefix !== DEFAULT_PREFIX ? { ...fact, prefix: { value: prefix } satisfies Name } : fact;
  });
}
