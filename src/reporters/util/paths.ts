import type { SourceLocation } from '../../model/result.js';

/** The path a user can click or copy: result paths are relative to the analysed root. */
export function displayPath(linkBase: string, file: string): string {
  return linkBase === '' ? file : `${linkBase}/${file}`;
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
    .map((segment) => encodeParens(encodeURIComponent(segment)))
    .join('/');
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
