import { writeFileAtomic } from '../util/write-file.js';
import type { Finding } from '../model/result.js';

/**
 * The baseline (`job-owners-baseline.json`) accepts the findings that exist today so a team
 * can adopt the tool and fail only on new ones. Entries are identities — rule, queue, job,
 * sorted services — never lines or messages, so editing code above a finding, or rewording
 * a message, does not invalidate the baseline. Matching is a multiset: two identical
 * findings need two entries, so a second copy of a known problem is still reported.
 */
export const BASELINE_VERSION = 1 as const;
export const DEFAULT_BASELINE_FILE = 'job-owners-baseline.json';

export interface BaselineEntry {
  rule: string;
  queue: string | null;
  job: string | null;
  services: string[];
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

export interface BaselineOutcome {
  kept: Finding[];
  suppressed: Finding[];
  /** Entries that matched no finding: fixed problems, to remove with --prune-baseline. */
  stale: BaselineEntry[];
}

export function entryOf(finding: Finding): BaselineEntry {
  return { rule: finding.rule, queue: finding.queue, job: finding.job, services: [...finding.services].sort() };
}

/** Stable identity of an entry; services are sorted so their order in a finding does not matter. */
export function identity(entry: BaselineEntry): string {
  return JSON.stringify([entry.rule, entry.queue, entry.job, [...entry.services].sort()]);
}

export function createBaseline(findings: readonly Finding[]): Baseline {
  return { version: BASELINE_VERSION, findings: sortEntries(findings.map(entryOf)) };
}

export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineOutcome {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.findings) {
    const key = identity(entry);
    remaining.set(key, [...(remaining.get(key) ?? []), entry]);
  }
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const pool = remaining.get(identity(entryOf(finding)));
    if (pool && pool.length > 0) {
      pool.pop();
      suppressed.push(finding);
    } else {
      kept.push(finding);
    }
  }
  return { kept, suppressed, stale: sortEntries([...remaining.values()].flat()) };
}

/** `--prune-baseline`: drop stale entries, never add new findings. */
export function pruneBaseline(baseline: Baseline, findings: readonly Finding[]): Baseline {
  const stale = applyBaseline(findings, baseline).stale.map(identity);
  const kept = baseline.findings.filter((entry) => {
    const at = stale.indexOf(identity(entry));
    if (at === -1) return true;
    stale.splice(at, 1);
    return false;
  });
  return { version: BASELINE_VERSION, findings: sortEntries(kept) };
}

/** Two-space JSON, keys in a fixed order, entries sorted, trailing newline: diffs stay minimal. */
export function serializeBaseline(baseline: Baseline): string {
  const findings = sortEntries(baseline.findings).map((e) => ({ rule: e.rule, queue: e.queue, job: e.job, services: [...e.services].sort() }));
  return `${JSON.stringify({ version: BASELINE_VERSION, findings }, null, 2)}\n`;
}

export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  // Atomic (temp file + rename): an interrupted run never leaves a half-written baseline.
  writeFileAtomic(path, serializeBaseline(baseline));
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort((a, b) => compare(identity(a), identity(b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
