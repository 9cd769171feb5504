import { ts } from '../../util/typescript.js';
import type { HandledNameEvidence } from '../../model/result.js';
import { type AnalysisContext, decoratorCall, decoratorsOf } from '../context.js';
import { analyzeProcessor, findMethod } from '../dispatch.js';
import { skipOuter } from '../evaluate.js';
import type { ConsumerFact, Name } from '../facts.js';
import { nestLibrary } from '../libraries.js';
import { optionName } from '../queue-binding.js';
import type { Detector } from './types.js';

/**
 * NestJS `@Processor(queue)` classes.
 * - `@nestjs/bullmq`: the class must extend `WorkerHost`; its `process(job)` gets every job of the
 *   queue (SPEC §2.1, §2.5).
 * - `@nestjs/bull`: each `@Process(name?)` method registers a Bull handler; `@Process()` handles only
 *   `__default__`, `'*'` every name; a class with only `@OnQueue…` listeners is not a consumer.
 * Whether the class is live (a provider of a module the app boots) is decided later, per service.
 */
export const nestProcessorDetector: Detector = {
  id: 'nest-processor',
  kinds: [ts.SyntaxKind.ClassDeclaration],
  detect(node, ctx, emit) {
    const cls = node as ts.ClassDeclaration;
    for (const decorator of decoratorsOf(cls)) {
      const { callee, args } = decoratorCall(decorator);
      const origin = ctx.originOf(callee);
      const library = origin && origin.name === 'Processor' ? nestLibrary(origin.module) : undefined;
      if (!library) continue;
      const fact = library === 'bullmq' ? bullmqProcessor(cls, decorator, args, ctx) : bullProcessor(cls, decorator, args, ctx);
      if (fact) emit(fact);
      return;
    }
  },
};

function baseFact(cls: ts.ClassDeclaration, decorator: ts.Decorator, args: readonly ts.Expression[], ctx: AnalysisContext) {
  const location = ctx.location(decorator);
  const className = cls.name?.text ?? 'anonymous';
  return {
    type: 'consumer' as const,
    kind: 'nest-processor' as const,
    location,
    queue: processorQueue(args[0], decorator, ctx),
    prefix: optionName(args[1], 'prefix', ctx),
    definition: `${location.file}#${className}`,
    label: className,
    nestClass: { file: location.file, name: className },
  };
}

/** `@Processor('q')`, `@Processor({ name: 'q' })`, `@Processor()` (queue 'default'). */
function processorQueue(arg: ts.Expression | undefined, at: ts.Node, ctx: AnalysisContext): Name {
  if (!arg) return { value: 'default' };
  const target = ctx.evaluator.objectOf(arg);
  if (target && target.kind === 'object') {
    const member = ctx.evaluator.member(target, 'name');
    return 'expr' in member ? ctx.name(member.expr, member.expr) : { value: 'default' };
  }
  return ctx.name(arg, at);
}

function bullmqProcessor(cls: ts.ClassDeclaration, decorator: ts.Decorator, args: readonly ts.Expression[], ctx: AnalysisContext): ConsumerFact | undefined {
  // @nestjs/bullmq refuses to start a processor that does not extend WorkerHost
  // (InvalidProcessorClassError): a class with no base class at all never consumes.
  if (!cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) return undefined;
  const base = baseFact(cls, decorator, args, ctx);
  const method = findInHierarchy(cls, 'process', ctx);
  return {
    ...base,
    library: 'bullmq',
    ...analyzeProcessor(method, ctx),
  };
}

function bullProcessor(cls: ts.ClassDeclaration, decorator: ts.Decorator, args: readonly ts.Expression[], ctx: AnalysisContext): ConsumerFact | undefined {
  const names = new Set<string>();
  const evidence: HandledNameEvidence[] = [];
  const unresolved: Name[] = [];
  let wildcard = false;
  let any = false;
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member)) continue;
    for (const d of decoratorsOf(member)) {
      const call = decoratorCall(d);
      const origin = ctx.originOf(call.callee);
      if (!origin || origin.name !== 'Process' || nestLibrary(origin.module) !== 'bull') continue;
      any = true;
      const name = processName(call.args[0], d, ctx);
      if ('value' in name) {
        if (name.value === '*') wildcard = true;
        if (!names.has(name.value)) evidence.push({ name: name.value, ...ctx.location(d) });
        names.add(name.value);
      } else unresolved.push(name);
    }
  }
  if (!any) return undefined; // listeners only: not a consumer
  names.delete('*');
  return {
    ...baseFact(cls, decorator, args, ctx),
    library: 'bull',
    handles: wildcard ? '*' : [...names].sort(),
    // Bull fails a job whose name has no handler: "Missing process handler for job type …".
    unhandled: 'throws',
    evidence,
    unresolvedHandled: unresolved,
  };
}

/** `@Process()`, `@Process('x')`, `@Process({ name: 'x', concurrency })`: no name means '__default__'. */
function processName(arg: ts.Expression | undefined, at: ts.Node, ctx: AnalysisContext): Name {
  if (!arg) return { value: '__default__' };
  const e = skipOuter(arg);
  const target = ctx.evaluator.objectOf(e);
  if (target && target.kind === 'object') {
    const member = ctx.evaluator.member(target, 'name');
    return 'expr' in member ? ctx.name(member.expr, member.expr) : { value: '__default__' };
  }
  return ctx.name(e, at);
}

/** A method on the class or a base class in the repository (`class X extends BaseProcessor`). */
function findInHierarchy(cls: ts.ClassLikeDeclaration, name: string, ctx: AnalysisContext, depth = 0): ts.MethodDeclaration | undefined {
  const own = findMethod(cls, name);
  if (own || depth > 5) return own;
  const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  if (!heritage) return undefined;
  const base = ctx.bindingOf(heritage.expression);
  if (base?.kind === 'declaration' && ts.isClassDeclaration(base.node)) return findInHierarchy(base.node, name, ctx, depth + 1);
  return undefined;
}
