import fs from 'node:fs';
import { noteFound, noteMissing } from './watched-paths.js';

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether `p` is a file; inside `watchingPaths`, the answer is recorded for the result cache. */
export function isFile(p: string): boolean {
  let found = false;
  try {
    found = fs.statSync(p).isFile();
  } catch {
    found = false;
  }
  if (found) noteFound(p);
  else noteMissing(p);
  return found;
}

/** `fs.readFileSync(p, 'utf8')`, recorded like `isFile` (for files read outside the store). */
export function readWatched(p: string): string {
  const text = fs.readFileSync(p, 'utf8');
  noteFound(p);
  return text;
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
