/**
 * The interpreter's explicit bounds. Reaching one yields an `unknown` value whose reason names
 * the bound, which detectors report as `unresolved-name` — never a guess, never a hang.
 */
export const BOUNDS = {
  /** Calls nested inside one evaluation (`a()` calling `b()` calling …). */
  callDepth: 12,
  /** Alternatives kept for one value (`cond ? a : b` products, template combinations). */
  alternatives: 16,
  /** Elements iterated from one array (loops, `map`, spreads). */
  elements: 500,
  /** Evaluation steps for one question a detector asks. */
  steps: 200_000,
  /** Levels of callers followed to bind a parameter (`expand`). */
  bindingDepth: 6,
  /** Contexts one site is instantiated in (call sites × elements). */
  contexts: 400,
  /** Call sites examined for one function. */
  callSites: 400,
} as const;
