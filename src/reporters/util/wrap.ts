/**
 * Word-wraps text to lines of at most `width` characters (a word longer than that, a path or a
 * URL, stays whole on its own line), each prefixed with `indent`. Deterministic: no terminal
 * width is read, so output is the same on every machine.
 */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}
