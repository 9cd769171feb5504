/** Discovery over an in-memory repository: `files` is path → text, manifests parsed from it. */
import type { WorkspacePackage } from '../../src/discovery/packages.js';
import { discoverProcesses } from '../../src/discovery/processes/index.js';
import type { DiscoveredProcesses } from '../../src/discovery/processes/types.js';

export function packagesOf(files: Record<string, string>): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    if (base !== 'package.json' && base !== 'project.json') continue;
    const root = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.';
    if (out.some((p) => p.root === root)) continue;
    const manifestText = files[root === '.' ? 'package.json' : `${root}/package.json`];
    const manifest = manifestText ? (JSON.parse(manifestText) as WorkspacePackage['manifest']) : undefined;
    const project = files[root === '.' ? 'project.json' : `${root}/project.json`];
    const nx = project ? (JSON.parse(project) as { name?: string; projectType?: string }) : undefined;
    out.push({
      name: nx?.name ?? manifest?.name ?? (root === '.' ? 'repo' : root.slice(root.lastIndexOf('/') + 1)),
      root,
      ...(manifest?.name ? { packageName: manifest.name } : {}),
      ...(manifest ? { manifest } : {}),
      ...(nx ? { nx: { ...(nx.projectType ? { projectType: nx.projectType } : {}) } } : {}),
      source: root === '.' ? 'root' : nx ? 'nx' : 'workspace',
    });
  }
  if (!out.some((p) => p.root === '.')) out.push({ name: 'repo', root: '.', source: 'root' });
  return out;
}

export function discoverIn(files: Record<string, string>, packages: WorkspacePackage[] = packagesOf(files)): DiscoveredProcesses {
  return discoverProcesses({ root: '/repo', packages, files: Object.keys(files), readText: (rel) => files[rel] });
}

/** `name entry [source] foundAt…` per process. */
export function lines(result: DiscoveredProcesses): string[] {
  return result.processes.map((p) => `${p.name} ${p.entry ?? `(${p.entryReason})`} [${p.source}${p.nest ? ', nest' : ''}] ${p.foundAt.map((f) => `${f.file}:${f.line}`).join(' ')}`.trimEnd());
}

export const json = (value: unknown): string => JSON.stringify(value, null, 2);
