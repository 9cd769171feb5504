import { decodePath } from '../util/raw-path.js';
import { gitBytes } from './run-git.js';

/** One file of a commit's tree or of the index: mode, blob id and path from the top level. */
export interface TreeEntry {
  mode: string;
  object: string;
  path: string;
}

/** Every file of `rev`'s tree (`git ls-tree -r -z --full-tree`), submodules left out. */
export function commitEntries(top: string, rev: string, what: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  // `<mode> SP <type> SP <object> TAB <path>`
  for (const record of records(gitBytes(top, ['ls-tree', '-r', '-z', '--full-tree', rev], what))) {
    const tab = record.indexOf(0x09);
    if (tab < 0) continue;
    const [mode, type, object] = record.subarray(0, tab).toString('utf8').split(' ');
    if (type !== 'blob' || !mode || !object) continue;
    entries.push({ mode, object, path: decodePath(record.subarray(tab + 1)) });
  }
  return entries;
}

/**
 * Every file of the index at stage 0 (`git ls-files -s -z`): what the next commit holds. Entries
 * of an unresolved merge (stages 1–3) are left out; `git commit` refuses them anyway.
 */
export function indexEntries(top: string, what: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  // `<mode> SP <object> SP <stage> TAB <path>`
  for (const record of records(gitBytes(top, ['ls-files', '-s', '-z', '--full-name'], what))) {
    const tab = record.indexOf(0x09);
    if (tab < 0) continue;
    const [mode, object, stage] = record.subarray(0, tab).toString('utf8').split(' ');
    if (stage !== '0' || !mode || !object || mode === '160000') continue;
    entries.push({ mode, object, path: decodePath(record.subarray(tab + 1)) });
  }
  return entries;
}

/** Paths (relative to `cwd`) from a `-z` name listing such as `git diff --name-only -z`. */
export function pathList(out: Buffer): string[] {
  return records(out).map(decodePath);
}

function records(out: Buffer): Buffer[] {
  const list: Buffer[] = [];
  let start = 0;
  for (let end = out.indexOf(0); end !== -1; start = end + 1, end = out.indexOf(0, start)) if (end > start) list.push(out.subarray(start, end));
  if (start < out.length) list.push(out.subarray(start));
  return list;
}
