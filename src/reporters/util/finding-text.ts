import { messageParts } from '../../model/message-parts.js';
import type { Finding } from '../../model/result.js';

/**
 * The two parts of a finding's text. Results from `toResult` always carry them; for a
 * hand-built result with only `message`, they are split from it the same way.
 */
export function findingSummary(finding: Finding): string {
  return messageParts(finding).summary;
}

export function findingAdvice(finding: Finding): string {
  return messageParts(finding).advice;
}
