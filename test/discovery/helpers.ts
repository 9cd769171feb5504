/** Runs process discovery on a folder the way the analysis will: listing, packages, disk reads. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../../src/discovery/list-files.js';
import { discoverRepoProcesses } from '../../src/discovery/processes/index.js';
import type { DiscoveredProcesses } from '../../src/discovery/processes/types.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function fixturePath(name: string): string {
  return path.join(REPO_ROOT, 'fixtures', name);
}

export function listingOf(root: string): string[] {
  const listing = listFiles(root, { include: [], exclude: [] });
  return [...listing.sources, ...listing.manifests, ...listing.configs];
}

export function discover(root: string): DiscoveredProcesses {
  return discoverRepoProcesses(root);
}

/** `name entry (source) foundAt…` per process: one readable line each, for exact assertions. */
export function summary(result: DiscoveredProcesses): string[] {
  return result.processes.map((p) => `${p.name} ${p.entry ?? `(no entry: ${p.entryReason})`} [${p.source}${p.nest ? ', nest' : ''}] ${p.foundAt.map((f) => `${f.file}:${f.line}`).join(' ')}`);
}
