import { formatPath } from '../config/format-path.js';
import type { IgnoreEntry } from '../config/types.js';
import type { Finding } from '../model/result.js';

export interface IgnoreOutcome {
  kept: Finding[];
  suppressed: Finding[];
  /** One `unused-directive` warning per config entry that matched no finding. */
  unused: Finding[];
}

/**
 * Applies the config's `ignore` entries: a finding is accepted when an entry names its rule
 * and, where given, its queue and job. An entry may accept many findings (a rule across a
 * whole queue). Entries that accept nothing are reported, as knip's configuration hints
 * are, so the list cannot rot.
 *
 * `configFile` is the repo-relative path of the config file, used as the warning's location.
 */
export function applyIgnores(findings: readonly Finding[], entries: readonly IgnoreEntry[], configFile: string | null): IgnoreOutcome {
  const used = new Set<number>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const index = entries.findIndex((entry) => matches(entry, finding));
    if (index === -1) {
      kept.push(finding);
      continue;
    }
    // Mark every matching entry used, not just the first, so overlapping entries are not flagged.
    entries.forEach((entry, i) => matches(entry, finding) && used.add(i));
    suppressed.push(finding);
  }
  const unused = entries.flatMap((entry, index) => (used.has(index) ? [] : [unusedFinding(entry, index, configFile)]));
  return { kept, suppressed, unused };
}

export function matches(entry: IgnoreEntry, finding: Finding): boolean {
  return (
    entry.rule === finding.rule &&
    (entry.queue === undefined || entry.queue === finding.queue) &&
    (entry.job === undefined || entry.job === finding.job)
  );
}

function unusedFinding(entry: IgnoreEntry, index: number, configFile: string | null): Finding {
  const where = configFile ?? 'the configuration';
  const message = `Unused ignore entry ${formatPath(['ignore', index])} in ${where} (${describeEntry(entry)}): it matches no finding. Remove it.`;
  return {
    rule: 'unused-directive',
    severity: 'warn',
    queue: entry.queue ?? null,
    job: entry.job ?? null,
    services: [],
    message,
    // Line 1: the entry's own line is not known after parsing; the file is still the right place to look.
    locations: configFile === null ? [] : [{ file: configFile, line: 1, column: 1 }],
  };
}

function describeEntry(entry: IgnoreEntry): string {
  const parts = [`rule "${entry.rule}"`];
  if (entry.queue !== undefined) parts.push(`queue "${entry.queue}"`);
  if (entry.job !== undefined) parts.push(`job "${entry.job}"`);
  return parts.join(', ');
}
