import path from 'node:path';

/** Repo-relative POSIX path (what every result and finding carries). */
export function toRelative(root: string, absolute: string): string {
  const rel = path.relative(root, absolute);
  return rel.split(path.sep).join('/');
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
