import { visible } from './text.js';

/**
 * Markdown escaping. Names and messages come from user code, so any of them may contain
 * characters that markdown would interpret (emphasis, links, HTML, table pipes).
 */

/** Plain text: backslash-escapes every inline-significant ASCII punctuation character. */
export function mdText(text: string): string {
  return visible(text).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/**
 * A code span that survives any content: the fence is longer than the longest backtick run
 * inside, padded when the content touches a backtick. In a table cell `|` must still be
 * escaped, even inside a code span (GFM splits cells before parsing inlines).
 */
export function mdCode(text: string, inTable = false): string {
  let content = visible(text);
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const needsPad =
    content.startsWith('`') ||
    content.endsWith('`') ||
    (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '');
  if (inTable) content = content.replace(/\|/g, '\\|');
  const pad = needsPad ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** `[text](target)`; the target must already be percent-encoded (see lineLink). */
export function mdLink(text: string, target: string): string {
  return `[${mdText(text)}](${target})`;
}
