import { github } from './github.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FormatName, Reporter } from './types.js';

export type { FormatName, Reporter, ReporterContext } from './types.js';
export { stepSummary } from './github.js';

/** Every output format by name (SPEC §5 `--format`). */
export const reporters: Record<FormatName, Reporter> = { stylish, json, markdown, github, sarif };

export { FORMAT_NAMES, isFormatName, loadReporter } from './load.js';
