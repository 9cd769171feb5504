/**
 * Colour decision, made once: --color/--no-color win, then NO_COLOR (any non-empty value) and
 * FORCE_COLOR, then whether stdout is a terminal. chalk's own detection ignores NO_COLOR, so the
 * reporters receive a plain boolean instead.
 */
export function shouldColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}
