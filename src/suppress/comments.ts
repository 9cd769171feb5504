/**
 * Finds the comments of a JS/TS source without a parser: a small scanner that skips string
 * and template literals, so `"// job-owners-ignore-next-line"` inside a string is not a
 * directive. Regex literals are not recognised; a quote inside one can at worst hide the
 * comments on the rest of that line (strings end at a newline).
 */
export interface Comment {
  text: string;
  /** 1-based line and column of the comment's first character. */
  line: number;
  column: number;
  /** 1-based line of the comment's last character. */
  endLine: number;
}

export function scanComments(source: string): Comment[] {
  const comments: Comment[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };
  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];
    if (ch === '\n') {
      newline(i);
      i++;
    } else if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      comments.push({ text: source.slice(i + 2, stop), line, column: i - lineStart + 1, endLine: line });
      i = stop;
    } else if (ch === '/' && next === '*') {
      const startLine = line;
      const column = i - lineStart + 1;
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end;
      for (let j = i; j < stop; j++) if (source[j] === '\n') newline(j);
      comments.push({ text: source.slice(i + 2, stop), line: startLine, column, endLine: line });
      i = end === -1 ? source.length : end + 2;
    } else if (ch === '"' || ch === "'") {
      i = skipQuoted(source, i, ch);
    } else if (ch === '`') {
      // Template literals may span lines: count them. `${…}` bodies are skipped as text,
      // which is fine unless they contain a backtick or a comment — rare in practice.
      let j = i + 1;
      while (j < source.length && source[j] !== '`') {
        if (source[j] === '\\') j++;
        if (source[j] === '\n') newline(j);
        j++;
      }
      i = j + 1;
    } else {
      i++;
    }
  }
  return comments;
}

function skipQuoted(source: string, start: number, quote: string): number {
  let j = start + 1;
  while (j < source.length && source[j] !== quote && source[j] !== '\n') {
    if (source[j] === '\\' && source[j + 1] !== '\n') j++;
    j++;
  }
  // An unterminated string stops at the newline, which the main loop still counts.
  return source[j] === quote ? j + 1 : j;
}
