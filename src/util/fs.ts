import fs from 'node:fs';

/** Reads and parses a JSON file; undefined when missing or invalid (callers decide if that matters). */
export function readJsonFile<T = unknown>(file: string): T | undefined {
  try {
    return JSON.parse(stripBom(fs.readFileSync(file, 'utf8'))) as T;
  } catch {
    return undefined;
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
