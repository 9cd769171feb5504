import type { ResolvedConfig } from '../config/types.js';
import type { OwnershipModel } from '../model/model.js';
import type { Finding, RuleId, Severity } from '../model/result.js';
import { duplicateConsumer } from './duplicate-consumer.js';
import { mixedLibraries } from './mixed-libraries.js';
import { multipleOwners } from './multiple-owners.js';
import { noConsumer } from './no-consumer.js';
import { orphanHandler } from './orphan-handler.js';
import { ownerMismatch } from './owner-mismatch.js';
import { silentCompletion } from './silent-completion.js';
import type { Rule, RuleContext } from './types.js';
import { unhandledJob } from './unhandled-job.js';
import { unregisteredProcessor } from './unregistered-processor.js';
import { unresolvedName } from './unresolved-name.js';

/** Every rule, in the order of SPEC §4. */
export const RULES: Rule[] = [
  multipleOwners,
  noConsumer,
  unhandledJob,
  silentCompletion,
  duplicateConsumer,
  orphanHandler,
  unresolvedName,
  ownerMismatch,
  unregisteredProcessor,
  mixedLibraries,
];

/** Default severities, including the directive findings raised by the suppression stage. */
export const DEFAULT_SEVERITIES: Record<RuleId, Severity> = {
  ...(Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])) as Record<RuleId, Severity>),
  'unused-directive': 'warn',
  'invalid-directive': 'warn',
};

export function severityOf(rule: RuleId, config: ResolvedConfig): Severity | 'off' {
  return config.rules[rule] ?? DEFAULT_SEVERITIES[rule];
}

/** Runs every rule that is not switched off and applies the configured severities. */
export function runRules(model: OwnershipModel, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of RULES) {
    const severity = severityOf(rule.id, context.config);
    if (severity === 'off') continue;
    for (const raw of rule.check(model, context)) {
      // Several facts can share one source site (a queue constructed once, used by three calls):
      // the user needs to hear about that site once.
      const key = JSON.stringify([raw.rule, raw.queue, raw.job, raw.services, raw.locations, raw.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ ...raw, severity });
    }
  }
  return findings;
}
