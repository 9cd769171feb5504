import type { HandledNameEvidence } from '../model/result.js';
import { ts } from '../util/typescript.js';
import { ROOT } from '../values/context.js';
import { UNDEF, unknown, type Value } from '../values/domain.js';
import { isInjectable } from '../values/instances.js';
import { nodeId } from '../values/program.js';
import { type DetectorContext, instantiate, location, openIn, symbolOf } from './context.js';
import { analyzeProcessor } from './dispatch.js';
import type { ClassRef, ConsumerFact, ExecPoint, Name } from './facts.js';
import { toName } from './names.js';
import { readProcessor } from './workers.js';

type Token = Extract<Value, { k: 'token' }>;

/**
 * NestJS processor classes (SPEC §2.5). Whether a class runs is decided per process by the
 * Nest module graph (model); here: which queue, and what it does with job names.
 * - `@nestjs/bullmq` `@Processor(queue)`: the class must extend `WorkerHost`; its `process(job)`
 *   gets every job of the queue.
 * - `@nestjs/bull` `@Processor(queue)`: each `@Process(name?)` method is a Bull handler;
 *   `@Process()` handles only `__default__`; a class with only listeners is no consumer.
 * The decorators are found by value, so an in-house `@QueueProcessor(Q.X)` that returns
 * `Processor(Q.X)` counts too. A class that extends bullmq's `Worker` and that Nest constructs
 * (a provider) is a worker too.
 */
export function detectNestProcessor(cls: ts.ClassDeclaration, dc: DetectorContext): void {
  const decorators = ts.getDecorators(cls) ?? [];
  if (decorators.length === 0) return;
  for (const d of decorators) {
    if (!ts.isCallExpression(d.expression)) continue;
    const expr = d.expression;
    const first = dc.interp.question(() => dc.interp.eval(expr, ROOT), () => UNDEF);
    if (!(first.k === 'token' && first.role === 'processor') && first.k !== 'open') continue;
    const instances = instantiate(
      dc,
      (ctx) => dc.interp.eval(expr, ctx),
      (v) => (v.k === 'open' ? v : v.k === 'token' ? openIn(v.name) : undefined),
      () => unknown('bound: the evaluation budget ran out', d),
    );
    for (const inst of instances) {
      const token = inst.result;
      if (token.k !== 'token' || token.role !== 'processor') continue;
      const fact = token.library === 'bull' ? bullProcessor(cls, d, token, dc) : bullmqProcessor(cls, d, token, dc);
      if (!fact) continue;
      const at = inst.ctx.anchor ?? d;
      dc.emit({ ...fact, location: location(dc, at) });
    }
    return;
  }
}

/** A provider class that extends bullmq's `Worker`: its queue comes through `super(…)` from Nest's injection. */
export function detectProvidedWorker(cls: ts.ClassDeclaration, dc: DetectorContext): void {
  if (!isInjectable(cls) || !cls.heritageClauses) return;
  const value = dc.interp.classValue(cls, ROOT);
  if (value.k !== 'class') return;
  const chain = dc.interp.question(() => dc.interp.instances.chain(value), () => ({ classes: [] as never[], libBase: undefined }));
  const base = chain.libBase;
  if (!base || !/Worker/.test(base.path[base.path.length - 1] ?? '') || base.module.startsWith('@nestjs/')) return;
  const handle = dc.interp.question(() => dc.interp.instances.asHandle(dc.interp.instances.diInstance(cls)), () => undefined);
  if (!handle) return;
  const ref = classRef(dc, cls);
  const { dispatch, kind, label, processorId } = readProcessor(dc, handle, cls);
  dc.emit({
    type: 'consumer',
    kind,
    library: handle.library,
    location: location(dc, cls),
    queue: toName(dc.root, handle.name, cls, 'queue name'),
    ...(handle.prefix ? { prefix: toName(dc.root, handle.prefix, cls, 'queue prefix') } : {}),
    runs: providerPoint(dc, cls, ref),
    symbol: ref.name,
    ...dispatch,
    definition: `${ref.id}#${processorId}`,
    label: label ?? ref.name,
    nestClass: ref,
  });
}

function base(cls: ts.ClassDeclaration, d: ts.Decorator, token: Token, dc: DetectorContext) {
  const ref = classRef(dc, cls);
  const options = token.options;
  const prefix = options && options.k === 'obj' ? dc.interp.member(options, 'prefix', d, ROOT) : undefined;
  return {
    type: 'consumer' as const,
    kind: 'nest-processor' as const,
    location: location(dc, d),
    queue: toName(dc.root, token.name, d, 'queue name'),
    ...(prefix && prefix.k !== 'undef' ? { prefix: toName(dc.root, prefix, d, 'queue prefix') } : {}),
    runs: providerPoint(dc, cls, ref),
    symbol: ref.name,
    definition: ref.id,
    label: ref.name,
    nestClass: ref,
  };
}

function bullmqProcessor(cls: ts.ClassDeclaration, d: ts.Decorator, token: Token, dc: DetectorContext): ConsumerFact | undefined {
  // @nestjs/bullmq refuses to start a processor that does not extend WorkerHost
  // (InvalidProcessorClassError): a class with no base class at all never consumes.
  if (!cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) return undefined;
  const self = dc.interp.instances.diInstance(cls);
  const method = dc.interp.question(() => dc.interp.instances.member(self, 'process', cls), () => UNDEF);
  return { ...base(cls, d, token, dc), library: 'bullmq', ...analyzeProcessor(method, dc.interp, dc.root) };
}

function bullProcessor(cls: ts.ClassDeclaration, d: ts.Decorator, token: Token, dc: DetectorContext): ConsumerFact | undefined {
  const names = new Set<string>();
  const evidence: HandledNameEvidence[] = [];
  const unresolved: Name[] = [];
  let wildcard = false;
  let any = false;
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member)) continue;
    for (const md of ts.getDecorators(member) ?? []) {
      if (!ts.isCallExpression(md.expression)) continue;
      const v = dc.interp.question(() => dc.interp.eval(md.expression, ROOT), () => UNDEF);
      if (v.k !== 'token' || v.role !== 'process') continue;
      any = true;
      const name = toName(dc.root, v.name, md, 'handled job name');
      if ('value' in name) {
        if (name.value === '*') wildcard = true;
        if (!names.has(name.value)) evidence.push({ name: name.value, ...location(dc, md) });
        names.add(name.value);
      } else unresolved.push(name);
    }
  }
  if (!any) return undefined; // listeners only: not a consumer
  names.delete('*');
  return {
    ...base(cls, d, token, dc),
    library: 'bull',
    handles: wildcard ? '*' : [...names].sort(),
    // Bull fails a job whose name has no handler: "Missing process handler for job type …".
    unhandled: 'throws',
    evidence,
    unresolvedHandled: unresolved,
  };
}

export function classRef(dc: DetectorContext, cls: ts.ClassLikeDeclaration): ClassRef {
  const loc = location(dc, cls);
  return { file: loc.file, name: cls.name?.text ?? '(anonymous)', id: nodeId(dc.root, cls) };
}

function providerPoint(dc: DetectorContext, cls: ts.ClassDeclaration, ref: ClassRef): ExecPoint {
  void cls;
  return { kind: 'provider', cls: ref, file: ref.file };
}

export { symbolOf };
