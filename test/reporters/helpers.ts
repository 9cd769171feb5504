import type { Finding, JobOwnersResult } from '../../src/model/result.js';
import type { ReporterContext } from '../../src/reporters/types.js';

export function ctx(overrides: Partial<ReporterContext> = {}): ReporterContext {
  return { color: false, linkBase: '', quiet: false, ...overrides };
}

/** The same value with every object's keys inserted in reverse order. */
export function reverseKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeysDeep) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) out[key] = reverseKeysDeep((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Deterministic shuffle (a fixed LCG), so a failing test fails the same way every run. */
export function shuffle<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const cmp = (a: string | number | null, b: string | number | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

function byKeys<T>(...keys: ((item: T) => string | number | null)[]) {
  return (a: T, b: T) => {
    for (const key of keys) {
      const c = cmp(key(a), key(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}

const severityRank = (f: Finding) => (f.severity === 'error' ? 0 : 1);

/**
 * A stand-in for the analysis' sorting (SPEC §8), used only to show that reporters give the
 * same bytes once shuffled arrays are sorted again; reporters themselves may assume sorted input.
 */
export function sortResult(result: JobOwnersResult): JobOwnersResult {
  const loc = <T extends { file: string; line: number; column: number }>(a: T, b: T) =>
    byKeys<T>((x) => x.file, (x) => x.line, (x) => x.column)(a, b);
  return {
    ...result,
    services: [...result.services].sort(byKeys((s) => s.name)),
    queues: [...result.queues]
      .map((q) => ({ ...q, consumers: [...q.consumers].sort(loc), producers: [...q.producers].sort(loc) }))
      .sort(byKeys((q) => q.queue, (q) => q.prefix)),
    jobs: [...result.jobs].sort(byKeys((j) => j.queue, (j) => j.name)),
    findings: [...result.findings].sort(
      byKeys(
        severityRank,
        (f) => f.rule,
        (f) => f.queue,
        (f) => f.job,
        (f) => f.locations[0]?.file ?? null,
        (f) => f.locations[0]?.line ?? null,
      ),
    ),
    skipped: [...result.skipped].sort(byKeys((s) => s.file)),
  };
}

/** Shuffles every sorted array of the result (top level and inside queues). */
export function shuffleResult(result: JobOwnersResult): JobOwnersResult {
  return {
    ...result,
    services: shuffle(result.services),
    queues: shuffle(result.queues).map((q) => ({ ...q, consumers: shuffle(q.consumers), producers: shuffle(q.producers) })),
    jobs: shuffle(result.jobs),
    findings: shuffle(result.findings),
    skipped: shuffle(result.skipped),
  };
}

/** Strips ANSI SGR sequences, to compare coloured output with the plain golden. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
