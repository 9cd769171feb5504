import type { ts } from '../util/typescript.js';
import type { Ctx } from './context.js';
import { constant, lazy, str, type Thunk, UNDEF, unknown, type Value } from './domain.js';
import type { Interpreter } from './interpreter.js';
import { oneLine } from './program.js';

type Builtin = Extract<Value, { k: 'builtin' }>;

const ARRAY_METHODS = new Set(['map', 'flatMap', 'filter', 'find', 'forEach', 'concat', 'slice', 'flat', 'join', 'includes', 'some', 'every', 'at', 'reverse', 'indexOf', 'entries', 'values', 'keys']);
const STRING_METHODS = new Set(['toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd', 'replace', 'replaceAll', 'concat', 'padStart', 'padEnd', 'slice', 'substring', 'split', 'startsWith', 'endsWith', 'includes', 'toString', 'valueOf', 'normalize', 'repeat']);

const ITERATING = new Set(['map', 'flatMap', 'filter', 'forEach']);

/** One element standing for all the elements of a list that is not known. */
export function abstractElement(list: Value, node: ts.Node): Value {
  if (list.k === 'open') return { ...list, what: `an element of ${list.what}` };
  return unknown(`an element of a list that is not known (${list.k === 'unknown' ? list.reason : list.k})`, node);
}

/** Members of values that are not objects the code wrote: `length`, array and string methods, `bind`. */
export function builtinMember(target: Value, key: string, node: ts.Node): Value {
  if (target.k === 'str') {
    if (key === 'length') return { k: 'num', v: target.v.length };
    if (STRING_METHODS.has(key)) return { k: 'builtin', name: `string.${key}`, receiver: target };
  }
  if (target.k === 'arr') {
    if (key === 'length') return { k: 'num', v: target.items.length };
    if (ARRAY_METHODS.has(key)) return { k: 'builtin', name: `array.${key}`, receiver: target };
  }
  if (target.k === 'num' && (key === 'toString' || key === 'toFixed')) return { k: 'builtin', name: `number.${key}`, receiver: target };
  if ((target.k === 'fn' || target.k === 'builtin') && (key === 'bind' || key === 'call' || key === 'apply')) return { k: 'builtin', name: `function.${key}`, receiver: target };
  if (target.k === 'obj' && key === 'hasOwnProperty') return unknown('hasOwnProperty', node);
  if (target.k === 'obj') return UNDEF;
  return unknown(`\`${key}\` of ${target.k === 'num' ? 'a number' : target.k === 'str' ? 'a string' : target.k === 'arr' ? 'a list' : target.k}`, node);
}

/** Calls of the built-ins above, with callbacks entered per element. */
export function callBuiltin(interp: Interpreter, fn: Builtin, args: Thunk[], node: ts.Node, ctx: Ctx): Value {
  const [kind, method] = fn.name.split('.') as [string, string];
  const recv = fn.receiver;
  const arg = (i: number): Value => args[i]?.() ?? UNDEF;
  if (kind === 'function') return functionMethod(interp, method, recv, args, node, ctx);
  if (kind === 'promise') {
    if (method !== 'then') return recv;
    const cb = arg(0);
    return cb.k === 'fn' ? interp.invoke(cb, [constant(recv)], undefined, node, ctx) : recv;
  }
  if (kind === 'string' && recv.k === 'str') return stringMethod(method, recv.v, args, node);
  if (kind === 'number' && recv.k === 'num') return str(String(recv.v));
  if (kind === 'array') {
    let items = interp.elements(recv, node);
    if (!Array.isArray(items)) {
      // A list whose elements are not known: the callback is evaluated once, on an element that
      // is as unknown as the list. A name that does not depend on the element stays a name.
      if (!ITERATING.has(method)) return items;
      items = [constant(abstractElement(items, node))];
    }
    const callback = arg(0);
    const each = (transform: (result: Value, item: Thunk, i: number) => void): Value | undefined => {
      if (callback.k !== 'fn') return callback.k === 'open' ? callback : unknown(`\`${oneLine(node, 50)}\` calls back ${callback.k === 'unknown' ? callback.reason : 'a value that is not a function'}`, node);
      items.forEach((item, i) => transform(interp.invoke(callback, [item, constant({ k: 'num', v: i }), constant(recv)], undefined, node, ctx), item, i));
      return undefined;
    };
    switch (method) {
      case 'map': {
        const out: Thunk[] = [];
        const failed = callback.k === 'fn' ? undefined : each(() => {});
        if (failed) return failed;
        items.forEach((item, i) => out.push(lazy(() => interp.invoke(callback as Extract<Value, { k: 'fn' }>, [item, constant({ k: 'num', v: i }), constant(recv)], undefined, node, ctx))));
        return { k: 'arr', items: out, node };
      }
      case 'flatMap': {
        const out: Thunk[] = [];
        let problem: Value | undefined;
        const failed = each((result) => {
          const inner = interp.elements(result, node);
          if (Array.isArray(inner)) out.push(...inner);
          else if (result.k === 'undef') return;
          else if (!problem) problem = inner;
        });
        return failed ?? problem ?? { k: 'arr', items: out, node };
      }
      case 'filter': {
        const out: Thunk[] = [];
        const failed = each((result, item) => {
          // An element whose test is not static is kept: a filter may drop it, never add one.
          if (interp.truth(result) !== false) out.push(item);
        });
        return failed ?? { k: 'arr', items: out, node };
      }
      case 'find': {
        if (callback.k !== 'fn') return each(() => {}) ?? UNDEF;
        for (let i = 0; i < items.length; i++) {
          const t = interp.truth(interp.invoke(callback, [items[i]!, constant({ k: 'num', v: i })], undefined, node, ctx));
          if (t === true) return items[i]!();
          if (t === undefined) return unknown(`\`${oneLine(node, 50)}\` finds an element by a test that is not static`, node);
        }
        return UNDEF;
      }
      case 'forEach':
        return UNDEF;
      case 'concat': {
        const out = [...items];
        for (const a of args) {
          const v = a();
          const inner = interp.elements(v, node);
          if (Array.isArray(inner)) out.push(...inner);
          else out.push(a);
        }
        return { k: 'arr', items: out, node };
      }
      case 'slice': {
        const start = arg(0);
        const end = arg(1);
        return { k: 'arr', items: items.slice(start.k === 'num' ? start.v : 0, end.k === 'num' ? end.v : undefined), node };
      }
      case 'reverse':
        return { k: 'arr', items: [...items].reverse(), node };
      case 'flat': {
        const out: Thunk[] = [];
        for (const item of items) {
          const v = item();
          const inner = interp.elements(v, node);
          if (Array.isArray(inner)) out.push(...inner);
          else out.push(item);
        }
        return { k: 'arr', items: out, node };
      }
      case 'at': {
        const i = arg(0);
        if (i.k !== 'num') return unknown('an index that is not static', node);
        return items.at(i.v)?.() ?? UNDEF;
      }
      case 'join': {
        const sep = args.length ? arg(0) : str(',');
        if (sep.k !== 'str') return unknown('a separator that is not static', node);
        let acc: Value = str('');
        items.forEach((item, i) => {
          acc = interp.concat(i === 0 ? acc : interp.concat(acc, sep, node), item(), node);
        });
        return acc;
      }
      case 'values':
        return recv;
      default:
        return unknown(`\`${oneLine(node, 50)}\``, node);
    }
  }
  if (kind === 'handle') return unknown(`the result of \`${oneLine(node, 50)}\``, node);
  return unknown(`the result of \`${oneLine(node, 50)}\``, node);
}

function functionMethod(interp: Interpreter, method: string, recv: Value, args: Thunk[], node: ts.Node, ctx: Ctx): Value {
  if (recv.k !== 'fn') return unknown(`${method} of a built-in`, node);
  const thisArg = args[0]?.();
  if (method === 'bind') return { ...recv, thisValue: recv.thisValue ?? thisArg, bound: [...(recv.bound ?? []), ...args.slice(1)] };
  if (method === 'call') return interp.invoke(recv, args.slice(1), thisArg, node, ctx);
  const list = args[1]?.();
  const items = list ? interp.elements(list, node) : [];
  return Array.isArray(items) ? interp.invoke(recv, items, thisArg, node, ctx) : items;
}

function stringMethod(method: string, s: string, args: Thunk[], node: ts.Node): Value {
  const strs: string[] = [];
  for (const a of args) {
    const v = a();
    if (v.k === 'str') strs.push(v.v);
    else if (v.k === 'num') strs.push(String(v.v));
    else return v.k === 'open' ? v : unknown(`\`${oneLine(node, 50)}\` with an argument that is not static`, node);
  }
  switch (method) {
    case 'toUpperCase':
      return str(s.toUpperCase());
    case 'toLowerCase':
      return str(s.toLowerCase());
    case 'trim':
      return str(s.trim());
    case 'trimStart':
      return str(s.trimStart());
    case 'trimEnd':
      return str(s.trimEnd());
    case 'toString':
    case 'valueOf':
    case 'normalize':
      return str(s);
    case 'replace':
      return str(s.replace(strs[0] ?? '', strs[1] ?? ''));
    case 'replaceAll':
      return str(s.replaceAll(strs[0] ?? '', strs[1] ?? ''));
    case 'concat':
      return str(s + strs.join(''));
    case 'padStart':
      return str(s.padStart(Number(strs[0] ?? 0), strs[1]));
    case 'padEnd':
      return str(s.padEnd(Number(strs[0] ?? 0), strs[1]));
    case 'repeat':
      return str(s.repeat(Number(strs[0] ?? 0)));
    case 'slice':
      return str(s.slice(Number(strs[0] ?? 0), strs[1] === undefined ? undefined : Number(strs[1])));
    case 'substring':
      return str(s.substring(Number(strs[0] ?? 0), strs[1] === undefined ? undefined : Number(strs[1])));
    case 'split':
      return { k: 'arr', items: s.split(strs[0] ?? ',').map((x) => constant(str(x))), node };
    case 'startsWith':
      return { k: 'bool', v: s.startsWith(strs[0] ?? '') };
    case 'endsWith':
      return { k: 'bool', v: s.endsWith(strs[0] ?? '') };
    case 'includes':
      return { k: 'bool', v: s.includes(strs[0] ?? '') };
    default:
      return unknown(`string.${method}`, node);
  }
}
