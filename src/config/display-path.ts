import path from 'node:path';

/** How a file is named in messages: relative to where the user runs the tool when inside it, else absolute. */
export function displayPath(file: string, base: string = process.cwd()): string {
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}
