import { ts } from '../../util/typescript.js';
import type { ProducerKind } from '../../model/result.js';
import type { AnalysisContext } from '../context.js';
import { skipOuter } from '../evaluate.js';
import type { Fact, Name, ProducerFact } from '../facts.js';
import { optionName, type QueueHandle, resolveQueueHandle } from '../queue-binding.js';
import type { Detector } from './types.js';

const PRODUCER_METHODS = new Set(['add', 'addBulk', 'upsertJobScheduler']);

/**
 * `queue.add(name, data, opts)`, `queue.addBulk([{ name }])`, `queue.upsertJobScheduler(id, repeat, { name })`
 * and `flowProducer.add(tree)` / `addBulk(trees)`. The receiver must provably be a queue
 * (see queue-binding.ts); `Set#add` or `dayjs().add()` never gets this far.
 */
export const producerDetector: Detector = {
  id: 'producers',
  kinds: [ts.SyntaxKind.CallExpression],
  detect(node, ctx, emit) {
    const call = node as ts.CallExpression;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !PRODUCER_METHODS.has(callee.name.text)) return;
    const handle = resolveQueueHandle(callee.expression, ctx);
    if (!handle) return;
    const method = callee.name.text;
    if (handle.role === 'flow') {
      if (method === 'add' && call.arguments[0]) flowNode(call.arguments[0], call, handle, ctx, emit);
      if (method === 'addBulk' && call.arguments[0]) forEachElement(call.arguments[0], ctx, (el) => flowNode(el, call, handle, ctx, emit));
      return;
    }
    const base = { type: 'producer' as const, library: handle.library, location: ctx.location(call), queue: handle.queue!, prefix: handle.prefix, ...(handle.viaNest ? { viaNest: true } : {}) };
    if (method === 'add') {
      const first = call.arguments[0];
      let job: Name;
      // Bull: `add(data)` — a single argument is always the data.
      if (handle.library === 'bull' && (!first || call.arguments.length === 1 || !isStringish(first, ctx))) {
        // Bull: a non-string first argument is the data; the job is named '__default__' (SPEC §2.2).
        job = { value: '__default__' };
      } else {
        job = ctx.name(first, call, 'no job name');
      }
      const unnamed = handle.library === 'bull' && first && (call.arguments.length === 1 || !isStringish(first, ctx));
      const opts = unnamed ? call.arguments[1] : call.arguments[2];
      emit({ ...base, kind: hasRepeat(opts, ctx) ? 'repeat' : 'add', job });
      return;
    }
    if (method === 'addBulk' && call.arguments[0]) {
      const list = ctx.bindingOf(call.arguments[0]);
      if (list?.kind === 'parameter') {
        // `addJobsToQueue(jobs) { return queue.addBulk(jobs) }`: each call site's list is read instead.
        const at = call.arguments[0];
        emit({ ...base, kind: 'add-bulk', job: { unresolved: `bulk list \`${at.getText()}\` is a parameter`, text: at.getText(), location: ctx.location(at), param: { fn: list.fn, index: list.index, path: [EACH, 'name'] } } });
        return;
      }
      forEachElement(call.arguments[0], ctx, (el) => {
        const job = memberName(el, 'name', ctx) ?? (handle.library === 'bull' ? { value: '__default__' } : ctx.name(undefined, el, 'bulk entry has no name'));
        emit({ ...base, kind: 'add-bulk', job });
      });
      return;
    }
    if (method === 'upsertJobScheduler') {
      // Jobs are named after the template, or the scheduler id when the template has none (SPEC §2.8).
      const template = call.arguments[2];
      const job = (template && memberName(template, 'name', ctx)) ?? ctx.name(call.arguments[0], call, 'no scheduler id');
      emit({ ...base, kind: 'scheduler', job });
    }
  },
};

/** Each flow node produces `name` on `queueName`, recursively through `children` (SPEC §2.8). */
function flowNode(expr: ts.Expression, call: ts.CallExpression, handle: QueueHandle, ctx: AnalysisContext, emit: (f: Fact) => void, depth = 0): void {
  if (depth > 20) return;
  const target = ctx.evaluator.objectOf(expr);
  // Every node is reported at the call that enqueues the flow: that is the line to change.
  const at = call;
  if (!target || target.kind !== 'object') {
    emit({ type: 'producer', kind: 'flow', library: handle.library, location: ctx.location(at), queue: ctx.name(undefined, at, `flow node \`${expr.getText().slice(0, 40)}\` is not static`), job: ctx.name(undefined, at, 'flow node is not static') });
    return;
  }
  const fact: ProducerFact = {
    type: 'producer',
    kind: 'flow',
    library: handle.library,
    location: ctx.location(at),
    queue: memberName(expr, 'queueName', ctx) ?? ctx.name(undefined, at, 'flow node has no queueName'),
    prefix: memberName(expr, 'prefix', ctx) ?? handle.prefix,
    job: memberName(expr, 'name', ctx) ?? ctx.name(undefined, at, 'flow node has no name'),
  };
  emit(fact);
  const children = ctx.evaluator.member(target, 'children');
  if ('expr' in children) forEachElement(children.expr, ctx, (child) => flowNode(child, call, handle, ctx, emit, depth + 1));
}

/** Path step meaning "every element of this list" in a parameter reference. */
export const EACH = '[]';

/** Elements of an array literal, or of `list.map(x => ({…}))` (the object the callback returns). */
export function forEachElement(expr: ts.Expression, ctx: AnalysisContext, visit: (el: ts.Expression) => void): void {
  let e = skipOuter(expr);
  if (ts.isIdentifier(e)) {
    const binding = ctx.binder.resolveIdentifier(e);
    if (binding?.kind === 'declaration' && ts.isVariableDeclaration(binding.node) && binding.node.initializer) e = skipOuter(binding.node.initializer);
  }
  if (ts.isArrayLiteralExpression(e)) {
    for (const el of e.elements) {
      if (ts.isSpreadElement(el)) forEachElement(el.expression, ctx, visit);
      else visit(el);
    }
    return;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['map', 'flatMap'].includes(e.expression.name.text)) {
    const callback = e.arguments[0] && skipOuter(e.arguments[0]);
    if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
      for (const returned of returnedExpressions(callback)) visit(returned);
    }
  }
}

function returnedExpressions(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression[] {
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return out;
}

function memberName(objectExpr: ts.Expression, key: string, ctx: AnalysisContext): Name | undefined {
  const target = ctx.evaluator.objectOf(objectExpr);
  if (!target || target.kind !== 'object') return undefined;
  const member = ctx.evaluator.member(target, key);
  return 'expr' in member ? ctx.name(member.expr, member.expr) : undefined;
}

function isStringish(expr: ts.Expression, ctx: AnalysisContext): boolean {
  const e = skipOuter(expr);
  if (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) || ts.isNumericLiteral(e)) return false;
  if (ts.isStringLiteral(e) || ts.isTemplateExpression(e) || ts.isNoSubstitutionTemplateLiteral(e)) return true;
  const value = ctx.evaluator.string(e);
  // A wrapper's parameter (`add(name, data)` inside `addJobToQueue({ name, data })`) is a name,
  // resolved at each call site.
  if (value.ok || value.param) return true;
  const target = ctx.evaluator.objectOf(e);
  return !target || target.kind === 'param';
}

function hasRepeat(opts: ts.Expression | undefined, ctx: AnalysisContext): boolean {
  if (!opts) return false;
  const target = ctx.evaluator.objectOf(opts);
  return !!target && target.kind === 'object' && 'expr' in ctx.evaluator.member(target, 'repeat');
}

export type { ProducerKind };
