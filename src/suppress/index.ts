export { DIRECTIVE, applyDirectives, parseDirectives, type Directive, type DirectiveOutcome } from './directives.js';
export { applyIgnores, type IgnoreOutcome } from './ignore.js';
export {
  BASELINE_VERSION,
  DEFAULT_BASELINE_FILE,
  applyBaseline,
  createBaseline,
  pruneBaseline,
  serializeBaseline,
  writeBaseline,
  type Baseline,
  type BaselineEntry,
  type BaselineOutcome,
} from './baseline.js';
export { parseBaseline, readBaseline } from './baseline-file.js';
