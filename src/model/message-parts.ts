import type { Finding } from './result.js';

/** Longest first line a rule should give; longer ones are kept whole (names can be long). */
export const SUMMARY_MAX = 120;

/**
 * A finding's `summary`, `advice` and full `message` (see Finding in result.ts). A finding
 * built with `message` alone is split on its first line break, else — when it is longer than
 * SUMMARY_MAX — after its first sentence. Rules that put names in their text should set
 * `summary` and `advice` themselves (rules/describe.ts `say`): a name may hold a line break.
 */
export function messageParts(finding: Pick<Finding, 'message' | 'summary' | 'advice'>): { summary: string; advice: string; message: string } {
  let summary = finding.summary;
  let advice = finding.advice;
  if (summary !== undefined) {
    // A later stage may append a note to `message` (analyze.ts names skipped files): keep it, as advice.
    const joined = joinParts(summary, advice ?? '');
    if (finding.message !== joined && finding.message.startsWith(joined)) advice = `${advice ?? ''} ${finding.message.slice(joined.length).trim()}`.trim();
  } else {
    const text = finding.message.trim();
    const newline = text.indexOf('\n');
    const sentence = /[.;](\s+)(?=[A-Z"`(@])/.exec(text);
    if (newline !== -1) [summary, advice] = [text.slice(0, newline), text.slice(newline + 1)];
    else if (text.length > SUMMARY_MAX && sentence) [summary, advice] = [text.slice(0, sentence.index + 1), text.slice(sentence.index + sentence[0].length)];
    else [summary, advice] = [text, advice ?? ''];
  }
  // Only trimmed: names inside the text (a job called "a\nb") must survive as they are.
  summary = summary.trim();
  advice = (advice ?? '').trim();
  return { summary, advice, message: joinParts(summary, advice) };
}

/** The finding with all three parts set. */
export function withMessageParts<T extends Finding>(finding: T): T {
  return { ...finding, ...messageParts(finding) };
}

/** `summary. advice`: the summary is a sentence without its full stop, the message is prose. */
export function joinParts(summary: string, advice: string): string {
  if (advice === '') return summary;
  return `${summary}${/[.!?:;]$/.test(summary) ? '' : '.'} ${advice}`;
}
