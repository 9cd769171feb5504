/** Accumulated wall time per pipeline phase, printed by `--timings`. */
export type Timings = Map<string, number>;

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
