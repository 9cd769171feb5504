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
import { unreachedConsumer } from './unreached-consumer.js';
import { unregisteredProcessor } from './unregistered-processor.js';
import { unresolvedName } from './unresolved-name.js';
import { UNREADABLE_INPUT_SEVERITY } from './unreadable-inputs.js';

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
  unreachedConsumer,
  mixedLibraries,
];

/** Default severities, including the directive findings raised by the suppression stage. */
export const DEFAULT_SEVERITIES: Record<RuleId, Severity> = {
  ...(Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])) as Record<RuleId, Severity>),
  'unused-directive': 'warn',
  'invalid-directive': 'warn',
  // Raised by rules/unreadable-inputs.ts over the findings of every rule, not by a rule of its own.
  'unreadable-input': UNREADABLE_INPUT_SEVERITY,
};

export function severityOf(rule: RuleId, config: ResolvedConfig): Severity | 'off' {
  return config.rules[rule] ?? DEFAULT_SEVERITIES[rule];
}

/** Runs every rule that is not switched off and applies the configured severities. */
export function runRules(model: OwnershipModel, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const byKey = new Map<string, Finding>();
  for (const rule of RULES) {
    const severity = severityOf(rule.id, context.config);
    if (severity === 'off') continue;
    for (const raw of rule.check(model, context)) {
      // Several facts can share one source site (a queue constructed once and used by three
      // calls, a library file run by ten services): the user hears about that site once, with
      // every service involved.
      // An unresolved name is one problem at one site, whichever queues it feeds.
      const key = JSON.stringify([raw.rule, raw.rule === 'unresolved-name' ? null : raw.queue, raw.job, raw.locations, raw.message]);
      const existing = byKey.get(key);
      if (existing) {
        existing.services = [...new Set([...existing.services, ...raw.services])].sort();
        if (existing.queue !== raw.queue) existing.queue = null;
        continue;
      }
      const finding = { ...raw, severity };
      byKey.set(key, finding);
      findings.push(finding);
    }
  }
  return findings;
}
