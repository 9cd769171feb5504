import { ERROR_CODES } from '../errors/job-owners-error.js';
import { closestMatch } from './did-you-mean.js';
import { formatPath } from './format-path.js';
import { invalidConfig } from './invalid-config.js';
import type { ResolvedConfig } from './types.js';

/**
 * `owners` names services, and services are only known after discovery, so this check runs
 * later than loadConfig: the CLI calls it with the discovered service names. A typo here
 * would otherwise turn into an `owner-mismatch` error on every job of the queue.
 */
export function validateOwnersAgainstServices(config: Pick<ResolvedConfig, 'filepath' | 'owners'>, serviceNames: readonly string[]): void {
  const known = [...serviceNames].sort();
  const problems: string[] = [];
  for (const [key, service] of Object.entries(config.owners)) {
    if (known.includes(service)) continue;
    const match = closestMatch(service, known);
    const hint = match ? ` Did you mean "${match}"?` : '';
    const list = known.length > 0 ? ` Known services: ${known.join(', ')}.` : ' No services were found.';
    problems.push(`${formatPath(['owners', key])}: unknown service ${JSON.stringify(service)}.${hint}${list}`);
  }
  if (problems.length === 0) return;
  throw invalidConfig(config.filepath, problems, ERROR_CODES.CONFIG_UNKNOWN_SERVICE);
}
