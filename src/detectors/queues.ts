import { ts } from '../util/typescript.js';
import { ROOT } from '../values/context.js';
import { UNDEF, unknown, type Value } from '../values/domain.js';
import { libraryOf } from '../values/library.js';
import { type DetectorContext, handlesIn, instantiate, location, openIn, reportedAt } from './context.js';
import { toName } from './names.js';

/**
 * Nothing is dropped silently (SPEC §3): a `new Queue(…)` / `new FlowProducer(…)` / Bull
 * `Queue(…)` whose name or prefix cannot be resolved is reported where it is made, even when no
 * producer uses it yet. (Producers and consumers on it report their own sites; the findings
 * share the cause's location and are merged by the rule.)
 */
export function detectQueueConstruction(node: ts.NewExpression | ts.CallExpression, dc: DetectorContext): void {
  const callee = dc.interp.question(() => dc.interp.eval(node.expression, ROOT), () => UNDEF);
  if (!isQueueClass(callee, ts.isNewExpression(node))) return;
  const instances = instantiate(
    dc,
    (ctx) => dc.interp.eval(node, ctx),
    (v) => openIn(...handlesIn(dc, v).flatMap((c) => [c.handle.name, c.handle.prefix])),
    () => unknown('bound: the evaluation budget ran out', node),
  );
  for (const inst of instances) {
    // A queue made in a function nobody calls (an admin helper, dead code) is used nowhere; its
    // producers and consumers, if any, report their own sites.
    if (inst.uncalled) continue;
    for (const { handle } of handlesIn(dc, inst.result)) {
      if (handle.role === 'worker') continue; // reported as a consumer
      const at = reportedAt(inst, node, handle.name);
      for (const [what, v] of [['queue', handle.role === 'flow' ? undefined : handle.name], ['prefix', handle.prefix]] as const) {
        if (!v) continue;
        const name = toName(dc.root, v, node, `queue ${what === 'queue' ? 'name' : 'prefix'}`);
        if ('unresolved' in name) dc.unresolved({ what, location: location(dc, at), reason: name.unresolved, text: name.text, ...(name.origin ? { origin: name.origin } : {}) });
      }
    }
  }
}

function isQueueClass(v: Value, isNew: boolean): boolean {
  if (v.k === 'oneOf') return v.alts.some((a) => isQueueClass(a.value, isNew));
  if (v.k !== 'lib' || v.instance) return false;
  const library = libraryOf(v);
  const name = v.path[v.path.length - 1];
  if (library === 'bullmq') return isNew && (name === 'Queue' || name === 'QueuePro' || name === 'FlowProducer' || name === 'FlowProducerPro');
  if (library === 'bull') return v.path.length === 0 || name === 'default' || name === 'Queue';
  return false;
}
