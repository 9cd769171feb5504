/**
 * File names are bytes, not text: Linux allows any byte but `/` and NUL, and a name that is not
 * valid UTF-8 (a Latin-1 `caf\xe9.ts` from an old archive) cannot be spelled as a JavaScript
 * string that Node's fs would turn back into the same bytes. Such a name used to be listed as
 * "unreadable (ENOENT)" and its queue lost.
 *
 * Paths are strings everywhere in job-owners, so a name is decoded as UTF-8 with every byte
 * that is not part of a valid sequence kept as a lone surrogate U+DC80–U+DCFF (Python's
 * "surrogateescape"). Valid UTF-8 can never decode to a lone surrogate, so the mapping is
 * exact both ways: `fsPath` gives fs the original bytes back, and `displayPath` prints such a
 * byte as `\xNN`. JSON output keeps it as the escape `\udcNN`, which parses back to the same
 * string.
 */

const ESCAPED = /[\uDC80-\uDCFF]/;

/** The path as a string: UTF-8, with undecodable bytes escaped (see above). */
export function decodePath(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // The fast path: no replacement character, or only ones the bytes really spell.
  if (!text.includes('\uFFFD')) return text;
  return decodeEscaping(bytes);
}

/** What to hand to fs for a path that may hold escaped bytes: the string itself, or its bytes. */
export function fsPath(path: string): string | Buffer {
  if (!ESCAPED.test(path) || !hasLoneEscape(path)) return path;
  const bytes: number[] = [];
  for (let i = 0; i < path.length; i++) {
    const unit = path.charCodeAt(i);
    if (unit >= 0xdc80 && unit <= 0xdcff && !(i > 0 && isHigh(path.charCodeAt(i - 1)))) {
      bytes.push(unit - 0xdc00);
      continue;
    }
    let codePoint = unit;
    if (isHigh(unit) && i + 1 < path.length && isLow(path.charCodeAt(i + 1))) {
      codePoint = 0x10000 + ((unit - 0xd800) << 10) + (path.charCodeAt(i + 1) - 0xdc00);
      i++;
    }
    bytes.push(...Buffer.from(String.fromCodePoint(codePoint), 'utf8'));
  }
  return Buffer.from(bytes);
}

/** The path for a message or a terminal: escaped bytes as `\xNN`, everything else as is. */
export function displayPath(path: string): string {
  if (!ESCAPED.test(path)) return path;
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const unit = path.charCodeAt(i);
    if (unit >= 0xdc80 && unit <= 0xdcff && !(i > 0 && isHigh(path.charCodeAt(i - 1)))) out += `\\x${(unit - 0xdc00).toString(16).toUpperCase().padStart(2, '0')}`;
    else out += path[i];
  }
  return out;
}

function hasLoneEscape(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const unit = path.charCodeAt(i);
    if (unit >= 0xdc80 && unit <= 0xdcff && !(i > 0 && isHigh(path.charCodeAt(i - 1)))) return true;
  }
  return false;
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** A strict UTF-8 decoder (no overlongs, no surrogates, nothing past U+10FFFF) that escapes. */
function decodeEscaping(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length = 0;
    let min = 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    let codePoint = length === 2 ? b & 0x1f : length === 3 ? b & 0x0f : b & 0x07;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) valid = false;
      else codePoint = (codePoint << 6) | (c & 0x3f);
    }
    if (valid && (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))) valid = false;
    if (!valid) {
      out += String.fromCharCode(0xdc00 + b);
      i++;
      continue;
    }
    out += String.fromCodePoint(codePoint);
    i += length;
  }
  return out;
}
