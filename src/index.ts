/** Public API: run the analysis programmatically, type configs, render results. */
export { analyze, type AnalyzeOptions } from './analyze.js';
export { main } from './cli/main.js';
export { defineConfig } from './config/define-config.js';
export type { JobOwnersConfig } from './config/schema.js';
export { loadConfig } from './config/load.js';
export type * from './model/result.js';
export { reporters, type FormatName, type Reporter, type ReporterContext } from './reporters/index.js';
