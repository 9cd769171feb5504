import path from 'node:path';
import type { Library } from '../model/result.js';
import { packageNameOf } from '../resolution/repo-host.js';
import { ts } from '../util/typescript.js';
import { type Ctx, ROOT } from './context.js';
import { type Handle, type HandleRole, type NestRegistration, str, type Thunk, UNDEF, unknown, type Value } from './domain.js';
import type { Interpreter } from './interpreter.js';
import { mapContents, mapGet } from './collections.js';
import { oneLine } from './program.js';

type Lib = Extract<Value, { k: 'lib' }>;

/** Which packages are queue libraries. Only a value that comes from one of them is a queue. */
export const BULLMQ_PACKAGES = new Set(['bullmq', '@taskforcesh/bullmq-pro']);
export const BULL_PACKAGES = new Set(['bull']);
export const NEST_PACKAGES: ReadonlyMap<string, Library> = new Map([
  ['@nestjs/bullmq', 'bullmq'],
  ['@nestjs/bull', 'bull'],
  ['@nestjs/bull-shared', 'bullmq'],
]);
export const QUEUE_LIBRARIES = new Set([...BULLMQ_PACKAGES, ...BULL_PACKAGES, ...NEST_PACKAGES.keys()]);

const PATH_MODULES = new Set(['path', 'node:path', 'path/posix', 'node:path/posix']);
const URL_MODULES = new Set(['url', 'node:url']);

const BULLMQ_CLASSES: Record<string, HandleRole> = {
  Queue: 'queue',
  QueuePro: 'queue',
  Worker: 'worker',
  WorkerPro: 'worker',
  FlowProducer: 'flow',
  FlowProducerPro: 'flow',
  QueueEvents: 'events',
  QueueEventsPro: 'events',
  QueueScheduler: 'events',
};

export function libraryOf(lib: Lib): Library | undefined {
  const pkg = packageNameOf(lib.module);
  if (BULLMQ_PACKAGES.has(pkg)) return 'bullmq';
  if (BULL_PACKAGES.has(pkg)) return 'bull';
  return undefined;
}

/** The export a library value names (`bull`'s default export is its Queue). */
function exportName(lib: Lib): string {
  const first = lib.path[0];
  return first === undefined || first === 'default' ? lib.path[1] ?? 'default' : first;
}

export function libraryMember(lib: Lib, key: string): Value {
  return { k: 'lib', module: lib.module, path: [...lib.path, key], instance: lib.instance };
}

/** `process.env` as a value: its members are environment reads (interpreter `member`). */
export const PROCESS_ENV: Value = { k: 'lib', module: 'global', path: ['process', 'env'] };

export function isProcessEnv(v: Lib): boolean {
  return v.module === 'global' && v.path.length === 2 && v.path[0] === 'process' && v.path[1] === 'env' && !v.instance;
}

/** Packages whose `createEnv` returns the validated environment (`@t3-oss/env-nextjs`, `-core`, `-nuxt`). */
const ENV_FACTORY = /^@t3-oss\/env(-|$)/;

/**
 * A call outside the repository that returns the environment: t3's `createEnv(…)`, or any
 * library call given `process.env` itself (`cleanEnv(process.env, …)`, `schema.parse(process.env)`).
 */
export function readsWholeEnvironment(fn: Value, node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  if (fn.k === 'lib' && ENV_FACTORY.test(packageNameOf(fn.module)) && fn.path[fn.path.length - 1] === 'createEnv') return true;
  return node.arguments.some((a) => {
    const e = skipParens(a);
    return ts.isPropertyAccessExpression(e) && e.name.text === 'env' && ts.isIdentifier(e.expression) && e.expression.text === 'process';
  });
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** `new X(…)` of a library class: queue library classes become handles. */
export function constructLibrary(interp: Interpreter, lib: Lib, args: Thunk[], node: ts.Node, ctx: Ctx, nameOverride?: Value): Value {
  if (lib.instance) return unknown(`\`new\` of an instance of ${lib.module}`, node);
  const library = libraryOf(lib);
  const name = exportName(lib);
  const arg = (i: number): Value => (nameOverride ? nameOverride : args[i]?.() ?? UNDEF);
  if (library === 'bullmq' && lib.path.length === 1 && BULLMQ_CLASSES[name]) {
    const role = BULLMQ_CLASSES[name]!;
    if (role === 'flow') return handle({ role, library, name: UNDEF, prefix: prefixOf(interp, nameOverride ?? args[0]?.(), node, ctx), site: node, ctx });
    const optsIndex = role === 'worker' ? 2 : 1;
    return handle({
      role,
      library,
      name: arg(0),
      prefix: prefixOf(interp, nameOverride ?? args[optsIndex]?.(), node, ctx),
      processor: role === 'worker' ? (nameOverride ?? args[1]?.() ?? UNDEF) : undefined,
      site: node,
      ctx,
    });
  }
  if (library === 'bull' && (lib.path.length === 0 || (lib.path.length === 1 && (name === 'default' || name === 'Queue')))) return bullQueue(interp, args, node, ctx, nameOverride);
  if (lib.module === 'global' && name === 'URL') return urlValue(args, node);
  return { k: 'lib', module: lib.module, path: lib.path, instance: true };
}

/** Bull's `new Queue(name, url?, opts?)` — also callable without `new`. */
function bullQueue(interp: Interpreter, args: Thunk[], node: ts.Node, ctx: Ctx, nameOverride?: Value): Value {
  if (nameOverride) return handle({ role: 'queue', library: 'bull', name: nameOverride, site: node, ctx });
  const second = args[1]?.();
  const opts = second?.k === 'str' ? args[2]?.() : second;
  let prefix = prefixOf(interp, opts, node, ctx);
  // Bull adopts `redis.keyPrefix` as its prefix (lib/queue.js).
  if (!prefix && opts?.k === 'obj') {
    const redis = interp.member(opts, 'redis', node, ctx);
    if (redis.k === 'obj') prefix = prefixOf(interp, redis, node, ctx, 'keyPrefix');
  }
  return handle({ role: 'queue', library: 'bull', name: args[0]?.() ?? UNDEF, prefix, site: node, ctx });
}

function handle(h: Handle): Value {
  return { k: 'handle', h };
}

/**
 * The `prefix` option, or undefined for the library default. Options whose content cannot be
 * seen at all (`getOptions()`) are taken as not setting one; a `prefix` key that is there but
 * not static is reported with the queue.
 */
function prefixOf(interp: Interpreter, opts: Value | undefined, node: ts.Node, ctx: Ctx, key = 'prefix'): Value | undefined {
  if (!opts) return undefined;
  if (opts.k === 'open') return opts;
  if (opts.k !== 'obj') return undefined;
  const explicit = findKey(interp, opts, key, node, ctx, 0);
  return explicit && explicit.k !== 'undef' ? explicit : undefined;
}

function findKey(interp: Interpreter, obj: Extract<Value, { k: 'obj' }>, key: string, node: ts.Node, ctx: Ctx, depth: number): Value | undefined {
  if (depth > 8) return undefined;
  for (let i = obj.parts.length - 1; i >= 0; i--) {
    const part = obj.parts[i]!;
    if ('key' in part) {
      if (part.key === key) return part.value();
      continue;
    }
    if ('computed' in part) continue;
    const spread = part.spread();
    if (spread.k === 'obj') {
      const inner = findKey(interp, spread, key, node, ctx, depth + 1);
      if (inner) return inner;
    } else if (spread.k === 'open') return spread;
  }
  return undefined;
}

function urlValue(args: Thunk[], node: ts.Node): Value {
  const rel = args[0]?.();
  const base = args[1]?.();
  if (rel?.k !== 'str') return unknown('a URL that is not static', node);
  if (rel.v.startsWith('file://')) return rel;
  if (base?.k === 'str') {
    const dir = base.v.startsWith('file://') ? path.posix.dirname(base.v.slice(7)) : path.posix.dirname(base.v);
    return str(`file://${path.posix.resolve(dir, rel.v)}`);
  }
  return unknown('a URL relative to an unknown base', node);
}

/** A call of a library function or method. */
export function callLibrary(interp: Interpreter, lib: Lib, args: Thunk[], thisValue: Value | undefined, node: ts.Node, ctx: Ctx): Value {
  const pkg = packageNameOf(lib.module);
  const p = lib.path;
  const last = p[p.length - 1] ?? '';
  const arg = (i: number): Value => args[i]?.() ?? UNDEF;
  const nest = NEST_PACKAGES.get(pkg);
  if (nest) {
    if (last === 'getQueueToken') return { k: 'token', role: 'queue', name: args[0] ? arg(0) : str('default'), library: pkg === '@nestjs/bull-shared' ? undefined : nest };
    if (last === 'getFlowProducerToken') return { k: 'token', role: 'flow', name: args[0] ? arg(0) : str('default'), library: nest };
    if (last === 'InjectQueue') return { k: 'token', role: 'queue', name: args[0] ? arg(0) : str('default'), library: nest };
    if (last === 'InjectFlowProducer') return { k: 'token', role: 'flow', name: args[0] ? arg(0) : str('default'), library: nest };
    if (p[0] === 'BullModule' && p.length === 2) return registration(interp, nest, last, args, node, ctx);
    if (last === 'Processor') {
      // `@Processor('q')`, `@Processor({ name: 'q' })`, `@Processor()` (queue 'default'), with worker options second.
      const first = arg(0);
      const name = !args[0] ? str('default') : first.k === 'obj' ? memberOr(interp, first, 'name', str('default'), node, ctx) : first;
      return { k: 'token', role: 'processor', name, library: nest, options: first.k === 'obj' ? first : arg(1) };
    }
    if (last === 'Process') {
      // Bull: `@Process()` handles only '__default__'; `@Process('x')`, `@Process({ name })`.
      const first = arg(0);
      const name = !args[0] ? str('__default__') : first.k === 'obj' ? memberOr(interp, first, 'name', str('__default__'), node, ctx) : first.k === 'num' ? str('__default__') : first;
      return { k: 'token', role: 'process', name, library: nest };
    }
    if (last === 'QueueEventsListener') return { k: 'token', role: 'listener', name: args[0] ? arg(0) : str('default'), library: nest };
  }
  if (libraryOf(lib) === 'bull' && !lib.instance && (p.length === 0 || (p.length === 1 && p[0] === 'default'))) return bullQueue(interp, args, node, ctx);
  if (pkg === '@nestjs/common') {
    if (last === 'forwardRef') {
      const fn = arg(0);
      return fn.k === 'fn' ? interp.invoke(fn, [], undefined, node, ctx) : fn;
    }
    if (last === 'Inject') return arg(0);
    // `applyDecorators(Processor(q), …)`: the queue decorator among them.
    if (last === 'applyDecorators') {
      for (const t of args) {
        const v = t();
        if (v.k === 'token') return v;
      }
      return unknown('decorators that are not queue decorators', node);
    }
  }
  if (pkg === '@nestjs/core' && lib.instance && (last === 'get' || last === 'resolve')) return fromToken(interp, arg(0), node, node.getSourceFile().fileName);
  if (PATH_MODULES.has(lib.module) || (lib.module === 'path' && p[0] === 'posix')) return pathCall(last, args, node);
  if (URL_MODULES.has(lib.module)) {
    const v = arg(0);
    if (last === 'pathToFileURL' && v.k === 'str') return str(`file://${v.v}`);
    if (last === 'fileURLToPath' && v.k === 'str') return str(v.v.startsWith('file://') ? decodeURIComponent(v.v.slice(7)) : v.v);
  }
  if (lib.module === 'global') return globalCall(interp, p.join('.'), args, node, ctx);
  return unknown(`the result of \`${oneLine(node, 50)}\``, node, QUEUE_LIBRARIES.has(pkg) ? undefined : pkg);
}

function pathCall(fn: string, args: Thunk[], node: ts.Node): Value {
  const parts: string[] = [];
  for (const a of args) {
    const v = a();
    if (v.k !== 'str') return v.k === 'open' ? v : unknown(`a path built from ${v.k === 'env' ? `process.env.${v.name}` : 'a value that is not static'}`, node);
    parts.push(v.v.startsWith('file://') ? v.v.slice(7) : v.v);
  }
  const dir = path.posix.dirname(node.getSourceFile().fileName);
  switch (fn) {
    case 'join':
      return str(path.posix.join(...parts));
    case 'resolve':
      return str(path.posix.resolve(dir, ...parts));
    case 'dirname':
      return str(path.posix.dirname(parts[0] ?? ''));
    case 'basename':
      return str(path.posix.basename(parts[0] ?? '', parts[1]));
    case 'extname':
      return str(path.posix.extname(parts[0] ?? ''));
    default:
      return unknown(`path.${fn}`, node);
  }
}

function globalCall(interp: Interpreter, name: string, args: Thunk[], node: ts.Node, ctx: Ctx): Value {
  const a0 = args[0]?.() ?? UNDEF;
  switch (name) {
    case 'Object.values':
    case 'Object.keys':
    case 'Object.entries':
      return objectView(interp, a0, name.slice(7) as 'values' | 'keys' | 'entries', node, ctx);
    case 'Object.freeze':
    case 'Promise.resolve':
    case 'Array.from':
      return a0;
    case 'Promise.all':
    case 'Promise.allSettled':
      return a0;
    case 'Object.assign': {
      const parts = args.map((t) => ({ spread: t }));
      return { k: 'obj', parts, node };
    }
    case 'Array.of':
      return { k: 'arr', items: args, node };
    case 'Array.isArray':
      return isArrayValue(a0, node);
    case 'String':
      return a0.k === 'str' ? a0 : a0.k === 'num' || a0.k === 'bool' ? str(String(a0.v)) : unknown('String() of a value that is not static', node);
    case 'Number':
    case 'parseInt':
      return a0.k === 'num' ? a0 : a0.k === 'str' && /^\s*-?\d+(\.\d+)?\s*$/.test(a0.v) ? { k: 'num', v: Number(a0.v) } : unknown('a number that is not static', node);
    case 'Boolean':
      return unknown('Boolean()', node);
    case 'Map.get':
    case 'WeakMap.get':
      return mapGet(interp, node, a0, ctx);
    case 'Map.values':
    case 'Map.keys':
    case 'Map.entries':
      return mapContents(interp, node, name.slice(4) as 'values' | 'keys' | 'entries', ctx);
    default:
      return unknown(`the result of ${name}()`, node);
  }
}

/** `Array.isArray(v)`: decided when `v` is a known list or a known non-list (an options object
 *  or a list of providers, the overload test of a Nest `forFeature(optionsOrProviders)`); a set
 *  of alternatives is decided only when every alternative agrees. */
function isArrayValue(v: Value, node: ts.Node): Value {
  const answer = (x: Value): boolean | undefined => {
    switch (x.k) {
      case 'arr':
        return true;
      case 'obj':
      case 'str':
      case 'num':
      case 'bool':
      case 'null':
      case 'undef':
      case 'fn':
      case 'class':
      case 'inst':
      case 'handle':
        return false;
      case 'oneOf': {
        const each = new Set(x.alts.map((a) => answer(a.value)));
        return each.size === 1 ? [...each][0] : undefined;
      }
      default:
        return undefined;
    }
  };
  const a = answer(v);
  return a === undefined ? (v.k === 'open' ? v : unknown('Array.isArray() of a value that is not static', node)) : { k: 'bool', v: a };
}

/** `Object.values/keys/entries` of an object (enums and `as const` maps included). */
export function objectView(interp: Interpreter, v: Value, view: 'values' | 'keys' | 'entries', node: ts.Node, ctx: Ctx): Value {
  if (v.k === 'open' || v.k === 'unknown') return v;
  if (v.k !== 'obj') return unknown(`Object.${view} of ${v.k}`, node);
  const keys = keysOf(interp, v, node, ctx);
  if (!Array.isArray(keys)) return keys;
  // TypeScript numeric enums map values back to names: `Object.values(E)` sees both.
  const isEnum = v.node && ts.isEnumDeclaration(v.node);
  const items: Thunk[] = [];
  for (const key of keys) {
    const value = (): Value => interp.member(v, key, node, ctx);
    if (view === 'keys') items.push(() => str(key));
    else if (view === 'values') items.push(value);
    else items.push(() => ({ k: 'arr', items: [() => str(key), value], node }));
    if (isEnum && view !== 'keys') {
      const mv = value();
      if (mv.k === 'num') items.push(view === 'values' ? () => str(key) : () => ({ k: 'arr', items: [() => str(String(mv.v)), () => str(key)], node }));
    }
  }
  return { k: 'arr', items, node };
}

/** Own enumerable keys, in order, through spreads. */
export function keysOf(interp: Interpreter, v: Extract<Value, { k: 'obj' }>, node: ts.Node, ctx: Ctx): string[] | Value {
  const out: string[] = [];
  for (const part of v.parts) {
    if ('key' in part) out.push(part.key);
    else if ('computed' in part) {
      const k = part.computed();
      if (k.k === 'str') out.push(k.v);
      else if (k.k === 'num') out.push(String(k.v));
      else return unknown('an object with a computed key that is not static', node);
    } else {
      const s = part.spread();
      if (s.k === 'undef' || s.k === 'null' || s.k === 'bool') continue;
      if (s.k !== 'obj') return s.k === 'open' ? s : unknown(`the keys of ${s.k === 'unknown' ? s.reason : 'a spread value'}`, node);
      const inner = keysOf(interp, s, node, ctx);
      if (!Array.isArray(inner)) return inner;
      out.push(...inner);
    }
  }
  return [...new Set(out)];
}

function memberOr(interp: Interpreter, obj: Value, key: string, fallback: Value, node: ts.Node, ctx: Ctx): Value {
  const v = interp.member(obj, key, node, ctx);
  return v.k === 'undef' ? fallback : v;
}

/** `BullModule.registerQueue(…)` and friends: what the module registers. */
function registration(interp: Interpreter, library: Library, method: string, args: Thunk[], node: ts.Node, ctx: Ctx): Value {
  const kind: NestRegistration['kind'] | undefined = /^registerQueue(Async)?$/.test(method) ? 'queue' : /^registerFlowProducer(Async)?$/.test(method) ? 'flow' : /^forRoot(Async)?$/.test(method) ? 'root' : undefined;
  if (!kind) return unknown(`BullModule.${method}`, node);
  const async = method.endsWith('Async');
  const queues: NestRegistration['queues'] = [];
  let list = args;
  // `forRoot('configKey', options)`
  if (kind === 'root' && args.length >= 2) list = [args[1]!];
  for (const t of list) {
    let opts = t();
    const outer = opts;
    if (async && opts.k === 'obj') {
      const factory = interp.member(opts, 'useFactory', node, ctx);
      if (factory.k === 'fn') opts = interp.invoke(factory, [], undefined, node, ctx);
    }
    const get = (o: Value, key: string): Value | undefined => {
      if (o.k !== 'obj') return undefined;
      const v = interp.member(o, key, node, ctx);
      return v.k === 'undef' ? undefined : v;
    };
    const name = get(outer, 'name') ?? get(opts, 'name') ?? (kind === 'root' ? UNDEF : str('default'));
    if (opts.k === 'open') queues.push({ name: opts, node });
    else queues.push({ name, prefix: get(opts, 'prefix'), processors: get(outer, 'processors') ?? get(opts, 'processors'), configKey: get(outer, 'configKey') ?? get(opts, 'configKey'), node });
  }
  return { k: 'nestReg', reg: { library, kind, queues, site: node, ctx } };
}

/** What `@InjectQueue('x')`, `@Inject(getQueueToken('x'))`, `@Inject(Cls)` put into a parameter. */
export function injectedByDecorator(interp: Interpreter, d: ts.Decorator, target: ts.ParameterDeclaration | ts.PropertyDeclaration): Value | undefined {
  if (!ts.isCallExpression(d.expression)) return undefined;
  const v = interp.eval(d.expression, ROOT);
  if (v.k === 'token' || v.k === 'str' || v.k === 'class') return fromToken(interp, v, target, target.getSourceFile().fileName);
  if (v.k === 'unknown') {
    const callee = interp.eval(d.expression.expression, ROOT);
    if (callee.k === 'lib' && /^Inject/.test(callee.path[callee.path.length - 1] ?? '')) return unknown(`what \`${oneLine(d.expression, 50)}\` injects`, d);
  }
  return undefined;
}

/** A Nest provider token → the queue or flow producer it stands for. */
function fromToken(interp: Interpreter, token: Value, site: ts.Node, file: string): Value {
  if (token.k === 'token') {
    if (token.role !== 'queue' && token.role !== 'flow') return unknown(`a ${token.role} decorator is not a provider`, site);
    const library = token.library ?? interp.program.nestLibraryOf(file) ?? 'bullmq';
    return handle({ role: token.role, library, name: token.role === 'flow' ? UNDEF : token.name, site, ctx: ROOT, viaNest: true });
  }
  if (token.k === 'str') {
    const m = /^Bull(Queue|FlowProducer)_(.*)$/.exec(token.v);
    if (m) {
      const library = interp.program.nestLibraryOf(file) ?? 'bullmq';
      return handle({ role: m[1] === 'Queue' ? 'queue' : 'flow', library, name: m[1] === 'Queue' ? str(m[2]!) : UNDEF, site, ctx: ROOT, viaNest: true });
    }
    return unknown(`the provider \`${token.v}\``, site);
  }
  if (token.k === 'class') return interp.instances.diInstance(token.decl);
  return unknown(`the provider for ${token.k === 'unknown' ? token.reason : 'a token that is not static'}`, site);
}
