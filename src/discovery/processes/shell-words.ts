/**
 * A small POSIX-shell tokenizer: enough of `sh` to read the commands people put in package
 * scripts, Dockerfile shell-form `CMD`s, Procfiles and entrypoint scripts. Quotes, escapes,
 * comments, line continuations, redirections (dropped), `$(…)` kept as one word. It never runs
 * or expands anything except the positional parameters of a script it was given arguments for
 * (`exec "$@"` in a docker entrypoint runs the image's `CMD`).
 */

export type Operator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')';

export type ShellToken = { kind: 'word'; value: string } | { kind: 'op'; value: Operator };

export interface Tokenized {
  tokens: ShellToken[];
  /** Set when the text is not valid shell (an unterminated quote): the tokens are a best effort. */
  error?: string;
}

export function tokenizeShell(text: string, positional?: readonly string[]): Tokenized {
  const tokens: ShellToken[] = [];
  let error: string | undefined;
  let word = '';
  let inWord = false;
  /** The raw text of the current word, to recognise `"$@"`. */
  let raw = '';
  let skipNextWord = false;
  const push = (): void => {
    if (!inWord) return;
    const expanded = positional ? expandPositional(raw, word, positional) : undefined;
    if (skipNextWord) skipNextWord = false;
    else if (expanded) for (const value of expanded) tokens.push({ kind: 'word', value });
    else tokens.push({ kind: 'word', value: word });
    word = '';
    raw = '';
    inWord = false;
  };
  const op = (value: Operator): void => {
    push();
    tokens.push({ kind: 'op', value });
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i += 2; // line continuation
        continue;
      }
      if (text[i + 1] === '\r' && text[i + 2] === '\n') {
        i += 3;
        continue;
      }
      if (i + 1 < text.length) {
        word += text[i + 1];
        raw += text.slice(i, i + 2);
        inWord = true;
      }
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) {
        error ??= 'unterminated single quote';
        word += text.slice(i + 1);
        raw += text.slice(i);
        inWord = true;
        break;
      }
      word += text.slice(i + 1, end);
      raw += text.slice(i, end + 1);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1]!)) {
          if (text[j + 1] !== '\n') value += text[j + 1];
          j += 2;
          continue;
        }
        if (text[j] === '$' && text[j + 1] === '(') {
          const end = matching(text, j + 1, '(', ')');
          value += text.slice(j, end + 1);
          j = end + 1;
          continue;
        }
        value += text[j];
        j++;
      }
      if (j >= text.length) error ??= 'unterminated double quote';
      word += value;
      raw += text.slice(i, j + 1);
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const open = text[i + 1]!;
      const end = matching(text, i + 1, open, open === '(' ? ')' : '}');
      word += text.slice(i, end + 1);
      raw += text.slice(i, end + 1);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? text.length : end + 1;
      word += text.slice(i, stop);
      raw += text.slice(i, stop);
      inWord = true;
      i = stop;
      continue;
    }
    if (c === '#' && !inWord) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      push();
      i++;
      continue;
    }
    if (c === '\n') {
      op('\n');
      i++;
      continue;
    }
    if (c === '>' || c === '<' || (c === '&' && text[i + 1] === '>')) {
      // A redirection: `2>&1`, `> out.log`, `&>/dev/null`, `< in`. Dropped with its target.
      if (/^\d+$/.test(word) && raw === word) {
        word = '';
        raw = '';
        inWord = false;
      } else push();
      let j = i + 1;
      while (j < text.length && (text[j] === '>' || text[j] === '<')) j++;
      if (text[j] === '&') {
        j++;
        while (j < text.length && /[\d-]/.test(text[j]!)) j++;
        i = j;
        continue;
      }
      // `<<EOF` heredocs are not followed; the delimiter word is dropped like a target.
      skipNextWord = true;
      i = j;
      continue;
    }
    if (c === '&' || c === '|') {
      if (text[i + 1] === c) {
        op(c === '&' ? '&&' : '||');
        i += 2;
      } else {
        op(c);
        i++;
      }
      continue;
    }
    if (c === ';') {
      op(';');
      i += text[i + 1] === ';' ? 2 : 1;
      continue;
    }
    if (c === '(' || c === ')') {
      op(c);
      i++;
      continue;
    }
    word += c;
    raw += c;
    inWord = true;
    i++;
  }
  push();
  return error ? { tokens, error } : { tokens };
}

/** `"$@"`, `$@`, `${@}` and `$*` become the script's arguments; `$1`… one of them. */
function expandPositional(raw: string, value: string, positional: readonly string[]): string[] | undefined {
  if (raw === '"$@"' || raw === '$@' || raw === '${@}' || raw === '"${@}"' || raw === '$*' || raw === '"$*"') return [...positional];
  const m = /^"?\$\{?(\d)\}?"?$/.exec(raw);
  if (m) {
    const arg = positional[Number(m[1]) - 1];
    return arg === undefined ? [] : [arg];
  }
  return value === '' && raw === '' ? [] : undefined;
}

function matching(text: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let j = start; j < text.length; j++) {
    if (text[j] === open) depth++;
    else if (text[j] === close && --depth === 0) return j;
  }
  return text.length - 1;
}
