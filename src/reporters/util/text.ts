/** Small text helpers shared by every reporter. */

/** `1 error`, `2 errors`: every count a reporter prints goes through this. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Control characters, C1 controls, line/paragraph separators and bidi overrides. Names come
 * from user code (a job name may hold a newline or an ESC): printed raw they would break a
 * line-based format or inject terminal escape sequences ("trojan source" for bidi marks).
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Makes invisible characters visible as JS-style escapes (`\n`, `\u001b`), so one name stays one line. */
export function visible(text: string): string {
  return text.replace(
    INVISIBLE,
    (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Code-unit order: unlike localeCompare it gives the same bytes on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** The wording every format uses when there is nothing to report. */
export const NO_PROBLEMS = 'No problems found';
