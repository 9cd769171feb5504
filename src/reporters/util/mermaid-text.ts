import { visible } from './text.js';

/**
 * Mermaid node ids and labels. Ids are derived from names with an injective encoding, so two
 * different names never share a node and a name can never be a Mermaid keyword (`end`,
 * `subgraph`) or break the syntax; labels are quoted and use Mermaid entity codes.
 */

/**
 * `[A-Za-z0-9]` is kept; every other UTF-16 code unit (including `_`) becomes `_` plus exactly
 * four lowercase hex digits. Fixed width makes the encoding injective, and `_` is always
 * followed by a hex digit, so `_P` never occurs inside an encoded name (see queueNodeId).
 */
export function encodeIdPart(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    out += /[A-Za-z0-9]/.test(ch) ? ch : `_${name.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out;
}

export function serviceNodeId(service: string): string {
  return `s_${encodeIdPart(service)}`;
}

/** Queue identity is prefix + name (SPEC §2.3); the default prefix is left out to keep ids short. */
export function queueNodeId(queue: string, prefix: string): string {
  const base = `q_${encodeIdPart(queue)}`;
  return prefix === 'bull' ? base : `${base}_P${encodeIdPart(prefix)}`;
}

/** Characters Mermaid would interpret inside a quoted label, as `#code;` entities (`#` first). */
const LABEL_ENTITIES: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  '|': '#124;',
};

/** `"label"` with every special character entity-encoded; never contains a raw `"`. */
export function mermaidLabel(text: string): string {
  return `"${visible(text).replace(/[#"&<>`|]/g, (ch) => LABEL_ENTITIES[ch] ?? ch)}"`;
}
