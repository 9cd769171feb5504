import type { ts } from '../util/typescript.js';
import type { Alt, Value } from '../values/domain.js';
import { describe } from '../values/domain.js';
import { locationOf, oneLine } from '../values/program.js';
import { enclosingFunction } from '../values/scope.js';
import type { Name } from './facts.js';

/**
 * A value as a queue or job name: a string (or the default alternative of several, the others
 * kept), or the true cause it is not one — never a guess.
 */
export function toName(root: string, v: Value, at: ts.Node, what: string): Name {
  const unresolved = (reason: string, origin?: ts.Node): Name => {
    const known = origin && origin.getSourceFile?.() ? origin : undefined;
    return {
      unresolved: reason,
      text: oneLine(at),
      location: locationOf(root, at),
      ...(known ? { origin: locationOf(root, known), ...(enclosingFunction(known) ? {} : { shared: true }) } : {}),
    };
  };
  switch (v.k) {
    case 'str':
      return { value: v.v };
    case 'num':
      return { value: String(v.v) };
    case 'oneOf': {
      const strings = v.alts.filter((a): a is Alt & { value: { k: 'str'; v: string } } => a.value.k === 'str');
      const fallback = strings.find((a) => a.isDefault);
      if (fallback) {
        const others = strings.filter((a) => a !== fallback);
        const rest = v.alts.filter((a) => a.value.k !== 'str');
        return {
          value: fallback.value.v,
          ...(others.length || rest.length ? { alternatives: [...others.map((a) => a.value.v), ...rest.map((a) => `<${describe(a.value)}>`)] } : {}),
          conditions: v.alts.map((a) => a.cond).filter(Boolean),
        };
      }
      return unresolved(`${what} is one of ${v.alts.map((a) => describe(a.value)).join(', ')} depending on ${v.alts.map((a) => a.cond).filter(Boolean).join(' / ') || 'runtime'}, with none chosen when the environment is unset`);
    }
    case 'env':
      return unresolved(`${what} is read from process.env.${v.name}, which has no default`, v.node);
    case 'unknown':
      return unresolved(`${what}: ${v.reason}`, v.node);
    case 'open':
      return unresolved(`${what} is ${v.what}, and no call that passes it was found`, v.node);
    case 'undef':
      return unresolved(`no ${what} is given`);
    default:
      return unresolved(`${what} is ${describe(v)}, not a string`);
  }
}
