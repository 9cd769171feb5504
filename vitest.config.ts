import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most tests spend their time waiting on a spawned CLI (\`spawnSync\`), not in the worker.
    // Vitest's default on a 2-core CI machine is one worker (cores - 1), which leaves a core
    // idle while that worker waits; two keep both busy.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
