import path from 'node:path';
import type { WorkspacePackage } from '../packages.js';
import { type Candidate, mergeKey, SOURCE_RANK } from './candidates.js';
import { relativeTo } from './file-index.js';
import type { FoundAt, Process } from './types.js';

/**
 * Candidates into processes (SPEC §3):
 * - one process per entry: the same entry deployed in several places is one process with every
 *   place in `foundAt`; the strongest place (SOURCE_RANK) gives its source, command and name;
 * - secondary deployments (dev scripts, dev compose files, `bin`) count only for a package
 *   nothing else deploys (the Nest bootstrap fallback comes first); otherwise they are left out
 *   (a note says so when they run an entry no deployment runs);
 * - a package with one process keeps the package's name; with several, `<package>:<process>`,
 *   where `<process>` is the deployment's own name, else the entry's basename (made longer, then
 *   numbered, when two would clash).
 */
export function toProcesses(candidates: readonly Candidate[], packages: readonly WorkspacePackage[], fallback: (pkg: WorkspacePackage) => Candidate[], notes: Set<string>): Process[] {
  const byPackage = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byPackage.get(c.pkgRoot) ?? [];
    list.push(c);
    byPackage.set(c.pkgRoot, list);
  }
  const processes: Process[] = [];
  for (const pkg of packages) {
    const own = byPackage.get(pkg.root) ?? [];
    let chosen = own.filter((c) => c.tier === 'primary');
    const secondary = own.filter((c) => c.tier === 'secondary');
    if (chosen.length === 0) chosen = fallback(pkg);
    if (chosen.length === 0) chosen = secondary;
    else {
      // A dev script running the same entry as the deployment deploys nothing: not a foundAt.
      const keys = new Set(chosen.map(mergeKey));
      for (const c of secondary) {
        if (!keys.has(mergeKey(c))) notes.add(`${where(c)}: ${describe(c)} is a development or secondary deployment of ${pkg.root}, which is deployed otherwise; not counted`);
      }
    }
    processes.push(...name(pkg, merge(chosen)));
  }
  return processes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

interface Merged {
  best: Candidate;
  all: Candidate[];
}

function merge(candidates: readonly Candidate[]): Merged[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = mergeKey(c);
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  return [...groups.values()].map((all) => {
    const ranked = [...all].sort((a, b) => rank(a) - rank(b) || Number(a.tier === 'secondary') - Number(b.tier === 'secondary'));
    return { best: ranked[0]!, all: ranked };
  });
}

function rank(c: Candidate): number {
  return SOURCE_RANK.indexOf(c.source);
}

function name(pkg: WorkspacePackage, merged: Merged[]): Process[] {
  const toProcess = (m: Merged, processName: string): Process => {
    const { best, all } = m;
    const p: Process = {
      name: processName,
      package: pkg.root,
      ...(best.entry !== undefined ? { entry: best.entry } : {}),
      ...(best.entries !== undefined ? { entries: best.entries } : {}),
      ...(best.entry === undefined && best.entryReason ? { entryReason: best.entryReason } : {}),
      command: best.command,
      foundAt: sortedFoundAt(all.flatMap((c) => c.foundAt)),
      source: best.source,
      ...(all.some((c) => c.nest) ? { nest: true } : {}),
    };
    return p;
  };
  if (merged.length === 0) return [];
  if (merged.length === 1) return [toProcess(merged[0]!, pkg.name)];
  // Several processes: each gets a suffix; clashes get a longer one, then a number.
  const suffixes = merged.map((m) => m.all.find((c) => c.name)?.name ?? basename(m.best));
  const longer = merged.map((m, i) => (suffixes.filter((s) => s === suffixes[i]).length > 1 ? longName(pkg, m.best) ?? suffixes[i]! : suffixes[i]!));
  const seen = new Map<string, number>();
  const final = longer.map((s) => {
    const n = (seen.get(s) ?? 0) + 1;
    seen.set(s, n);
    return n === 1 ? s : `${s}-${n}`;
  });
  return merged.map((m, i) => toProcess(m, `${pkg.name}:${final[i]}`));
}

/** `src/worker.ts` → `worker`; a process with no entry: the file it runs. */
function basename(c: Candidate): string {
  if (c.framework !== undefined) return c.framework;
  const file = c.entry ?? c.target ?? c.command;
  return path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '') || 'main';
}

/** `src/workers/main.ts` → `workers/main`: when two entries share a basename. */
function longName(pkg: WorkspacePackage, c: Candidate): string | undefined {
  if (!c.entry) return undefined;
  return relativeTo(pkg.root, c.entry).replace(/^src\//, '').replace(/\.[cm]?[jt]sx?$/, '');
}

function sortedFoundAt(list: readonly FoundAt[]): FoundAt[] {
  const unique = new Map(list.map((f) => [`${f.file}\0${String(f.line).padStart(8, '0')}`, f]));
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}

function where(c: Candidate): string {
  const at = c.foundAt[0];
  return at ? `${at.file}:${at.line}` : c.pkgRoot;
}

function describe(c: Candidate): string {
  return `\`${c.command}\`${c.entry ? ` (${c.entry})` : ''}`;
}
