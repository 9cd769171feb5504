export { DIRECTIVE, applyDirectives, parseDirectives, type Directive, type DirectiveOutcome } from './directives.js';
export { applyIgnores, type IgnoreOutcome } from './ignore.js';
export {
  BASELINE_VERSION,
  DEFAULT_BASELINE_FILE,
  applyBaseline,
  createBaseline,
  parseBaseline,
  pruneBaseline,
  readBaseline,
  serializeBaseline,
  writeBaseline,
  type Baseline,
  type BaselineEntry,
  type BaselineOutcome,
} from './baseline.js';
