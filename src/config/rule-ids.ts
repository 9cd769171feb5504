import type { RuleId } from '../model/result.js';

/**
 * Runtime list of every RuleId (result.ts only has the type). The compile-time checks below
 * fail the build when a rule is added to RuleId but not here, so the config schema, the
 * JSON schema and directive parsing can never silently reject a real rule.
 */
export const RULE_IDS = [
  'multiple-owners',
  'no-consumer',
  'unhandled-job',
  'silent-completion',
  'duplicate-consumer',
  'orphan-handler',
  'unresolved-name',
  'owner-mismatch',
  'unregistered-processor',
  'unreached-consumer',
  'mixed-libraries',
  'unused-directive',
  'invalid-directive',
  'unreadable-input',
] as const satisfies readonly RuleId[];

type Missing = Exclude<RuleId, (typeof RULE_IDS)[number]>;
const everyRuleListed: [Missing] extends [never] ? true : Missing = true;
void everyRuleListed;

/** Rules about suppressions themselves; an inline directive cannot name them. */
export const META_RULE_IDS: readonly RuleId[] = ['unused-directive', 'invalid-directive'];

/** Rules an inline `job-owners-ignore-next-line` directive may name. */
export const SUPPRESSIBLE_RULE_IDS: readonly RuleId[] = RULE_IDS.filter((id) => !META_RULE_IDS.includes(id));

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
