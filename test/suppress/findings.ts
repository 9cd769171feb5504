import type { Finding, RuleId } from '../../src/model/result.js';

/** A finding with sensible defaults, located at `file:line`. */
export function finding(rule: RuleId, over: Partial<Finding> & { at?: [string, number] } = {}): Finding {
  const { at = ['apps/api/src/queue.ts', 10], ...rest } = over;
  return {
    rule,
    severity: 'error',
    queue: 'emails',
    job: 'send',
    services: ['api'],
    message: `${rule} finding`,
    locations: [{ file: at[0], line: at[1], column: 3 }],
    ...rest,
  };
}
