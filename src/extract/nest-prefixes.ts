import { ts } from '../util/typescript.js';
import type { AnalysisContext } from './context.js';
import type { Fact, Name } from './facts.js';
import { nestLibrary } from './libraries.js';
import { optionName } from './queue-binding.js';
import { joinListed } from '../util/paths.js';

const DEFAULT_PREFIX = 'bull';

/**
 * In Nest, a queue's prefix is set where it is registered — `BullModule.registerQueue({ name,
 * prefix })`, else `BullModule.forRoot({ prefix })` — and inherited by `@InjectQueue` producers
 * and `@Processor` consumers (SPEC §2.3; research C4.5). This pass gives those facts the prefix of
 * their queue's registration when every registration of that queue name agrees; two different
 * prefixes for one name (two apps) keep the default rather than guessing.
 */
export function applyNestPrefixes(facts: Fact[], ctx: AnalysisContext, files: string[]): Fact[] {
  if (!facts.some(isNestFact)) return facts;
  // queue name → the prefixes its registrations give ('' = none given: forRoot's applies)
  const registered = new Map<string, Set<string>>();
  const roots = new Set<string>();
  for (const rel of files) {
    const abs = joinListed(ctx.root, rel);
    if (!ctx.store.hasMarker(abs, 'BullModule')) continue;
    const sf = ctx.store.get(abs);
    if (sf) collect(sf, ctx, registered, roots);
  }
  if (registered.size === 0 && roots.size === 0) return facts;
  const rootPrefix = roots.size === 1 ? [...roots][0] : undefined;
  if (rootPrefix === DEFAULT_PREFIX && [...registered.values()].every((set) => [...set].every((p) => p === '' || p === DEFAULT_PREFIX))) return facts;
  return facts.map((fact) => {
    if (!isNestFact(fact) || fact.prefix || !('value' in fact.queue)) return fact;
    const own = [...(registered.get(fact.queue.value) ?? [])].map((p) => p || rootPrefix || 'bull');
    const distinct = [...new Set(own)];
    const prefix = distinct.length === 1 ? distinct[0] : distinct.length === 0 ? rootPrefix : undefined;
    return prefix ? { ...fact, prefix: { value: prefix } } : fact;
  });
}

function isNestFact(fact: Fact): boolean {
  return fact.type === 'consumer' ? !!fact.nestClass || !!fact.nestRegister : !!fact.viaNest;
}

function collect(sf: ts.SourceFile, ctx: AnalysisContext, registered: Map<string, Set<string>>, roots: Set<string>): void {
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const origin = ctx.originOf(node.expression.expression);
      if (origin?.name === 'BullModule' && nestLibrary(origin.module)) {
        if (method.startsWith('registerQueue')) {
          for (const arg of node.arguments) {
            const target = ctx.evaluator.objectOf(arg);
            if (!target || target.kind !== 'object') continue;
            const name = ctx.evaluator.member(target, 'name');
            const queue = 'expr' in name ? ctx.evaluator.string(name.expr) : { ok: true as const, value: 'default' };
            if (!queue.ok) continue;
            const prefix = resolvedValue(optionName(arg, 'prefix', ctx));
            const set = registered.get(queue.value) ?? new Set<string>();
            set.add(prefix ?? '');
            registered.set(queue.value, set);
          }
        } else if (method.startsWith('forRoot')) {
          const options = node.arguments.find((a) => ctx.evaluator.objectOf(a)?.kind === 'object');
          roots.add(resolvedValue(optionName(options, 'prefix', ctx)) ?? DEFAULT_PREFIX);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

function resolvedValue(name: Name | undefined): string | undefined {
  return name && 'value' in name ? name.value : undefined;
}
