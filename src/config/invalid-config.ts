import { ERROR_CODES, UsageError, type ErrorCode } from '../errors/job-owners-error.js';
import { displayPath } from './display-path.js';

/** The one format for config problems: a header naming the file, then one bullet per problem. */
export function invalidConfig(filepath: string | null, problems: readonly string[], code: ErrorCode = ERROR_CODES.CONFIG_INVALID): UsageError {
  const header = filepath === null ? 'Invalid configuration:' : `Invalid configuration in ${displayPath(filepath)}:`;
  return new UsageError(code, [header, ...problems.map((p) => `  • ${p}`)].join('\n'));
}
