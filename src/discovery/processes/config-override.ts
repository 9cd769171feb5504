import picomatch from 'picomatch';
import type { ServiceDeclaration } from '../../config/types.js';
import { FileIndex, joinRel, relativeTo } from './file-index.js';
import type { DiscoveredProcesses, FoundAt, Process } from './types.js';

export interface ConfiguredProcesses extends DiscoveredProcesses {
  /** Config errors, one sentence each, naming the key (`services.api.entry[0]`): exit 2. */
  errors: string[];
}

/**
 * Config `services` over discovered processes (SPEC §3, §6):
 * - `{ root, entry }` declares a process started from those entry files (relative to `root`,
 *   each must be a listed source file); it replaces every discovered process of that package;
 * - `{ root }` without entry names the package's process — all of its discovered entries, when
 *   discovery found several (the package is then one service, as before issue 13);
 * - globs carve a service out of files, as before; a discovered process whose entry they match
 *   is replaced by it.
 * Every other package is still discovered: a recorded list never freezes the service set.
 */
export function applyConfiguredProcesses(discovered: DiscoveredProcesses, services: Record<string, ServiceDeclaration>, files: readonly string[]): ConfiguredProcesses {
  const declarations = Object.entries(services);
  if (declarations.length === 0) return { ...discovered, errors: [] };
  const index = new FileIndex(files);
  const errors: string[] = [];
  const notes = new Set(discovered.notes);
  const declaredRoots = new Set<string>();
  const globs = declarations.flatMap(([, d]) => (Array.isArray(d) ? d : []));
  const globMatch = globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
  const declared: Process[] = [];
  for (const [name, declaration] of declarations) {
    if (Array.isArray(declaration)) {
      declared.push({ name, package: commonFolder(declaration), entryReason: 'declared in config as file globs', command: '', foundAt: [], source: 'config', globs: declaration });
      continue;
    }
    const root = normalise(declaration.root);
    declaredRoots.add(root);
    const atRoot = discovered.processes.filter((p) => p.package === root);
    if (declaration.entry && declaration.entry.length > 0) {
      const entries: string[] = [];
      declaration.entry.forEach((e, i) => {
        const rel = joinRel(root, e.replace(/^\.\//, ''));
        if (rel !== undefined && index.isSource(rel)) {
          entries.push(rel);
          return;
        }
        const asRepoPath = joinRel('.', e);
        const hint = asRepoPath !== undefined && index.isSource(asRepoPath) && (root === '.' || asRepoPath.startsWith(`${root}/`)) ? ` Entries are relative to root: did you mean "${relativeTo(root, asRepoPath)}"?` : '';
        errors.push(`services.${name}.entry[${i}]: "${e}" is not a source file under ${root === '.' ? 'the repository root' : root} (${rel ?? e} is not among the analysed files).${hint}`);
      });
      if (entries.length === 0) continue;
      const matching = atRoot.filter((p) => p.entry !== undefined && entries.includes(p.entry));
      declared.push(process(name, root, entries, matching));
      continue;
    }
    const entries = atRoot.flatMap((p) => (p.entry ? [p.entry] : []));
    if (atRoot.length === 0) notes.add(`services.${name}: declared in config without an entry, and nothing found deploys ${root}; every file of the package counts for it`);
    declared.push(process(name, root, entries, atRoot));
  }
  const kept = discovered.processes.filter((p) => !declaredRoots.has(p.package) && !(p.entry !== undefined && globMatch(p.entry)));
  for (const p of discovered.processes) if (!kept.includes(p)) notes.add(`${p.name} (${p.entry ?? p.package}): replaced by the config's services`);
  const names = new Set(declared.map((d) => d.name));
  for (const p of kept) {
    if (names.has(p.name)) errors.push(`services.${p.name}: also the name of the process discovered in ${p.package} (${p.entry ?? p.command}); give one of them another name, or declare ${p.package} in services too.`);
  }
  const processes = [...kept, ...declared].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { processes, warnings: discovered.warnings, notes: [...notes].sort(), errors };
}

function process(name: string, root: string, entries: string[], from: Process[]): Process {
  const foundAt = unique(from.flatMap((p) => p.foundAt));
  const p: Process = {
    name,
    package: root,
    ...(entries[0] !== undefined ? { entry: entries[0] } : { entryReason: 'declared in config without an entry file' }),
    ...(entries.length > 1 ? { entries } : {}),
    command: from[0]?.command ?? '',
    foundAt,
    source: 'config',
    ...(from.some((x) => x.nest) ? { nest: true } : {}),
  };
  return p;
}

function unique(list: FoundAt[]): FoundAt[] {
  const map = new Map(list.map((f) => [`${f.file}\0${String(f.line).padStart(8, '0')}`, f]));
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}

function normalise(root: string): string {
  const clean = root.replace(/^\.\//, '').replace(/\/+$/, '');
  return clean === '' ? '.' : clean;
}

/** The folder every glob starts with (`apps/api/src/*.ts` → `apps/api/src`). */
function commonFolder(globs: string[]): string {
  const fixed = globs.map((g) => g.split('/').filter((part, i, all) => i < all.length - 1 && !/[*?[\]{}!]/.test(part)));
  const first = fixed[0] ?? [];
  let n = 0;
  while (n < first.length && fixed.every((f) => f[n] === first[n])) n++;
  return first.slice(0, n).join('/') || '.';
}
