import type { JobOwnersResult } from '../model/result.js';

/**
 * Everything a reporter may know besides the result. Reporters are pure:
 * (result, context) → string. They never read the environment or the disk themselves.
 */
export interface ReporterContext {
  /** Emit ANSI colour codes (decided once by the CLI from flags, NO_COLOR, FORCE_COLOR, TTY). */
  color: boolean;
  /**
   * Path from the directory where links must work (cwd for terminal output, the output file's
   * folder for markdown) to the analysed root, with `/` and no trailing slash; '' when equal.
   * Result paths are relative to the analysed root, so a link is `${linkBase}/${file}`.
   */
  linkBase: string;
  /** Hide warnings from the output (they still count). */
  quiet: boolean;
  /** Optional "N known findings suppressed (file)" line for the summary. */
  baselineNote?: string;
}

export type Reporter = (result: JobOwnersResult, context: ReporterContext) => string;

export type FormatName = 'stylish' | 'json' | 'markdown' | 'github' | 'sarif';
