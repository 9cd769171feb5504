/**
 * Errors the user can fix: a bad flag, config file, baseline or input. The CLI prints
 * `message` as is (no stack) and exits 2. Anything that is not a UsageError is a bug in
 * job-owners and gets the "please report" treatment instead.
 *
 * `code` is stable across releases so docs, issues and scripts can refer to it.
 */
export const ERROR_CODES = {
  /** The config does not match the schema (wrong type, unknown key, bad glob…). */
  CONFIG_INVALID: 'JO-CFG-001',
  /** The config file is not valid JSON / YAML. */
  CONFIG_SYNTAX: 'JO-CFG-002',
  /** `--config FILE` names a file that does not exist or cannot be read. */
  CONFIG_NOT_FOUND: 'JO-CFG-003',
  /** A JS/TS config threw while loading, or exported nothing. */
  CONFIG_LOAD: 'JO-CFG-004',
  /** `owners` names a service that discovery did not find. */
  CONFIG_UNKNOWN_SERVICE: 'JO-CFG-005',
  /** The baseline file cannot be read or is not a job-owners baseline. */
  BASELINE_INVALID: 'JO-BASE-001',
  /** Baseline entries that no longer match any finding (prune them). */
  BASELINE_STALE: 'JO-BASE-002',
  /** A bad invocation: unknown flag, command or format, missing directory, unwritable output. */
  CLI_USAGE: 'JO-CLI-001',
  /** `explain` was given a queue the analysis did not find. */
  CLI_UNKNOWN_QUEUE: 'JO-CLI-002',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}

/** The message of anything thrown, for wrapping errors from user code (configs may throw strings). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
