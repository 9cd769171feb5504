import type { ResolvedConfig } from '../config/types.js';
import type { Fact, UnresolvedSite } from '../detectors/facts.js';
import type { OwnershipModel } from '../model/model.js';
import type { Finding, RuleId, Severity } from '../model/result.js';

/** A finding before severity is applied from the rule's default and the config. */
export type RawFinding = Omit<Finding, 'severity'>;

export interface RuleContext {
  config: ResolvedConfig;
  /** Nest processors that no service runs (for `unregistered-processor`). */
  deadProcessors: Array<{ label: string; queue: string | null; file: string; line: number; column: number }>;
  /** Plain consumers (a Worker, a Bull process) that no process reaches. */
  unreached: Fact[];
  /** Uses of a queue library the analysis could not resolve, besides the facts' own names. */
  unresolvedSites: UnresolvedSite[];
  /** Every service name known to discovery. */
  serviceNames: string[];
}

/**
 * A rule reads the ownership model and reports findings. To add one: write `rules/<id>.ts`
 * exporting a Rule, list it in `rules/index.ts`, add its id to `RuleId` and its docs to
 * `reporters/rule-docs.ts`.
 */
export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  description: string;
  check(model: OwnershipModel, context: RuleContext): RawFinding[];
}
