import { ts } from '../../util/typescript.js';
import type { AnalysisContext } from '../context.js';
import { analyzeProcessor, enclosingClass, resolveFunction } from '../dispatch.js';
import type { ConsumerFact } from '../facts.js';
import { BULLMQ_MODULES, WORKER_EXPORTS } from '../libraries.js';
import { optionName } from '../queue-binding.js';
import { resolveSandboxedProcessor } from '../sandboxed.js';
import type { Detector } from './types.js';

/**
 * `new Worker(queue, processor, opts)` from bullmq (aliased, namespaced or required).
 * The processor may be inline, a function reference, `this.method.bind(this)`, or a file path /
 * URL (sandboxed): then the file's default export is analysed instead.
 */
export const bullmqWorkerDetector: Detector = {
  id: 'bullmq-worker',
  kinds: [ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression],
  detect(node, ctx, emit) {
    if (ts.isCallExpression(node)) {
      // `super(queue, processor, opts)` in a class that extends bullmq's Worker directly.
      if (node.expression.kind !== ts.SyntaxKind.SuperKeyword) return;
      const cls = enclosingClass(node);
      if (!cls || !directlyExtendsWorker(cls, ctx)) return;
      emit({ ...workerFact(node, node.arguments[0], node.arguments[1], node.arguments[2], ctx), constructedBy: cls });
      return;
    }
    const expr = node as ts.NewExpression;
    const args = expr.arguments ?? [];
    const origin = ctx.originOf(expr.expression);
    if (origin && BULLMQ_MODULES.has(origin.module) && WORKER_EXPORTS.has(origin.name)) {
      emit(workerFact(expr, args[0], args[1], args[2], ctx));
      return;
    }
    // `new MyWorker(queue, fn)` where MyWorker extends Worker without a constructor of its own:
    // the arguments go straight to Worker. (Subclasses with a constructor are seen at `super(…)`.)
    const binding = ctx.bindingOf(expr.expression);
    if (binding?.kind === 'declaration' && ts.isClassDeclaration(binding.node) && inheritsWorkerConstructor(binding.node, ctx)) {
      emit(workerFact(expr, args[0], args[1], args[2], ctx));
    }
  },
};

function baseClassExpression(cls: ts.ClassLikeDeclaration): ts.Expression | undefined {
  return cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
}

function isWorkerExport(expr: ts.Expression, ctx: AnalysisContext): boolean {
  const origin = ctx.originOf(expr);
  return !!origin && BULLMQ_MODULES.has(origin.module) && WORKER_EXPORTS.has(origin.name);
}

function directlyExtendsWorker(cls: ts.ClassLikeDeclaration, ctx: AnalysisContext): boolean {
  const base = baseClassExpression(cls);
  return !!base && isWorkerExport(base, ctx);
}

/** A class chain without constructors down to bullmq's Worker: `new Sub(q, fn)` calls Worker's. */
function inheritsWorkerConstructor(cls: ts.ClassDeclaration, ctx: AnalysisContext, depth = 0): boolean {
  if (depth > 5 || cls.members.some(ts.isConstructorDeclaration)) return false;
  const base = baseClassExpression(cls);
  if (!base) return false;
  if (isWorkerExport(base, ctx)) return true;
  const binding = ctx.bindingOf(base);
  return binding?.kind === 'declaration' && ts.isClassDeclaration(binding.node) && inheritsWorkerConstructor(binding.node, ctx, depth + 1);
}

export function workerFact(
  at: ts.Node,
  queueArg: ts.Expression | undefined,
  processorArg: ts.Expression | undefined,
  optionsArg: ts.Expression | undefined,
  ctx: AnalysisContext,
): ConsumerFact {
  const location = ctx.location(at);
  const base = {
    type: 'consumer' as const,
    library: 'bullmq' as const,
    location,
    queue: ctx.name(queueArg, at, 'no queue name'),
    prefix: optionName(optionsArg, 'prefix', ctx),
    definition: `${location.file}:${location.line}:${location.column}`,
  };
  const processor = processorArg && ts.isIdentifier(processorArg) && processorArg.text === 'undefined' ? undefined : processorArg;
  if (!processor || processor.kind === ts.SyntaxKind.NullKeyword) {
    // No processor: jobs are taken only by manual `getNextJob` calls, of every name.
    return { ...base, kind: 'worker', handles: '*', unhandled: 'unknown', evidence: [], unresolvedHandled: [], label: 'manual getNextJob worker' };
  }
  const sandboxed = resolveSandboxedProcessor(processor, ctx);
  if (sandboxed) {
    return {
      ...base,
      kind: 'sandboxed',
      ...analyzeProcessor(sandboxed.fn, ctx),
      label: sandboxed.file ? ctx.relative(sandboxed.file) : `sandboxed processor (${sandboxed.reason})`,
    };
  }
  const binding = ctx.bindingOf(processor);
  if (binding?.kind === 'parameter') {
    return { ...base, kind: 'worker', handles: '*', unhandled: 'unknown', evidence: [], unresolvedHandled: [], processorParam: { fn: binding.fn, index: binding.index } };
  }
  const fn = resolveFunction(processor, ctx);
  return {
    ...base,
    kind: 'worker',
    ...analyzeProcessor(fn, ctx),
    label: fn && 'name' in fn && fn.name ? fn.name.getText() : undefined,
  };
}
