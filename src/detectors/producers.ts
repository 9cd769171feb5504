import type { ProducerKind } from '../model/result.js';
import { ts } from '../util/typescript.js';
import { type Ctx, ROOT } from '../values/context.js';
import { str, UNDEF, unknown, type Value } from '../values/domain.js';
import { skipOuter } from '../values/scope.js';
import { type DetectorContext, type HandleChoice, handlesIn, instantiate, location, openIn, reportedAt, runsAt, symbolOf } from './context.js';
import { toName } from './names.js';
import { usesQueueLibrary } from './queue-imports.js';

const METHODS = new Set(['add', 'addBulk', 'upsertJobScheduler']);
const MAX_FLOW_DEPTH = 20;

interface Entry {
  choice: HandleChoice;
  kind: ProducerKind;
  job: Value;
  /** A flow node names its own queue (and may set its own prefix). */
  queue?: Value;
  prefix?: Value;
}

interface Evaluated {
  recv: Value;
  entries: Entry[];
}

/**
 * Producers: `queue.add(name, data, opts)` (repeatable when `opts.repeat`), `addBulk([{ name }])`,
 * `upsertJobScheduler(id, repeat, { name })` (the template's name, else the scheduler id),
 * `flowProducer.add(tree)` / `addBulk(trees)` (every node, recursively), Bull's `add(data)`
 * (`__default__`). The receiver must be a queue library object, wherever it came from:
 * `Set#add` and `dayjs().add()` never are.
 */
export function detectProducer(call: ts.CallExpression, dc: DetectorContext): void {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !METHODS.has(callee.name.text)) return;
  const method = callee.name.text;
  const receiver = callee.expression;
  const viaSuper = receiver.kind === ts.SyntaxKind.SuperKeyword;
  // `super.add(job)`: a method of a class of ours is followed into (its own `this.queue.add` is
  // the site); only the library's `add`, on a class extending `Queue`, is a producer here.
  if (viaSuper && dc.interp.question(() => dc.interp.eval(callee, ROOT), () => UNDEF).k === 'fn') return;
  const evalReceiver = (ctx: Ctx): Value => (viaSuper ? dc.interp.thisValue(callee, ctx) : dc.interp.eval(receiver, ctx));
  const first = dc.interp.question(() => evalReceiver(ROOT), () => UNDEF);
  if (handlesIn(dc, first).length === 0 && first.k !== 'open') {
    if (first.k === 'unknown' && first.foreign === undefined && mayBeQueueCall(call, method, first)) {
      // Accounting: a queue-shaped call in queue code whose receiver the analysis lost is a
      // finding with the cause, never silence (`Set#add`, `dayjs().add()` are known values).
      dc.unresolved({ what: 'queue', location: location(dc, call), reason: `the receiver is not a queue the analysis can follow: ${first.reason}`, text: receiver.getText().slice(0, 60), origin: location(dc, first.node) });
    }
    return;
  }
  const instances = instantiate(
    dc,
    (ctx): Evaluated => {
      const recv = evalReceiver(ctx);
      return { recv, entries: handlesIn(dc, recv).flatMap((choice) => entries(dc, choice, method, call, ctx)) };
    },
    (e) => (e.recv.k === 'open' ? e.recv : openIn(...e.entries.flatMap((x) => [x.choice.handle.name, x.choice.handle.prefix, x.job, x.queue, x.prefix]))),
    () => ({ recv: unknown('bound: the evaluation budget ran out', call), entries: [] }),
  );
  for (const inst of instances) {
    if (inst.unbound && inst.result.recv.k === 'open' && !inst.result.recv.fallback) {
      // A queue passed in that no caller was found for: reported only when its type says queue.
      if (inst.result.recv.hint === 'queue' || inst.result.recv.hint === 'flow') {
        dc.unresolved({ what: 'queue', location: location(dc, call), reason: `the queue is ${inst.result.recv.what}, and no call that passes it was found`, text: receiver.getText().slice(0, 60), origin: location(dc, inst.result.recv.node) });
      }
      continue;
    }
    for (const e of inst.result.entries) {
      const h = e.choice.handle;
      const at = reportedAt(inst, call, e.job, e.queue ?? h.name, call.arguments[0]);
      const prefix = e.prefix ?? h.prefix;
      dc.emit({
        type: 'producer',
        kind: e.kind,
        library: h.library,
        location: location(dc, at),
        queue: toName(dc.root, e.queue ?? h.name, at, 'queue name'),
        ...(prefix ? { prefix: toName(dc.root, prefix, at, 'queue prefix') } : {}),
        job: toName(dc.root, e.job, at, 'job name'),
        runs: runsAt(dc, inst, call),
        symbol: symbolOf(at),
        ...(h.viaNest ? { viaNest: true } : {}),
        ...(e.choice.conditions.length ? { conditions: e.choice.conditions } : {}),
      });
    }
  }
}

/**
 * `x.add(name, data)`, `x.addBulk(list)`, `x.upsertJobScheduler(…)` on a value the analysis
 * lost, where the call's file or the place knowledge stopped uses a queue library: most likely a
 * queue (the file works with queues; other `add` receivers are values the interpreter knows).
 */
function mayBeQueueCall(call: ts.CallExpression, method: string, v: Extract<Value, { k: 'unknown' }>): boolean {
  const shaped = method === 'add' ? call.arguments.length >= 2 || usesQueueLibrary(call.getSourceFile(), 'bull') : call.arguments.length >= 1;
  if (!shaped) return false;
  return usesQueueLibrary(call.getSourceFile()) || (v.node.getSourceFile?.() !== undefined && usesQueueLibrary(v.node.getSourceFile()));
}

function entries(dc: DetectorContext, choice: HandleChoice, method: string, call: ts.CallExpression, ctx: Ctx): Entry[] {
  const h = choice.handle;
  const args = call.arguments;
  const arg = (i: number): Value => (args[i] ? dc.interp.eval(args[i]!, ctx) : UNDEF);
  const member = (v: Value, key: string): Value => (v.k === 'obj' ? dc.interp.member(v, key, call, ctx) : v.k === 'open' ? v : UNDEF);
  if (h.role === 'flow') {
    if (method === 'add') return flowNodes(dc, choice, arg(0), call, ctx, 0);
    if (method === 'addBulk') return elementsOf(dc, arg(0), call).flatMap((tree) => flowNodes(dc, choice, tree, call, ctx, 0));
    return [];
  }
  if (h.role !== 'queue') return [];
  if (method === 'add') {
    const firstValue = arg(0);
    // Bull: `add(data)` and `add(data, opts)` name the job '__default__' (SPEC §2.2).
    if (h.library === 'bull' && (args.length === 1 || !isNameLike(firstValue, args[0]!))) {
      return [{ choice, kind: hasKey(member(arg(1), 'repeat')) ? 'repeat' : 'add', job: str('__default__') }];
    }
    return [{ choice, kind: hasKey(member(arg(2), 'repeat')) ? 'repeat' : 'add', job: firstValue }];
  }
  if (method === 'addBulk') {
    const list = arg(0);
    if (list.k === 'open') return [{ choice, kind: 'add-bulk', job: list }];
    const items = elementsOf(dc, list, call);
    // `addBulk([])` as written adds nothing; any other list without an element the engine sees
    // (not static, or filled in a way it does not follow) is reported, not dropped.
    if (items.length === 0 && !(list.k === 'arr' && args[0] && ts.isArrayLiteralExpression(skipOuter(args[0])))) {
      const text = args[0]?.getText().slice(0, 40);
      return [{ choice, kind: 'add-bulk', job: list.k === 'unknown' ? list : unknown(list.k === 'arr' ? `the bulk list \`${text}\` has no element the analysis can see` : `the bulk list \`${text}\` is not static`, call) }];
    }
    return items.map((el) => {
      const name = member(el, 'name');
      return { choice, kind: 'add-bulk' as const, job: name.k === 'undef' && h.library === 'bull' ? str('__default__') : name };
    });
  }
  if (method === 'upsertJobScheduler') {
    // Jobs are named after the template, or the scheduler id when the template has none (SPEC §2.8).
    const name = member(arg(2), 'name');
    return [{ choice, kind: 'scheduler', job: name.k === 'undef' ? arg(0) : name }];
  }
  return [];
}

/** Each flow node produces `name` on its `queueName`, recursively through `children`. */
function flowNodes(dc: DetectorContext, choice: HandleChoice, node: Value, call: ts.CallExpression, ctx: Ctx, depth: number): Entry[] {
  if (depth > MAX_FLOW_DEPTH) return [];
  if (node.k === 'open' || node.k === 'unknown') return [{ choice, kind: 'flow', job: node, queue: node }];
  if (node.k !== 'obj') return [{ choice, kind: 'flow', job: unknown('a flow node that is not an object', call), queue: unknown('a flow node that is not an object', call) }];
  const get = (key: string): Value => dc.interp.member(node, key, call, ctx);
  const prefix = get('prefix');
  const here: Entry = { choice, kind: 'flow', job: get('name'), queue: get('queueName'), ...(prefix.k !== 'undef' ? { prefix } : {}) };
  const children = get('children');
  const kids = children.k === 'undef' ? [] : elementsOf(dc, children, call);
  return [here, ...kids.flatMap((child) => flowNodes(dc, choice, child, call, ctx, depth + 1))];
}

function elementsOf(dc: DetectorContext, v: Value, at: ts.Node): Value[] {
  const items = dc.interp.elements(v, at);
  return Array.isArray(items) ? items.map((t) => t()) : [];
}

function hasKey(v: Value): boolean {
  return v.k !== 'undef' && v.k !== 'null' && v.k !== 'unknown';
}

/** Whether Bull's first `add` argument is a job name rather than the data. */
function isNameLike(v: Value, expr: ts.Expression): boolean {
  const e = skipOuter(expr);
  if (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) || ts.isNumericLiteral(e)) return false;
  if (v.k === 'str' || v.k === 'env' || v.k === 'open') return true;
  if (v.k === 'oneOf') return v.alts.some((a) => a.value.k === 'str');
  if (v.k === 'obj' || v.k === 'arr' || v.k === 'num' || v.k === 'inst') return false;
  return true;
}
