/**
 * The public JSON result (SPEC §8). Every output format is a pure function of this object,
 * so anything a reporter needs must be here. Keys are required unless marked optional;
 * arrays are sorted by `finalizeResult` so two runs on the same tree print the same bytes.
 */

export const SCHEMA_VERSION = 1 as const;

export type Severity = 'error' | 'warn';
export type SeveritySetting = Severity | 'off';
export type Library = 'bullmq' | 'bull';

export type RuleId =
  | 'multiple-owners'
  | 'no-consumer'
  | 'unhandled-job'
  | 'silent-completion'
  | 'duplicate-consumer'
  | 'orphan-handler'
  | 'unresolved-name'
  | 'owner-mismatch'
  | 'unregistered-processor'
  | 'unreached-consumer'
  | 'mixed-libraries'
  | 'unused-directive'
  | 'invalid-directive'
  | 'unreadable-input';

/** A repo-relative position; `file` uses `/`, line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface ServiceInfo {
  name: string;
  /** Repo-relative folder of the service ("." for a single-package repo). */
  root: string;
  /** How the service was found. */
  source: 'workspace' | 'folder' | 'nx' | 'root' | 'config';
  /** `service` runs as a process; `library` only counts where a service reaches it. */
  kind: 'service' | 'library';
  /** The source file the process runs (mapped back from `dist/`), when one was found. */
  entry?: string;
  /** What deploys it: a package script, a Dockerfile, a Procfile, compose, pm2, supervisord… */
  deployedBy?: string;
  /** Every place that deploys it (file and line of the script, `CMD`, Procfile entry…). */
  foundAt?: Array<{ file: string; line: number }>;
}

export type ConsumerKind = 'worker' | 'nest-processor' | 'bull-process' | 'register-queue' | 'sandboxed';
export type UnhandledBehaviour = 'completes' | 'throws' | 'unknown';

/** Where a handled job name was seen (the `case`, the `if`, the `@Process('x')`). */
export interface HandledNameEvidence extends SourceLocation {
  name: string;
}

/**
 * One step of the evidence for where a consumer or producer runs: a Nest liveness chain
 * (bootstrap → module → … → provider → register-queue) or an import path (entry → import → …).
 */
export interface ChainStep extends SourceLocation {
  kind: 'bootstrap' | 'module' | 'provider' | 'register-queue' | 'import' | 'instantiation';
  label?: string;
}

export interface ConsumerEntry extends SourceLocation {
  service: string;
  kind: ConsumerKind;
  library: Library;
  handles: string[] | '*';
  unhandled: UnhandledBehaviour;
  /** Stable id of the consumer definition (its defining site); replicas share it. */
  definition: string;
  /** How the service was attributed: directly by its package, or because a service reaches it. */
  attribution: 'package' | 'service' | 'nest-module' | 'import';
  /** Human readable conditions under which the consumer exists (env-gated providers…). */
  conditions?: string[];
  /** Class or function name, for display. */
  label?: string;
  /**
   * The enclosing `Class.method` or function of the site (`QueueService.enqueue`; `<module>` for
   * top-level code). The committed report names sites by file and symbol, never by line, so
   * edits that do not change ownership do not change it.
   */
  symbol?: string;
  evidence: HandledNameEvidence[];
  /** Why it runs in `service` (see ChainStep); absent when it simply lives in that package. */
  via?: ChainStep[];
}

export type ProducerKind = 'add' | 'add-bulk' | 'scheduler' | 'flow' | 'repeat';

export interface ProducerEntry extends SourceLocation {
  service: string;
  kind: ProducerKind;
  library: Library;
  job: string;
  attribution: 'package' | 'service' | 'nest-module' | 'import';
  /** The enclosing `Class.method` or function of the site, as on ConsumerEntry. */
  symbol?: string;
  via?: ChainStep[];
}

export interface QueueEntry {
  /** The name (its default alternative when it depends on a condition); "<unresolved>" when not known. */
  queue: string;
  /** Other names of this queue under other conditions (`{sessions}` when CLUSTER is set). */
  alternatives: string[];
  prefix: string;
  library: Library | 'mixed';
  /** The single consuming service, or null when none or several. */
  owner: string | null;
  consumers: ConsumerEntry[];
  producers: ProducerEntry[];
}

export interface JobEntry {
  queue: string;
  /** With `queue`, the queue identity (two queues may share a name under different prefixes). */
  prefix: string;
  name: string;
  producers: string[];
  receivers: string[];
  handlers: string[];
  /** What happens to this job type at runtime, in one word. */
  status: 'ok' | 'conflict' | 'no-consumer' | 'unhandled' | 'orphan';
}

/**
 * A producer or consumer site that no deployed process runs: in a file no entry reaches (a seed
 * script, a dead module), or a function nothing a process runs calls. Kept here so nothing is
 * dropped silently; a consumer among them is also an `unreached-consumer` (or, for a Nest
 * processor, `unregistered-processor`) finding.
 */
export interface UnreachedEntry extends SourceLocation {
  type: 'consumer' | 'producer';
  kind: ConsumerKind | ProducerKind;
  library: Library;
  queue: string;
  /** Producers: the job name. */
  job?: string;
  symbol?: string;
}

/**
 * A finding's text comes in two parts, so a terminal line stays short and the advice can sit
 * on its own line:
 * - `summary`: what is wrong, one line, at most 120 characters with ordinary names;
 * - `advice`: why it matters and what to do ('' when the summary says it all).
 * `message` is the full text, `summary. advice`, for JSON and SARIF consumers.
 * Rules should set `summary` and `advice` (see rules/describe.ts `say`); a finding built with
 * `message` alone is split by `toResult` on its first line break, else after its first
 * sentence, so every finding in a result has all three.
 */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  queue: string | null;
  job: string | null;
  services: string[];
  message: string;
  summary?: string;
  advice?: string;
  locations: SourceLocation[];
}

/** How a suppressed finding was accepted, in SARIF's terms (`suppressions[].kind`). */
export interface Suppression {
  /** `inSource`: an inline directive; `external`: the config's `ignore` or the baseline. */
  kind: 'inSource' | 'external';
  source: 'directive' | 'ignore' | 'baseline';
  /** The reason the directive or `ignore` entry gives; the baseline file for the baseline. */
  justification: string;
  /** Where the directive or the config file is, when known. */
  location?: SourceLocation;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

/** Counts of the sites the analysis saw, and how many of them it could not resolve. */
export interface SiteCounts {
  /** Resolved queues. */
  queues: number;
  /** Producer sites with a resolved queue (and job) name. */
  producers: number;
  /** Consumer sites with a resolved queue name. */
  consumers: number;
  /** Producer and consumer sites whose queue or job name could not be resolved. */
  unresolved: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface JobOwnersResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'job-owners'; version: string };
  services: ServiceInfo[];
  queues: QueueEntry[];
  jobs: JobEntry[];
  findings: Finding[];
  /**
   * Findings accepted by an inline directive, the config's `ignore` or the baseline. Not
   * counted in `summary.errors`/`warnings` and not shown by stylish; SARIF lists them with
   * `suppressions`, as code scanning expects. Absent when nothing was suppressed.
   */
  suppressedFindings?: SuppressedFinding[];
  skipped: SkippedFile[];
  /** Sites no process runs (see UnreachedEntry). */
  unreached: UnreachedEntry[];
  summary: {
    errors: number;
    warnings: number;
    suppressed: number;
    sites?: SiteCounts;
  };
}
