import { ts } from '../../util/typescript.js';
import type { AnalysisContext } from '../context.js';
import { analyzeProcessor, resolveFunction } from '../dispatch.js';
import { skipOuter } from '../evaluate.js';
import type { ConsumerFact, Name } from '../facts.js';
import { nestLibrary } from '../libraries.js';
import { resolveSandboxedProcessor } from '../sandboxed.js';
import type { Detector } from './types.js';

const REGISTER = new Set(['registerQueue', 'registerQueueAsync']);

/**
 * `BullModule.registerQueue({ name, processors: [...] })` starts workers with no decorator to
 * find (SPEC §2.7): a function, a file path or URL (sandboxed), `{ callback }` or `{ path }`.
 * The consumers run in the apps whose module graph contains this call.
 */
export const registerQueueDetector: Detector = {
  id: 'register-queue',
  kinds: [ts.SyntaxKind.CallExpression],
  detect(node, ctx, emit) {
    const call = node as ts.CallExpression;
    if (!ts.isPropertyAccessExpression(call.expression) || !REGISTER.has(call.expression.name.text)) return;
    const origin = ctx.originOf(call.expression.expression);
    const library = origin && origin.name === 'BullModule' ? nestLibrary(origin.module) : undefined;
    if (!library) return;
    const register = ctx.location(call);
    for (const arg of call.arguments) {
      const options = optionsObject(arg, ctx);
      if (!options) continue;
      const nameMember = ctx.evaluator.member({ kind: 'object', node: options }, 'name');
      const queue: Name = 'expr' in nameMember ? ctx.name(nameMember.expr, nameMember.expr) : { value: 'default' };
      const processors = ctx.evaluator.member({ kind: 'object', node: options }, 'processors');
      if (!('expr' in processors)) continue;
      const list = skipOuter(processors.expr);
      if (!ts.isArrayLiteralExpression(list)) continue;
      for (const entry of list.elements) {
        emit(entryFact(entry, queue, library, register, ctx));
      }
    }
  },
};

/** `registerQueue({...})` or `registerQueueAsync({ useFactory: () => ({...}) })`. */
function optionsObject(arg: ts.Expression, ctx: AnalysisContext): ts.ObjectLiteralExpression | undefined {
  const target = ctx.evaluator.objectOf(arg);
  if (!target || target.kind !== 'object') return undefined;
  const factory = ctx.evaluator.member(target, 'useFactory');
  if ('expr' in factory) {
    const fn = skipOuter(factory.expr);
    if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) {
      const body = skipOuter(fn.body);
      if (ts.isObjectLiteralExpression(body)) return body;
    }
  }
  return target.node;
}

function entryFact(entry: ts.Expression, queue: Name, library: 'bullmq' | 'bull', register: { file: string; line: number; column: number }, ctx: AnalysisContext): ConsumerFact {
  const location = ctx.location(entry);
  let processorExpr: ts.Expression = entry;
  let bullName: Name | undefined;
  const target = ctx.evaluator.objectOf(entry);
  if (target && target.kind === 'object') {
    const callback = ctx.evaluator.member(target, 'callback');
    const path = ctx.evaluator.member(target, 'path');
    if ('expr' in callback) processorExpr = callback.expr;
    else if ('expr' in path) processorExpr = path.expr;
    const name = ctx.evaluator.member(target, 'name');
    if ('expr' in name) bullName = ctx.name(name.expr, name.expr);
  }
  const sandboxed = resolveSandboxedProcessor(processorExpr, ctx);
  const fn = sandboxed ? sandboxed.fn : resolveFunction(processorExpr, ctx);
  const base = {
    type: 'consumer' as const,
    kind: 'register-queue' as const,
    library,
    location,
    queue,
    definition: `${location.file}:${location.line}:${location.column}`,
    label: sandboxed?.file ? ctx.relative(sandboxed.file) : undefined,
    nestRegister: register,
  };
  if (library === 'bull') {
    // A Bull processor entry handles its `name`, or only '__default__' without one.
    const handled = bullName ?? { value: '__default__' };
    return { ...base, handles: 'value' in handled ? [handled.value] : [], unhandled: 'throws', evidence: 'value' in handled ? [{ name: handled.value, ...location }] : [], unresolvedHandled: 'value' in handled ? [] : [handled] };
  }
  return { ...base, ...analyzeProcessor(fn, ctx) };
}
