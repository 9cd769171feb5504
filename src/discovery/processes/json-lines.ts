/**
 * Line numbers of the members of a JSON document (`["scripts", "start"]` → the line of the
 * `"start"` key), for `foundAt`. A small scanner of its own: JSON.parse keeps no positions.
 * On malformed text it returns what it found before the error.
 */
export function jsonLines(text: string): (path: readonly (string | number)[]) => number | undefined {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = (): void => {
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\ufeff') break;
      i++;
    }
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const next = text[i + 1];
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'u' ? String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)) : (next ?? '');
        i += next === 'u' ? 6 : 2;
        continue;
      }
      if (text[i] === '\n') line++;
      out += text[i];
      i++;
    }
    i++; // closing quote
    return out;
  };
  const value = (path: string): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          return;
        }
        if (text[i] !== '"') throw new Error('key expected');
        const keyLine = line;
        const key = str();
        const child = `${path}\0${key}`;
        if (!lines.has(child)) lines.set(child, keyLine);
        ws();
        if (text[i] !== ':') throw new Error('colon expected');
        i++;
        value(child);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') continue;
        else throw new Error('comma expected');
      }
    }
    if (c === '[') {
      i++;
      for (let index = 0; ; index++) {
        ws();
        if (text[i] === ']') {
          i++;
          return;
        }
        const child = `${path}\0${index}`;
        lines.set(child, line);
        value(child);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') throw new Error('comma expected');
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) throw new Error('value expected');
    i += m[0].length;
  };
  try {
    value('');
  } catch {
    // keep what was found
  }
  return (path) => lines.get(path.map((p) => `\0${p}`).join(''));
}
