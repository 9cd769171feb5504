import type { HandledNameEvidence } from '../model/result.js';
import { ts } from '../util/typescript.js';
import { ROOT } from '../values/context.js';
import { str, UNDEF, unknown, type Value } from '../values/domain.js';
import { nodeId } from '../values/program.js';
import { skipOuter } from '../values/scope.js';
import { type DetectorContext, handlesIn, instantiate, location, openIn, reportedAt, runsAt, symbolOf } from './context.js';
import type { ConsumerFact, Fact, Name } from './facts.js';
import { toName } from './names.js';

/**
 * Bull (v3/v4) `queue.process(…)` in every overload (SPEC §2.2): `process(fn | path)` and
 * `process(concurrency, fn)` handle only '__default__'; `process(name, fn)` /
 * `process(name, concurrency, fn)` handle `name`; `'*'` handles every name. A Bull queue is
 * consumed where `.process()` is called on it, not where it is created. Each call is a partial
 * fact; `mergeBullProcessGroups` folds the calls on one Queue instance into one consumer,
 * because they form one dispatch table.
 */
export function detectBullProcess(call: ts.CallExpression, dc: DetectorContext): void {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'process') return;
  const receiver = callee.expression;
  const first = dc.interp.question(() => dc.interp.eval(receiver, ROOT), () => UNDEF);
  if (!handlesIn(dc, first).some((c) => c.handle.library === 'bull' && c.handle.role === 'queue') && first.k !== 'open') return;
  const instances = instantiate(
    dc,
    (ctx) => ({ recv: dc.interp.eval(receiver, ctx), name: processName(dc, call, ctx) }),
    (r) => (r.recv.k === 'open' ? r.recv : openIn(...handlesIn(dc, r.recv).flatMap((c) => [c.handle.name, c.handle.prefix]), r.name)),
    () => ({ recv: unknown('bound: the evaluation budget ran out', call), name: UNDEF }),
  );
  for (const inst of instances) {
    for (const choice of handlesIn(dc, inst.result.recv)) {
      const h = choice.handle;
      if (h.library !== 'bull' || h.role !== 'queue') continue;
      const at = reportedAt(inst, call, h.name);
      const name: Name = toName(dc.root, inst.result.name, call, 'handled job name');
      const loc = location(dc, at);
      const evidence: HandledNameEvidence[] = 'value' in name && name.value !== '*' ? [{ name: name.value, ...location(dc, call) }] : [];
      const queue = toName(dc.root, h.name, at, 'queue name');
      dc.emit({
        type: 'consumer',
        kind: 'bull-process',
        library: 'bull',
        location: loc,
        queue,
        ...(h.prefix ? { prefix: toName(dc.root, h.prefix, at, 'queue prefix') } : {}),
        runs: runsAt(dc, inst, call),
        symbol: symbolOf(at),
        handles: 'value' in name ? (name.value === '*' ? '*' : [name.value]) : [],
        // Bull fails jobs whose name has no handler: "Missing process handler for job type …".
        unhandled: 'throws',
        evidence,
        unresolvedHandled: 'value' in name ? [] : [name],
        // One Queue instance per creation site and context — and per name, for factories.
        definition: `bull:${nodeId(dc.root, h.site)}:${inst.ctx.anchor ? nodeId(dc.root, inst.ctx.anchor) : ''}:${'value' in queue ? queue.value : '?'}`,
        ...(choice.conditions.length ? { conditions: choice.conditions } : {}),
      });
    }
  }
}

function processName(dc: DetectorContext, call: ts.CallExpression, ctx: import('../values/context.js').Ctx): Value {
  const args = call.arguments;
  const first = args[0] && skipOuter(args[0]);
  if (!first || args.length === 1) return str('__default__');
  if (ts.isNumericLiteral(first)) return str('__default__');
  const v = dc.interp.eval(first, ctx);
  if (v.k === 'num') return str('__default__');
  // `process(env.WORKER_CONCURRENCY, fn)`: a non-string first argument of a two-argument call
  // is a concurrency. Only expressions that look numeric are taken as such.
  if (v.k !== 'str' && v.k !== 'oneOf' && v.k !== 'open' && args.length === 2 && looksNumeric(first)) return str('__default__');
  return v;
}

function looksNumeric(expr: ts.Expression): boolean {
  const text = expr.getText();
  if (/concurren|parallel|count|limit|workers|size|max|min|num/i.test(text)) return true;
  if (ts.isCallExpression(expr) && /^(Number|parseInt|parseFloat|Math\.)/.test(expr.expression.getText())) return true;
  return ts.isBinaryExpression(expr) && [ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.SlashToken].includes(expr.operatorToken.kind);
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
