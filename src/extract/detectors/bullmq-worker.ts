import { ts } from 'ts-morph';
import type { AnalysisContext } from '../context.js';
import { analyzeProcessor, resolveFunction } from '../dispatch.js';
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
  kinds: [ts.SyntaxKind.NewExpression],
  detect(node, ctx, emit) {
    const expr = node as ts.NewExpression;
    const origin = ctx.originOf(expr.expression);
    if (!origin || !BULLMQ_MODULES.has(origin.module) || !WORKER_EXPORTS.has(origin.name)) return;
    const args = expr.arguments ?? [];
    emit(workerFact(expr, args[0], args[1], args[2], ctx));
  },
};

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
    const dispatch = sandboxed.fn ? analyzeProcessor(sandboxed.fn, ctx) : undefined;
    return {
      ...base,
      kind: 'sandboxed',
      handles: dispatch?.handles ?? '*',
      unhandled: dispatch?.unhandled ?? 'unknown',
      evidence: dispatch?.evidence ?? [],
      unresolvedHandled: dispatch?.unresolvedHandled ?? [],
      label: sandboxed.file ? ctx.relative(sandboxed.file) : `sandboxed processor (${sandboxed.reason})`,
    };
  }
  const binding = ctx.bindingOf(processor);
  if (binding?.kind === 'parameter') {
    return { ...base, kind: 'worker', handles: '*', unhandled: 'unknown', evidence: [], unresolvedHandled: [], processorParam: { fn: binding.fn, index: binding.index } };
  }
  const fn = resolveFunction(processor, ctx);
  const dispatch = fn ? analyzeProcessor(fn, ctx) : undefined;
  return {
    ...base,
    kind: 'worker',
    handles: dispatch?.handles ?? '*',
    unhandled: dispatch?.unhandled ?? 'unknown',
    evidence: dispatch?.evidence ?? [],
    unresolvedHandled: dispatch?.unresolvedHandled ?? [],
    label: fn && 'name' in fn && fn.name ? fn.name.getText() : undefined,
  };
}
