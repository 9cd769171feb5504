/**
 * Public API: run the analysis programmatically, type configs, render results.
 *
 * Its declarations must typecheck without @types/node (a consumer's `defineConfig` file should
 * not need it, even with skipLibCheck off), so nothing here may expose a type from an internal
 * module that mentions Node's: `analyze` is wrapped with its public options only.
 * test/package/public-types.test.ts compiles against dist/index.d.ts with `types: []`.
 */
import { analyze as analyzeRepository } from './analyze.js';
import type { ResolvedConfig } from './config/types.js';
import type { JobOwnersResult } from './model/result.js';

export interface AnalyzeOptions {
  /** Absolute path of the monorepo to analyse; result paths are relative to it. */
  root: string;
  /** The validated configuration (see loadConfig); defaults when omitted. */
  config?: ResolvedConfig;
}

/** The whole analysis of one repository: discovery, extraction, model, rules (no suppressions). */
export function analyze(options: AnalyzeOptions): JobOwnersResult {
  return analyzeRepository({ root: options.root, ...(options.config ? { config: options.config } : {}) });
}

export { main } from './cli/main.js';
export type { CliIO } from './cli/io.js';
export { defineConfig } from './config/define-config.js';
export type { JobOwnersConfig } from './config/schema.js';
export type { ResolvedConfig } from './config/types.js';
export { loadConfig, type LoadConfigOptions } from './config/load.js';
export type * from './model/result.js';
export { reporters, type FormatName, type Reporter, type ReporterContext } from './reporters/index.js';
export type { CustomFormatter } from './cli/outputs.js';
