import path from 'node:path';

/** Repo-relative POSIX path (what every result and finding carries). */
export function toRelative(root: string, absolute: string): string {
  // The common case, a normal path inside a normal root, without path.relative's normalisation
  // (the result cache converts every listed file's path once per run).
  if (path.sep === '/' && absolute.startsWith(root) && absolute[root.length] === '/' && root.length > 1) {
    const rel = absolute.slice(root.length + 1);
    if (rel !== '' && !rel.startsWith('.') && !rel.startsWith('/') && !rel.endsWith('/') && !rel.includes('/.') && !rel.includes('//') && !root.includes('/.') && !root.includes('//')) return rel;
  }
  const rel = path.relative(root, absolute);
  return rel.split(path.sep).join('/');
}

/**
 * `path.join(root, rel)` for a repository-relative path from the file listing, without
 * `path.join`'s normalisation (about a microsecond a call, and whole-repository passes make one
 * per file). On POSIX, an absolute root plus a listed path — already normalised, '/'-separated —
 * is the same string; anything else takes `path.join`.
 */
export function joinListed(root: string, rel: string): string {
  const plain = (p: string): boolean => !p.includes('/.') && !p.includes('//');
  if (path.sep !== '/' || rel.startsWith('.') || !plain(rel) || !path.isAbsolute(root) || !plain(root)) return path.join(root, rel);
  return root.endsWith('/') ? root + rel : `${root}/${rel}`;
}
