import { ts } from '../../util/typescript.js';
import type { HandledNameEvidence } from '../../model/result.js';
import type { AnalysisContext } from '../context.js';
import { skipOuter } from '../evaluate.js';
import type { ConsumerFact, Fact, Name } from '../facts.js';
import { resolveQueueHandle } from '../queue-binding.js';
import type { Detector } from './types.js';

/**
 * Bull (v3/v4) `queue.process(...)` in every overload (SPEC §2.2):
 * `process(fn | path)` and `process(concurrency, fn)` handle only '__default__';
 * `process(name, fn)` / `process(name, concurrency, fn)` handle `name`; `'*'` handles every name.
 * Each call becomes a partial fact; `mergeBullProcessGroups` folds the calls on one Queue
 * instance into one consumer, because they form one dispatch table.
 */
export const bullProcessDetector: Detector = {
  id: 'bull-process',
  kinds: [ts.SyntaxKind.CallExpression],
  detect(node, ctx, emit) {
    const call = node as ts.CallExpression;
    if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'process') return;
    const handle = resolveQueueHandle(call.expression.expression, ctx);
    if (!handle || handle.library !== 'bull' || handle.role !== 'queue' || !handle.queue) return;
    const name = processName(call.arguments, ctx);
    const location = ctx.location(call);
    const origin = handle.origin ? ctx.location(handle.origin) : location;
    const evidence: HandledNameEvidence[] = 'value' in name && name.value !== '*' ? [{ name: name.value, ...location }] : [];
    emit({
      type: 'consumer',
      kind: 'bull-process',
      library: 'bull',
      location,
      queue: handle.queue,
      prefix: handle.prefix,
      handles: 'value' in name ? (name.value === '*' ? '*' : [name.value]) : [],
      // Bull fails jobs whose name has no handler: "Missing process handler for job type …".
      unhandled: 'throws',
      evidence,
      unresolvedHandled: 'value' in name ? [] : [name],
      // One Queue instance per creation site — and per name, for factories like createQueue(name).
      definition: `bull:${origin.file}:${origin.line}:${origin.column}:${'value' in handle.queue ? handle.queue.value : '?'}`,
    });
  },
};

function processName(args: readonly ts.Expression[], ctx: AnalysisContext): Name {
  const first = args[0] && skipOuter(args[0]);
  if (!first || args.length === 1) return { value: '__default__' };
  if (ts.isNumericLiteral(first)) return { value: '__default__' };
  const value = ctx.evaluator.string(first);
  if (value.ok && /^\d+$/.test(value.value) && !ts.isStringLiteralLike(first)) return { value: '__default__' };
  // `process(env.WORKER_CONCURRENCY, fn)`: a non-string first argument of a two-argument call is
  // a concurrency. Only names that look numeric are taken as such; anything else stays unresolved.
  if (!value.ok && args.length === 2 && looksNumeric(first)) return { value: '__default__' };
  return ctx.fromEval(value, first);
}

/** Folds the `.process` calls made on one Bull Queue instance into a single consumer. */
export function mergeBullProcessGroups(facts: Fact[]): Fact[] {
  const groups = new Map<string, ConsumerFact>();
  const out: Fact[] = [];
  for (const fact of facts) {
    if (fact.type !== 'consumer' || fact.kind !== 'bull-process') {
      out.push(fact);
      continue;
    }
    const existing = groups.get(fact.definition);
    if (!existing) {
      const copy = { ...fact, evidence: [...fact.evidence], unresolvedHandled: [...fact.unresolvedHandled] };
      groups.set(fact.definition, copy);
      out.push(copy);
      continue;
    }
    existing.handles = existing.handles === '*' || fact.handles === '*' ? '*' : [...new Set([...existing.handles, ...fact.handles])].sort();
    existing.evidence.push(...fact.evidence);
    existing.unresolvedHandled.push(...fact.unresolvedHandled);
    if (before(fact.location, existing.location)) existing.location = fact.location;
  }
  return out;
}

function before(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): boolean {
  return a.file < b.file || (a.file === b.file && (a.line < b.line || (a.line === b.line && a.column < b.column)));
}

function looksNumeric(expr: ts.Expression): boolean {
  const text = expr.getText();
  if (/concurren|parallel|count|limit|workers|size|max|min|num/i.test(text)) return true;
  if (ts.isCallExpression(expr) && /^(Number|parseInt|parseFloat|Math\.)/.test(expr.expression.getText())) return true;
  return ts.isBinaryExpression(expr) && [ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.SlashToken].includes(expr.operatorToken.kind);
}
