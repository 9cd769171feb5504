import path from 'node:path';
import { isSourceFile } from '../list-files.js';

/** The listing as sets: which files and folders exist, which files are analysable sources. */
export class FileIndex {
  private readonly files: Set<string>;
  private readonly dirs = new Set<string>(['.']);

  constructor(files: readonly string[]) {
    this.files = new Set(files);
    for (const f of files) {
      for (let dir = parent(f); dir !== '.' && !this.dirs.has(dir); dir = parent(dir)) this.dirs.add(dir);
    }
  }

  isFile(rel: string): boolean {
    return this.files.has(rel);
  }

  isDir(rel: string): boolean {
    return this.dirs.has(rel);
  }

  /** A file the analysis reads (what an entry must be). */
  isSource(rel: string): boolean {
    return this.files.has(rel) && isSourceFile(rel.slice(rel.lastIndexOf('/') + 1));
  }

  /** Listed files under a folder (for the Nest bootstrap search). */
  filesUnder(dir: string): string[] {
    const prefix = dir === '.' ? '' : `${dir}/`;
    return [...this.files].filter((f) => f.startsWith(prefix)).sort();
  }
}

/** Repo-relative POSIX join; undefined when the path leaves the repository. */
export function joinRel(dir: string, p: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(dir, p));
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return undefined;
  return joined === '' ? '.' : joined.replace(/\/$/, '') || '.';
}

export function parent(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '.' : rel.slice(0, i);
}

/** Whether `rel` is `dir` or inside it. */
export function isInside(dir: string, rel: string): boolean {
  return dir === '.' || rel === dir || rel.startsWith(`${dir}/`);
}

/** `rel` relative to `dir` ('' for the folder itself). */
export function relativeTo(dir: string, rel: string): string {
  if (dir === '.') return rel === '.' ? '' : rel;
  return rel === dir ? '' : rel.slice(dir.length + 1);
}
