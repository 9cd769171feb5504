import type { RuleId, Severity } from '../model/result.js';

export interface RuleDoc {
  /** One sentence: what the rule detects. */
  description: string;
  /** What to do about a finding. */
  help: string;
  /** Severity when the config does not set one (SPEC §4). */
  defaultSeverity: Severity;
}

/** The project's home; package.json `repository`, `homepage` and `bugs` agree (a test checks). */
export const REPOSITORY_URL = 'https://github.com/job-owners/job-owners';

/** Where SARIF viewers send users to learn about the tool. */
export const TOOL_INFORMATION_URI = `${REPOSITORY_URL}#readme`;

/** A rule's page inside the package and the repository: `docs/rules/<id>.md`. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** The same page on the web, for SARIF `helpUri` and GitHub annotations. */
export function ruleDocUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/${ruleDocPath(id)}`;
}

/**
 * Documentation of every rule, in a fixed order (SARIF `rules[]` indexes follow it).
 * `satisfies Record<RuleId, …>` makes the build fail when a rule is added without docs.
 */
export const RULE_DOCS = {
  'multiple-owners': {
    description: 'Consumers of one queue run in more than one service, so the services race for every job of that queue.',
    help: 'Keep every consumer of a queue in a single service. BullMQ does not route by job name: move the other handlers into the owning service, or give each service its own queue.',
    defaultSeverity: 'error',
  },
  'no-consumer': {
    description: 'A job type is produced but no service consumes its queue, so its jobs wait forever.',
    help: 'Add a consumer (Worker or @Processor) for the queue in the service that should own it, or remove the producer.',
    defaultSeverity: 'error',
  },
  'unhandled-job': {
    description: 'A job type is produced and its queue has consumers, but none of them handles the job name.',
    help: 'Handle the job name in the queue\'s consumer, or stop producing it. Check what happens to it today: it may be completed silently or fail.',
    defaultSeverity: 'error',
  },
  'silent-completion': {
    description: 'A consumer completes jobs whose name it does not handle (early return, switch without a throwing default).',
    help: 'Throw for unknown job names (a default branch that throws) so unexpected jobs fail visibly instead of being marked completed.',
    defaultSeverity: 'warn',
  },
  'duplicate-consumer': {
    description: 'More than one distinct consumer definition listens on one queue inside one service.',
    help: 'Merge the consumers into one definition that dispatches by job name; replicas of one definition are fine.',
    defaultSeverity: 'warn',
  },
  'orphan-handler': {
    description: 'A consumer handles a job name that no producer in the repository creates.',
    help: 'Remove the dead handler, or ignore the finding with a reason if the jobs are produced outside this repository.',
    defaultSeverity: 'warn',
  },
  'unresolved-name': {
    description: 'A queue or job name cannot be resolved statically.',
    help: 'Use a string literal, a const, an enum member or an `as const` object for queue and job names, or declare the wrapper in the `workers` config.',
    defaultSeverity: 'warn',
  },
  'owner-mismatch': {
    description: 'The configured owner of a queue or job type disagrees with the service that consumes it in code.',
    help: 'Move the consumer into the configured service, or update `owners` in the configuration if ownership changed on purpose.',
    defaultSeverity: 'error',
  },
  'unregistered-processor': {
    description: 'A NestJS @Processor class is not provided by any module reachable from an application root, so it never consumes.',
    help: 'Add the processor to the providers of a module the application imports, or delete it if it is dead code.',
    defaultSeverity: 'warn',
  },
  'unreached-consumer': {
    description: 'A Worker, Bull process() or registerQueue processor is started only by code that no deployed process runs (a script, a test helper, an unused module), so it consumes nothing.',
    help: 'Start the consumer from the entry of the process that should own the queue, or delete it if it is dead code.',
    defaultSeverity: 'warn',
  },
  'mixed-libraries': {
    description: 'Bull and BullMQ consumers or producers share one queue identity (same prefix and name) and write incompatible data.',
    help: 'Use one library per queue, or give the queues different names or prefixes.',
    defaultSeverity: 'error',
  },
  'unused-directive': {
    description: 'A job-owners-ignore-next-line directive suppresses nothing.',
    help: 'Remove the directive; the problem it suppressed is gone or has moved.',
    defaultSeverity: 'warn',
  },
  'invalid-directive': {
    description: 'A job-owners-ignore-next-line directive is malformed: unknown rule id or missing reason.',
    help: 'Write `// job-owners-ignore-next-line <rule-id> -- <reason>` with a known rule id and a reason.',
    defaultSeverity: 'warn',
  },
  'unreadable-input': {
    description: 'A source file or folder could not be read, so the findings its content could change are withheld and the queues they concern are not checked.',
    help: 'Make the file or folder readable (permissions, a broken mount), or list it in "exclude" if it is not code the services run, and run again.',
    defaultSeverity: 'error',
  },
} as const satisfies Record<RuleId, RuleDoc>;

/** Rule ids in documentation order. */
export const DOCUMENTED_RULE_IDS = Object.keys(RULE_DOCS) as RuleId[];

/** Rules being added, whose pages are in docs/rules/ before the rule joins RuleId (none now). */
export const UPCOMING_RULE_DOCS: Record<string, RuleDoc> = {};
