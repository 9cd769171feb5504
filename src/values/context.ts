import type { ts } from '../util/typescript.js';
import type { Thunk, Value } from './domain.js';

/**
 * The bindings one evaluation sees: a frame per bound scope (a function called from a known
 * site, a loop on one element, a callback on one array element), found by the scope's node.
 *
 * Contexts are immutable: binding a scope makes a new context. Frames of scopes bound earlier
 * (inner loops, enclosing functions) are kept, so bindings compose in any order.
 */
export interface Frame {
  /** The function, `for…of` statement or callback this frame binds. */
  scope: ts.Node;
  /** Undefined for a frame that binds only `this` (a method whose callers are not bound). */
  args?: Thunk[];
  /** With no `args`: the parameters are open inputs of this scope instead (see Instances). */
  openAs?: ts.Node;
  /** With no `args`: a method only code outside the analysis calls; its parameters are unknown. */
  external?: boolean;
  thisValue?: Value;
  /** The loop variable's value, for a `for…of`/`for…in` frame. */
  element?: Thunk;
  /** The call, `new`, loop or `forEach` that bound it. */
  site: ts.Node;
}

export interface Ctx {
  readonly frames: ReadonlyMap<ts.Node, Frame>;
  /** The outermost call that bound a scope: where the code of this context runs. */
  readonly anchor?: ts.Node;
  /**
   * The outermost call of the site's own callers, where its values are chosen — when not
   * `anchor` (a method found through a provider Nest instantiates runs with the provider, but
   * is reported at the call).
   */
  readonly reportAt?: ts.Node;
  /** Number of call frames: the call-depth bound. */
  readonly depth: number;
  /** Interned identity of the frames, for memoisation across equal contexts. */
  readonly id: number;
}

let nextId = 1;

export const ROOT: Ctx = { frames: new Map(), depth: 0, id: 0 };

export function bind(base: Ctx, frame: Frame, options: { anchor?: ts.Node; call?: boolean } = {}): Ctx {
  const frames = new Map(base.frames);
  frames.set(frame.scope, frame);
  return { frames, anchor: options.anchor ?? base.anchor, depth: base.depth + (options.call ? 1 : 0), id: nextId++ };
}

/** A context with the frames of both (those of `extra` win); the anchor of `extra`, else of `base`. */
export function merge(base: Ctx, extra: Ctx): Ctx {
  if (base.frames.size === 0 && !base.anchor) return extra;
  if (extra.frames.size === 0 && !extra.anchor) return base;
  const frames = new Map(base.frames);
  for (const [k, v] of extra.frames) frames.set(k, v);
  return { frames, anchor: extra.anchor ?? base.anchor, depth: Math.max(base.depth, extra.depth), id: nextId++ };
}

/** The same bindings, reported at another call (the outermost of a rebuilt chain). */
export function withAnchor(ctx: Ctx, anchor: ts.Node, reportAt?: ts.Node): Ctx {
  return { frames: ctx.frames, anchor, ...(reportAt && reportAt !== anchor ? { reportAt } : {}), depth: ctx.depth, id: nextId++ };
}
