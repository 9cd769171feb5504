import type { JobOwnersConfig } from './schema.js';

/** Identity function that gives `job-owners.config.ts` type checking and completion. */
export function defineConfig(config: JobOwnersConfig): JobOwnersConfig {
  return config;
}
