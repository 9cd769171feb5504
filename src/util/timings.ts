/**
 * Accumulated wall time per pipeline phase, printed by `--timings`. Keys starting with `#` are
 * counts, not durations (files listed, relevant, parsed): see `countTiming`.
 */
export type Timings = Map<string, number>;

/** Adds a count to the timings (printed as a number, summed over base and current analyses). */
export function countTiming(timings: Timings | undefined, name: string, n: number): void {
  if (timings) timings.set(`#${name}`, (timings.get(`#${name}`) ?? 0) + n);
}

/** The `--timings` text: one line per phase in milliseconds, then one line of file counts. */
export function formatTimings(timings: Timings): string {
  const phases = [...timings].filter(([k]) => !k.startsWith('#')).map(([phase, ms]) => `${phase.padEnd(13)} ${ms.toFixed(1).padStart(8)} ms`);
  const count = (k: string): number | undefined => timings.get(`#${k}`);
  const listed = count('listed');
  const lines = [...phases];
  if (listed !== undefined) {
    // Files read only for their calls: importers of a function that calls queue code, asked for
    // by the engine because a name depends on their arguments (detectors/relevance.ts).
    const callers = count('callers') ?? 0;
    const more = callers > 0 ? `, ${callers} more read for their calls` : '';
    lines.push(`files         ${listed} listed, ${count('relevant') ?? 0} relevant (${count('seeds') ?? 0} import a queue library)${more}, ${count('parsed') ?? 0} parsed`);
  }
  return `${lines.join('\n')}\n`;
}

export function timed<T>(timings: Timings | undefined, phase: string, fn: () => T): T {
  if (!timings) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    timings.set(phase, (timings.get(phase) ?? 0) + performance.now() - start);
  }
}

export async function timedAsync<T>(timings: Timings | undefined, phase: string, fn: () => Promise<T>): Promise<T> {
  if (!timings) return fn();
  const start = performance.now();
  try {
    return await fn();
  } finally {
    timings.set(phase, (timings.get(phase) ?? 0) + performance.now() - start);
  }
}
