import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes `files` (repository-relative path → text) under `root`, creating folders as needed. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}

/** The manifests of a two-service npm-workspaces repo: `apps/api`, `apps/worker`, and `libs/*`. */
export const TWO_SERVICE_MANIFESTS: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'libs/*'] }),
  'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' } }),
  'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' } }),
};

/** A new temp folder holding that two-service repo plus `files`; the caller removes it. */
export function twoServiceRepo(prefix: string, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFiles(root, { ...TWO_SERVICE_MANIFESTS, ...files });
  return root;
}
