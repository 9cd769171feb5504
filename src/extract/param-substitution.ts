import { ts } from '../util/typescript.js';
import type { AnalysisContext } from './context.js';
import type { ParamRef } from './evaluate.js';
import type { Name } from './facts.js';
import { resolveQueueHandle } from './queue-binding.js';

/**
 * Filling a parameter-dependent name in from one call: `createWorker('emails')`,
 * `` mk('content', 'check') `` for `` `${service}-${queue}` ``, `{ name: X }` for `opts.name`, a
 * queue object for `queue.name`. Shared by wrapper instantiation and queue factories.
 */
export function nameAtCall(site: ts.CallExpression | ts.NewExpression, ref: ParamRef, field: 'queue' | 'job' | 'prefix', ctx: AnalysisContext): Name {
  if (ref.parts) return templateAtSite(site, ref, field, ctx);
  const arg = argumentsOf(site)[ref.index];
  if (!arg) return { unresolved: `argument ${ref.index + 1} is missing`, text: '', location: ctx.location(site) };
  return withAffix(valueAtSite(arg, ref, field, ctx), ref.affix);
}

export function argumentsOf(site: ts.CallExpression | ts.NewExpression): readonly ts.Expression[] {
  return site.arguments ?? [];
}

/** A template over several parameters (`` `${service}-${queue}` ``), filled in from one call. */
function templateAtSite(site: ts.CallExpression | ts.NewExpression, ref: ParamRef, field: 'queue' | 'job' | 'prefix', ctx: AnalysisContext): Name {
  const pieces: Array<string | ParamRef> = [];
  let pending: Extract<Name, { unresolved: string }> | undefined;
  for (const part of ref.parts!) {
    if (typeof part === 'string') {
      pieces.push(part);
      continue;
    }
    const arg = argumentsOf(site)[part.index];
    if (!arg) return { unresolved: `argument ${part.index + 1} is missing`, text: '', location: ctx.location(site) };
    const name = valueAtSite(arg, { ...ref, index: part.index, path: part.path, parts: undefined, affix: undefined }, field, ctx);
    if ('value' in name) pieces.push(name.value);
    else if (name.param && !name.param.parts && !name.param.affix) {
      // This caller passes its own parameter on (a wrapper of a wrapper): carry the template up.
      pieces.push(name.param);
      pending ??= name;
    } else return name;
  }
  if (!pending) return { value: pieces.join('') };
  const params = pieces.filter((p): p is ParamRef => typeof p !== 'string');
  const first = params[0]!;
  if (params.some((p) => p.fn !== first.fn)) return { unresolved: 'its parts come from parameters of different functions', text: pending.text, location: pending.location };
  const parts = mergeStrings(pieces.map((p) => (typeof p === 'string' ? p : { index: p.index, path: p.path })));
  return { ...pending, param: { ...first, parts } };
}

function mergeStrings(parts: Array<string | { index: number; path: string[] }>): Array<string | { index: number; path: string[] }> {
  const out: Array<string | { index: number; path: string[] }> = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else out.push(part);
  }
  return out;
}

/** Puts the static text written around the parameter back around the caller's value. */
export function withAffix(name: Name, affix: [string, string] | undefined): Name {
  if (!affix || (affix[0] === '' && affix[1] === '')) return name;
  if ('value' in name) return { value: affix[0] + name.value + affix[1] };
  if (name.param) {
    const [before, after] = name.param.affix ?? ['', ''];
    return { ...name, param: { ...name.param, affix: [affix[0] + before, after + affix[1]] } };
  }
  return name;
}

function valueAtSite(arg: ts.Expression, ref: ParamRef, field: 'queue' | 'job' | 'prefix', ctx: AnalysisContext): Name {
  if (field === 'queue' && ref.path.length === 1 && ref.path[0] === 'name') {
    // A queue object passed into a wrapper: its name is the queue it was built for.
    const handle = resolveQueueHandle(arg, ctx);
    if (handle?.queue) return handle.queue;
  }
  return memberAtPath(arg, ref.path, ctx);
}

/** The value at `path` inside an argument expression (`{ name: X }` with path ['name'] → X). */
export function memberAtPath(arg: ts.Expression, path: string[], ctx: AnalysisContext): Name {
  const ref = { path };
  if (ref.path.length === 0) return ctx.name(arg, arg);
  let target = ctx.evaluator.objectOf(arg);
  for (let i = 0; i < ref.path.length; i++) {
    if (!target) break;
    const member = ctx.evaluator.member(target, ref.path[i]!);
    const last = i === ref.path.length - 1;
    if ('param' in member) return { unresolved: 'comes from a parameter', text: arg.getText(), location: ctx.location(arg), param: member.param };
    if (!('expr' in member)) break;
    if (last) return ctx.name(member.expr, member.expr);
    target = ctx.evaluator.objectOf(member.expr);
  }
  return { unresolved: `\`${ref.path.join('.')}\` of this argument is not static`, text: arg.getText().slice(0, 80), location: ctx.location(arg) };
}

