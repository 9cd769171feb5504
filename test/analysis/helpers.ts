/**
 * Shared helpers for the fixture tests: locate fixtures and project the result onto the
 * fields each test asserts, as plain objects, so `toEqual` compares exactly those fields.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ConsumerKind,
  Finding,
  JobEntry,
  JobOwnersResult,
  Library,
  ProducerKind,
  QueueEntry,
  RuleId,
  Severity,
  SourceLocation,
  UnhandledBehaviour,
} from '../../src/model/result.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function fixturePath(name: string): string {
  return path.join(REPO_ROOT, 'fixtures', name);
}

export interface ConsumerView {
  service: string;
  file: string;
  line: number;
  column: number;
  kind: ConsumerKind;
  library: Library;
  handles: string[] | '*';
  /** Omitted for a consumer that handles `*`: no name is unhandled, the value means nothing. */
  unhandled?: UnhandledBehaviour;
}

export interface ProducerView {
  service: string;
  file: string;
  line: number;
  column: number;
  kind: ProducerKind;
  library: Library;
  job: string;
}

export interface FindingView {
  rule: RuleId;
  severity: Severity;
  queue: string | null;
  job: string | null;
  services: string[];
  locations: SourceLocation[];
}

export interface JobView {
  queue: string;
  name: string;
  producers: string[];
  receivers: string[];
  handlers: string[];
  status: JobEntry['status'];
}

/** Code-point order, like the result's own sorting (no locale rules on `-`, `.`, `/`). */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byPosition = (a: SourceLocation, b: SourceLocation): number =>
  cmp(a.file, b.file) || a.line - b.line || a.column - b.column;

/** The queue entry named `name`; fails with the list of queues that were found. */
export function queueNamed(result: JobOwnersResult, name: string): QueueEntry {
  const entry = result.queues.find((q) => q.queue === name);
  if (!entry) {
    throw new Error(`queue "${name}" not in result; found: ${JSON.stringify(result.queues.map((q) => q.queue))}`);
  }
  return entry;
}

function consumerView(c: QueueEntry['consumers'][number]): ConsumerView {
  const view: ConsumerView = {
    service: c.service,
    file: c.file,
    line: c.line,
    column: c.column,
    kind: c.kind,
    library: c.library,
    handles: c.handles === '*' ? '*' : [...c.handles].sort(),
  };
  if (c.handles !== '*') view.unhandled = c.unhandled;
  return view;
}

export function consumerViews(entry: QueueEntry): ConsumerView[] {
  return entry.consumers.map(consumerView).sort(byPosition);
}

export function producerViews(entry: QueueEntry): ProducerView[] {
  return entry.producers
    .map((p) => ({
      service: p.service,
      file: p.file,
      line: p.line,
      column: p.column,
      kind: p.kind,
      library: p.library,
      job: p.job,
    }))
    .sort((a, b) => byPosition(a, b) || cmp(a.job, b.job));
}

/** Findings in result order (SPEC §8 fixes it: severity, rule, queue, job, file, line). */
export function findingViews(result: JobOwnersResult): FindingView[] {
  return result.findings.map((f: Finding) => ({
    rule: f.rule,
    severity: f.severity,
    queue: f.queue,
    job: f.job,
    services: f.services,
    locations: f.locations.map((l) => ({ file: l.file, line: l.line, column: l.column })),
  }));
}

export function jobViews(result: JobOwnersResult): JobView[] {
  return result.jobs.map((j) => ({
    queue: j.queue,
    name: j.name,
    producers: j.producers,
    receivers: j.receivers,
    handlers: j.handlers,
    status: j.status,
  }));
}

/** Names and roots of the packages the analyser treats as running services. */
export function serviceViews(result: JobOwnersResult): Array<{ name: string; root: string; source: string }> {
  return result.services
    .filter((s) => s.kind === 'service')
    .map((s) => ({ name: s.name, root: s.root, source: s.source }));
}

/** Consumer entries with the issue #3 fields (attribution, conditions), in location order. */
export function consumers(entry: QueueEntry) {
  return entry.consumers
    .map((c) => ({ ...consumerView(c), attribution: c.attribution, ...(c.conditions !== undefined ? { conditions: c.conditions } : {}) }))
    .sort((a, b) => byPosition(a, b) || cmp(a.service, b.service));
}
