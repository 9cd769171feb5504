import { ts } from '../util/typescript.js';
import { ROOT } from '../values/context.js';
import { type Handle, UNDEF, unknown, type Value } from '../values/domain.js';
import { nodeId, relativePath } from '../values/program.js';
import { type DetectorContext, type HandleChoice, handlesIn, instantiate, location, openIn, reportedAt, runsAt, symbolOf } from './context.js';
import { analyzeProcessor, type Dispatch } from './dispatch.js';
import type { ConsumerFact } from './facts.js';
import { toName } from './names.js';
import { sandboxedProcessor } from './sandboxed.js';

/**
 * BullMQ consumers made with `new`: `new Worker(queue, processor, opts)` (aliased, namespaced,
 * required, BullMQ Pro), and `new Sub(…)` of a class extending `Worker` — the queue reaching
 * the base constructor through `super(…)`. Each instantiation of the site (one per caller of
 * the wrapper that makes it) is one consumer definition.
 */
export function detectWorker(node: ts.NewExpression, dc: DetectorContext): void {
  if (!mayBeWorker(node, dc)) return;
  const instances = instantiate(
    dc,
    (ctx) => dc.interp.eval(node, ctx),
    (v) => {
      for (const { handle } of handlesIn(dc, v)) {
        const open = openIn(handle.name, handle.prefix, handle.processor?.k === 'open' ? handle.processor : undefined);
        if (open) return open;
      }
      return v.k === 'open' ? v : undefined;
    },
    () => unknown('bound: the evaluation budget ran out', node),
  );
  for (const inst of instances) {
    for (const choice of handlesIn(dc, inst.result)) {
      if (choice.handle.role === 'worker') dc.emit(workerFact(dc, choice, node, inst));
    }
  }
}

/** Cheap test before evaluating a whole `new`: the class is bullmq's Worker or extends it. */
function mayBeWorker(node: ts.NewExpression, dc: DetectorContext): boolean {
  const callee = dc.interp.question(() => dc.interp.eval(node.expression, ROOT), () => UNDEF);
  const check = (v: Value): boolean => {
    if (v.k === 'lib') return /Worker/.test(v.path[v.path.length - 1] ?? '');
    if (v.k === 'class') return dc.interp.instances.chain(v).libBase !== undefined;
    if (v.k === 'oneOf') return v.alts.some((a) => check(a.value));
    // A class passed in (`new Ctor(name, fn)`): a Worker only if its type says so or some file
    // hands a Worker class around as a value. Every `new this.modelType()` of a generic base
    // service is open too, and binding each through all its subclasses' callers cost seconds.
    return v.k === 'open' && (v.hint === 'worker' || dc.workerClassPassed());
  };
  return check(callee);
}

export function workerFact(dc: DetectorContext, choice: HandleChoice, site: ts.Node, inst: { ctx: import('../values/context.js').Ctx }): ConsumerFact {
  const h = choice.handle;
  const at = reportedAt(inst, site, h.name);
  const { dispatch, kind, label, processorId, processorFunctions } = readProcessor(dc, h, site);
  return {
    type: 'consumer',
    kind,
    library: h.library,
    location: location(dc, at),
    queue: toName(dc.root, h.name, at, 'queue name'),
    ...(h.prefix ? { prefix: toName(dc.root, h.prefix, at, 'queue prefix') } : {}),
    runs: runsAt(dc, inst, site),
    symbol: symbolOf(at),
    ...dispatch,
    definition: `${nodeId(dc.root, site)}#${processorId}`,
    ...(processorFunctions ? { processorFunctions } : {}),
    ...(label ? { label } : {}),
    ...(choice.conditions.length ? { conditions: choice.conditions } : {}),
  };
}

/** What a worker's processor handles: an inline function, a reference, a file, or nothing. */
export function readProcessor(dc: DetectorContext, h: Handle, site: ts.Node): { dispatch: Dispatch; kind: ConsumerFact['kind']; label?: string; processorId: string; processorFunctions?: string[] } {
  const p = h.processor ?? UNDEF;
  if (p.k === 'undef' || p.k === 'null') {
    // No processor: jobs are taken only by manual `getNextJob` calls, of every name.
    return { dispatch: { handles: '*', unhandled: 'unknown', evidence: [], unresolvedHandled: [] }, kind: 'worker', label: 'manual getNextJob worker', processorId: 'none' };
  }
  const sandboxed = sandboxedProcessor(dc, p, site);
  if (sandboxed) {
    const dispatch = sandboxed.fn ? analyzeProcessor(sandboxed.fn, dc.interp, dc.root) : { handles: '*' as const, unhandled: 'unknown' as const, evidence: [], unresolvedHandled: [] };
    const label = sandboxed.file ? relativePath(dc.root, sandboxed.file) : `sandboxed processor (${sandboxed.reason})`;
    return { dispatch, kind: 'sandboxed', label, processorId: label };
  }
  const trail: ts.Node[] = [];
  const dispatch = analyzeProcessor(p, dc.interp, dc.root, 0, trail);
  const fnName = p.k === 'fn' ? (p.decl as ts.NamedDeclaration).name?.getText() : undefined;
  const processorId = p.k === 'fn' ? nodeId(dc.root, p.decl) : 'unknown';
  const processorFunctions = trail.map((fn) => nodeId(dc.root, fn));
  return { dispatch, kind: 'worker', ...(fnName ? { label: fnName } : {}), processorId, ...(processorFunctions.length ? { processorFunctions } : {}) };
}
