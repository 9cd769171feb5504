import type { ts } from '../util/typescript.js';
import type { Library } from '../model/result.js';
import type { Ctx } from './context.js';

/**
 * The abstract values the interpreter computes. Every expression evaluates to one of these;
 * what the analysis cannot know is an `unknown` that says why and where knowledge stopped, or an
 * `open` value that depends on an input of a scope not bound yet (a parameter, a loop element,
 * `this`) — resolved per caller by `expand` (values/expand.ts), never guessed.
 */
export type Value =
  /**
   * `via`: the call argument through which the string first entered a call — where a name is
   * supplied (`createWorker(Q.A, fn)`: `Q.A`; `super('ws', …)`: `'ws'`).
   */
  | { k: 'str'; v: string; via?: ts.Expression }
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | { k: 'undef' }
  /** One of several values depending on a condition (`process.env.X ? a : b`). */
  | { k: 'oneOf'; alts: Alt[] }
  /** An object literal (or built object): properties evaluated on demand, spreads kept in order. */
  | { k: 'obj'; parts: ObjPart[]; node?: ts.Node }
  /** `nodes[i]`: the element expression item i was written as, when it was written in place. */
  /**
   * `anchors[i]`: the call that put item i there, when it is not where the list is written (a
   * Map's entry made by `register(w)`): a site bound to that item is reported at that call.
   */
  | { k: 'arr'; items: Thunk[]; node?: ts.Node; nodes?: Array<ts.Node | undefined>; anchors?: Array<ts.Node | undefined> }
  | { k: 'fn'; decl: FunctionNode; ctx: Ctx; thisValue?: Value; bound?: Thunk[] }
  | { k: 'class'; decl: ts.ClassLikeDeclaration; ctx: Ctx }
  | { k: 'inst'; inst: Instance }
  /** `import * as ns from './repo-file'`, `require('./repo-file')`. */
  | { k: 'module'; file: ts.SourceFile }
  /** A member of an external module: `bullmq`.Queue, `node:path`.join; `instance` after `new`. */
  | { k: 'lib'; module: string; path: string[]; instance?: boolean }
  /** A built-in function bound to its receiver (`list.map`, `name.toUpperCase`). */
  | { k: 'builtin'; name: string; receiver: Value }
  | { k: 'handle'; h: Handle }
  /**
   * A Nest DI token for a queue or flow producer (`getQueueToken('x')`, `@InjectQueue('x')`), or
   * what a queue decorator factory returns (`Processor('x')`, `Process('name')`, also through an
   * in-house decorator that returns it).
   */
  | { k: 'token'; role: 'queue' | 'flow' | 'processor' | 'process' | 'listener'; name: Value; library?: Library; options?: Value }
  /** What `BullModule.registerQueue(…)` / `registerFlowProducer(…)` / `forRoot(…)` returns. */
  | { k: 'nestReg'; reg: NestRegistration }
  /** `process.env.NAME`: unknown at analysis time, unset in the default world. */
  | { k: 'env'; name: string; node?: ts.Node; via?: ts.Expression }
  /**
   * `fallback`: what the value is when the scope is never bound (a function chosen among returns
   * by its parameter: one of them, at runtime).
   */
  | { k: 'open'; scope: ts.Node; what: string; node: ts.Node; hint?: 'queue' | 'worker' | 'flow'; fallback?: Value }
  /**
   * `foreign`: the value came out of a library that is not a queue library (the result of
   * `metrics.getMeter()`, `prisma.user.findMany()`) — lost, but certainly not a queue.
   */
  /** `via`: the call argument through which the lost value first entered a call (as for strings). */
  | { k: 'unknown'; reason: string; node: ts.Node; foreign?: string; via?: ts.Expression };

export type Thunk = () => Value;

export interface Alt {
  value: Value;
  /** The condition under which this alternative holds, as the code says it. */
  cond: string;
  /** The alternative when every environment variable is unset (the queue's shown name). */
  isDefault: boolean;
}

export type ObjPart = { key: string; value: Thunk; getter?: boolean } | { spread: Thunk } | { computed: Thunk; value: Thunk };

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

/** Where an instance came from: one `new` site in one context, Nest's injector, or unknown. */
export type Alloc =
  | { kind: 'new'; node: ts.Node; ctx: Ctx; args: Thunk[] }
  | { kind: 'di' }
  /** `this` in a method whose callers are not bound yet: fields that need constructor arguments are open. */
  | { kind: 'open'; scope: ts.Node };

export interface Instance {
  cls: { k: 'class'; decl: ts.ClassLikeDeclaration; ctx: Ctx };
  alloc: Alloc;
  /** Memoised field values and constructor contexts (values/instances.ts). */
  memo: Map<string, Value>;
  ctors?: Map<ts.ClassLikeDeclaration, Ctx>;
}

export type HandleRole = 'queue' | 'worker' | 'flow' | 'events';

/** A queue library object: made by `new Queue(…)`, `new Worker(…)`, injected by Nest… */
export interface Handle {
  role: HandleRole;
  library: Library;
  name: Value;
  prefix?: Value;
  /** Worker: the processor argument; Bull queues have theirs through `.process`. */
  processor?: Value;
  /** The expression that made it (`new Queue(…)`, the `@InjectQueue` parameter). */
  site: ts.Node;
  ctx: Ctx;
  /** Injected by Nest: its prefix comes from the module registration. */
  viaNest?: boolean;
}

export interface NestRegistration {
  library: Library;
  kind: 'queue' | 'flow' | 'root';
  /** One entry per queue options object passed. */
  queues: Array<{ name: Value; prefix?: Value; processors?: Value; configKey?: Value; node: ts.Node }>;
  site: ts.Node;
  ctx: Ctx;
}

// ── Constructors ──────────────────────────────────────────────────────────────────────────

export const UNDEF: Value = { k: 'undef' };
export const NULL: Value = { k: 'null' };

export function str(v: string): Value {
  return { k: 'str', v };
}

export function unknown(reason: string, node: ts.Node, foreign?: string): Value {
  return foreign === undefined ? { k: 'unknown', reason, node } : { k: 'unknown', reason, node, foreign };
}

export function lazy(fn: () => Value): Thunk {
  let value: Value | undefined;
  let running = false;
  return () => {
    if (value) return value;
    if (running) return { k: 'unknown', reason: 'the value depends on itself', node: undefined as unknown as ts.Node };
    running = true;
    try {
      value = fn();
    } finally {
      running = false;
    }
    return value;
  };
}

export function constant(v: Value): Thunk {
  return () => v;
}

/** An `open` or `unknown` inside a value that detectors need whole (a name, a handle's name). */
export function firstOpen(v: Value | undefined, depth = 0): Extract<Value, { k: 'open' }> | undefined {
  if (!v || depth > 4) return undefined;
  if (v.k === 'open') return v;
  if (v.k === 'oneOf') for (const a of v.alts) {
    const o = firstOpen(a.value, depth + 1);
    if (o) return o;
  }
  if (v.k === 'handle') return firstOpen(v.h.name, depth + 1) ?? firstOpen(v.h.prefix, depth + 1);
  return undefined;
}

/** Structural equality for primitives, identity for the rest. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'str':
    case 'num':
    case 'bool':
      return a.v === (b as typeof a).v;
    case 'null':
    case 'undef':
      return true;
    case 'env':
      return a.name === (b as typeof a).name;
    case 'handle':
      return a.h.site === (b as typeof a).h.site && sameValue(a.h.name, (b as typeof a).h.name);
    case 'fn':
      return a.decl === (b as typeof a).decl && a.thisValue === (b as typeof a).thisValue;
    case 'class':
      return a.decl === (b as typeof a).decl;
    case 'inst':
      return a.inst === (b as typeof a).inst;
    case 'module':
      return a.file === (b as typeof a).file;
    case 'lib':
      return a.module === (b as typeof a).module && a.path.join('.') === (b as typeof a).path.join('.') && !!a.instance === !!(b as typeof a).instance;
    case 'open':
      return a.scope === (b as typeof a).scope && a.node === (b as typeof a).node && a.what === (b as typeof a).what;
    case 'unknown':
      return a.node === (b as typeof a).node && a.reason === (b as typeof a).reason;
    case 'oneOf': {
      const other = b as typeof a;
      return a.alts.length === other.alts.length && a.alts.every((x, i) => x.cond === other.alts[i]!.cond && sameValue(x.value, other.alts[i]!.value));
    }
    default:
      return false;
  }
}

/** A short description for messages: `"emails"`, `a function`, `process.env.QUEUE`. */
export function describe(v: Value): string {
  switch (v.k) {
    case 'str':
      return JSON.stringify(v.v);
    case 'num':
      return String(v.v);
    case 'bool':
      return String(v.v);
    case 'null':
      return 'null';
    case 'undef':
      return 'undefined';
    case 'env':
      return `process.env.${v.name}`;
    case 'oneOf':
      return v.alts.map((a) => describe(a.value)).join(' or ');
    case 'fn':
      return 'a function';
    case 'class':
      return `class ${v.decl.name?.text ?? '(anonymous)'}`;
    case 'inst':
      return `an instance of ${v.inst.cls.decl.name?.text ?? 'a class'}`;
    case 'lib':
      return `${v.module}${v.path.length ? `.${v.path.join('.')}` : ''}`;
    case 'handle':
      return `a ${v.h.library} ${v.h.role}`;
    default:
      return v.k === 'unknown' ? v.reason : v.k === 'open' ? v.what : 'a value';
  }
}
