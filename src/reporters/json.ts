import type { JobOwnersResult } from '../model/result.js';
import { RESULT_KEY_ORDER, type KeyOrder } from './key-order.js';
import type { Reporter } from './types.js';
import { compareStrings } from './util/text.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rebuilds a value with keys in the declared order. Keys the order does not know (the
 * contract allows additions) follow in code-unit order, so the output never depends on how
 * whoever built the object inserted its keys. `undefined` members are dropped, as
 * JSON.stringify would.
 */
export function canonicalize(value: unknown, order?: KeyOrder): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalize(item, order));
  if (!isPlainObject(value)) return value;
  const declared = order?.keys ?? [];
  const extra = Object.keys(value)
    .filter((key) => !declared.includes(key))
    .sort(compareStrings);
  // A null prototype, so a key named `__proto__` stays data instead of changing the prototype.
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of [...declared, ...extra]) {
    if (!(key in value) || value[key] === undefined) continue;
    out[key] = canonicalize(value[key], order?.children?.[key]);
  }
  return out;
}

/** The whole result (SPEC §8), two-space indented, with stable key order. */
export const json: Reporter = (result: JobOwnersResult): string =>
  JSON.stringify(canonicalize(result, RESULT_KEY_ORDER), null, 2) + '\n';
