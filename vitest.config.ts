import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most tests spend their time waiting on a spawned CLI (`spawnSync`), not in the worker.
    // Vitest's default is one worker per core but one (cores - 1): on a 2-core CI machine that
    // is a single worker, and a core idles while it waits. At least two keep both busy.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
