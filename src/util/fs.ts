import fs from 'node:fs';
import { noteFound, noteMissing, notePath } from './watched-paths.js';

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether `p` is a file; inside `watchingPaths`, the answer is recorded for the result cache. */
export function isFile(p: string): boolean {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(p);
  } catch {
    stat = undefined;
  }
  if (stat?.isFile()) {
    noteFound(p, stat);
    return true;
  }
  noteMissing(p);
  return false;
}

/** `fs.readFileSync(p, 'utf8')`, recorded like `isFile` (for files read outside the store). */
export function readWatched(p: string): string {
  notePath(p);
  return fs.readFileSync(p, 'utf8');
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
