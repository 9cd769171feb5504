import { formatIssues } from './format-issues.js';
import { invalidConfig } from './invalid-config.js';
import { configSchema } from './schema.js';
import type { ResolvedConfig } from './types.js';
import { globProblems } from './validate-globs.js';

/**
 * Schema check, then the semantic checks that need no analysis (globs compile), then
 * defaults. All problems of one kind are reported together, so the user fixes them in one go.
 */
export function validateConfig(raw: unknown, filepath: string | null): ResolvedConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw invalidConfig(filepath, formatIssues(parsed.error.issues, raw));
  const config = parsed.data;
  const resolved: ResolvedConfig = {
    filepath,
    services: config.services ?? {},
    include: config.include ?? [],
    exclude: config.exclude ?? [],
    owners: config.owners ?? {},
    rules: stripUndefined(config.rules ?? {}),
    ignore: (config.ignore ?? []).map(({ rule, queue, job, reason }) => ({
      rule,
      ...(queue === undefined ? {} : { queue }),
      ...(job === undefined ? {} : { job }),
      reason,
    })),
    workers: (config.workers ?? []).map((w) => stripUndefined(w)),
  };
  const globs = globProblems(resolved);
  if (globs.length > 0) throw invalidConfig(filepath, globs);
  return resolved;
}

/** exactOptionalPropertyTypes-friendly: optional keys are absent, never `undefined`. */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
