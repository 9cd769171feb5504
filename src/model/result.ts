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
  source: 'workspace' | 'nx' | 'root' | 'config';
  /** `service` runs as a process; `library` only counts where a service reaches it. */
  kind: 'service' | 'library';
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
  via?: ChainStep[];
}

export interface QueueEntry {
  queue: string;
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

export interface Finding {
  rule: RuleId;
  severity: Severity;
  queue: string | null;
  job: string | null;
  services: string[];
  message: string;
  locations: SourceLocation[];
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
  skipped: SkippedFile[];
  summary: { errors: number; warnings: number; suppressed: number };
}
