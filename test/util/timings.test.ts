// The `--timings` file-count line, and the bench's parser of it (bench/generic-wrapper.mjs):
// the line gains "C more read for their calls" only when the caller index read files on demand.
import { describe, expect, it } from 'vitest';
import { fileCounts } from '../../bench/generic-wrapper.mjs';
import { countTiming, formatTimings, type Timings } from '../../src/util/timings.js';

function counted(counts: Record<string, number>): Timings {
  const t: Timings = new Map([['extract', 12.5]]);
  for (const [k, n] of Object.entries(counts)) countTiming(t, k, n);
  return t;
}

describe('--timings file counts', () => {
  it('without files read for their calls', () => {
    const text = formatTimings(counted({ listed: 870, relevant: 5, seeds: 2, parsed: 6 }));
    expect(text).toBe('extract           12.5 ms\nfiles         870 listed, 5 relevant (2 import a queue library), 6 parsed\n');
    expect(fileCounts(text)).toEqual({ listed: 870, relevant: 5, seeds: 2, callers: 0, parsed: 6 });
  });

  it('with files read for their calls', () => {
    const text = formatTimings(counted({ listed: 6371, relevant: 83, seeds: 2, callers: 136, parsed: 298 }));
    expect(text).toBe('extract           12.5 ms\nfiles         6371 listed, 83 relevant (2 import a queue library), 136 more read for their calls, 298 parsed\n');
    expect(fileCounts(text)).toEqual({ listed: 6371, relevant: 83, seeds: 2, callers: 136, parsed: 298 });
  });
});
