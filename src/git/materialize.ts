import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_EXTENSIONS } from '../discovery/list-files.js';
import { fsPath } from '../util/raw-path.js';
import type { TreeEntry } from './tree-entries.js';

/** Extensions of the files an analysis may read besides sources: manifests, tsconfigs, pnpm's YAML. */
const DATA_EXTENSIONS = ['.json', '.jsonc', '.yaml', '.yml'];

/**
 * Whether a file of a tree is one the analysis could read: a source (`.d.ts` included: a
 * resolver may land on it), a JSON or YAML file (manifests, tsconfigs and whatever they extend,
 * pnpm-workspace.yaml), or a job-owners rc file. Images, docs and the rest stay in git.
 */
export function isAnalysisInput(file: string): boolean {
  if (/(^|\/)node_modules\//.test(file)) return false;
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (base === '.jobownershiprc') return true;
  return SOURCE_EXTENSIONS.some((ext) => base.endsWith(ext)) || DATA_EXTENSIONS.some((ext) => base.endsWith(ext));
}

/**
 * Writes the analysis inputs among `entries` under `dest`, contents straight from git's object
 * store through one `git cat-file --batch` (nothing is checked out, and nothing is written to the
 * repository). Symbolic links are recreated when they stay inside the tree; submodules are left
 * out. Returns the number of files written.
 */
export async function materialize(top: string, entries: TreeEntry[], dest: string): Promise<number> {
  const wanted = entries.filter((e) => isAnalysisInput(e.path) && (e.mode === '100644' || e.mode === '100755' || e.mode === '120000'));
  const byObject = new Map<string, TreeEntry[]>();
  for (const entry of wanted) {
    const list = byObject.get(entry.object);
    if (list) list.push(entry);
    else byObject.set(entry.object, [entry]);
  }
  const madeDirs = new Set<string>();
  const write = (entry: TreeEntry, content: Buffer): void => {
    const target = path.join(dest, entry.path);
    const dir = path.dirname(target);
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(fsPath(dir), { recursive: true }); // inside our own temporary folder
      madeDirs.add(dir);
    }
    if (entry.mode === '120000') {
      const link = content.toString('utf8');
      // A link that leaves the tree would read files of the work tree or beyond: not the base.
      const resolved = path.resolve(path.dirname(target), link);
      if (path.isAbsolute(link) || !resolved.startsWith(dest + path.sep)) return;
      fs.symlinkSync(link, fsPath(target));
      return;
    }
    fs.writeFileSync(fsPath(target), content);
  };
  if (byObject.size === 0) return 0;
  await catFileBatch(top, [...byObject.keys()], (object, content) => {
    for (const entry of byObject.get(object) ?? []) write(entry, content);
  });
  return wanted.length;
}

/** Streams `git cat-file --batch` for `objects`, calling `onObject` with each one's content. */
function catFileBatch(top: string, objects: string[], onObject: (object: string, content: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch', '--buffer'], { cwd: top, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } });
    let pending: Buffer = Buffer.alloc(0);
    let header: { object: string; size: number } | undefined;
    let failure: Error | undefined;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      try {
        for (;;) {
          if (!header) {
            const newline = pending.indexOf(0x0a);
            if (newline < 0) break;
            const line = pending.subarray(0, newline).toString('utf8');
            pending = pending.subarray(newline + 1);
            const [object, type, size] = line.split(' ');
            if (type === 'missing' || !object || size === undefined) throw new Error(`git cat-file: object ${object ?? line} is missing`);
            header = { object, size: Number(size) };
          }
          if (pending.length < header.size + 1) break;
          onObject(header.object, pending.subarray(0, header.size));
          pending = pending.subarray(header.size + 1);
          header = undefined;
        }
      } catch (error) {
        failure ??= error as Error;
        child.kill();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failure) reject(failure);
      else if (code !== 0) reject(new Error(`git cat-file --batch exited ${code}: ${stderr.trim().split('\n')[0] ?? ''}`));
      else resolve();
    });
    child.stdin.on('error', () => {
      // the child died; 'close' reports why
    });
    child.stdin.end(`${objects.join('\n')}\n`);
  });
}
