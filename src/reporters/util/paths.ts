import type { SourceLocation } from '../../model/result.js';
import { displayPath as displayRawPath, fsPath } from '../../util/raw-path.js';

/** The path a user can click or copy: result paths are relative to the analysed root. */
export function displayPath(linkBase: string, file: string): string {
  // A byte that is not UTF-8 in a file name shows as \xNN (util/raw-path.ts).
  const shown = displayRawPath(file);
  return linkBase === '' ? shown : `${linkBase}/${shown}`;
}

/** `path:line:col`, the form terminals and editors turn into a link. */
export function displayLocation(linkBase: string, loc: SourceLocation): string {
  return `${displayPath(linkBase, loc.file)}:${loc.line}:${loc.column}`;
}

/** Parentheses are legal in URLs but end a markdown link destination, so encode them too. */
function encodeParens(text: string): string {
  return text.replace(/[()]/g, (ch) => (ch === '(' ? '%28' : '%29'));
}

/** Percent-encodes each segment of a repo-relative path, keeping the `/` separators. */
export function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeParens(encodeSegment(segment)))
    .join('/');
}

/** encodeURIComponent, except that a name's raw bytes (util/raw-path.ts) become their own %XX. */
function encodeSegment(segment: string): string {
  const raw = fsPath(segment);
  if (typeof raw === 'string') return encodeURIComponent(segment);
  let out = '';
  for (const byte of raw) out += /[A-Za-z0-9\-_.!~*'()]/.test(String.fromCharCode(byte)) && byte < 0x80 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/**
 * A link to a line: `${linkBase}/${file}#L${line}`. The base is encoded with encodeURI, not per
 * segment, because the CLI may pass an absolute URL (`https://github.com/o/r/blob/<sha>`) for
 * the step summary, whose `:` must survive.
 */
export function lineLink(linkBase: string, loc: SourceLocation): string {
  const base = linkBase === '' ? '' : `${encodeParens(encodeURI(linkBase))}/`;
  return `${base}${encodePath(loc.file)}#L${loc.line}`;
}

/**
 * A link to a file, without a line: the committed report must not change when lines move
 * (see SiteRef). Same encoding as lineLink.
 */
export function fileLink(linkBase: string, file: string): string {
  const base = linkBase === '' ? '' : `${encodeParens(encodeURI(linkBase))}/`;
  return `${base}${encodePath(file)}`;
}
