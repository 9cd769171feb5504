/**
 * Table tests for the constructs the value engine must understand (typescript-eslint RuleTester
 * style): each case is a tiny repository (path → text) and the exact projection of the result
 * it must produce. Each case is written to its own temp folder, analysed with `analyze({ root })`
 * and compared exactly:
 *
 * - `queues`: every queue of the result, as `[queue, consumers, producers]`, consumers as
 *   `[service, 'file:line']`, producers as `[service, job, 'file:line']`. Omitted: no queue at all.
 * - `findings`: every finding, as `[rule, queue, job]`, optionally with a fourth element, a text
 *   the finding's message must contain (the cause of an `unresolved-name`). Omitted: no finding.
 * - `alternatives`: queue → its other names (`{sessions}`), for every queue that has any.
 *   Omitted: not compared.
 * - `handles`: queue → its consumers as `[service, 'file:line', handles, unhandled]`, handles
 *   `'*'` or the names joined with `,`. Omitted: not compared.
 * - `unreached`: sites no process runs, as `[type, queue, 'file:line']`. Omitted: not compared.
 * - `prefixes`: every queue as `[queue, prefix]` (`bull` is BullMQ's default). Omitted: not compared.
 *
 * Lists are compared as sorted multisets: the order of the result is the tool's business, the
 * membership and the counts are not. Files are written over the manifests of a two-service
 * npm-workspaces repository (`apps/api`, `apps/worker`, `libs/*`, see test/support/repo-files.ts)
 * unless the case says `bare: true`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult, RuleId } from '../../src/model/result.js';
import { TWO_SERVICE_MANIFESTS, writeFiles } from '../support/repo-files.js';

export type ConsumerRow = [service: string, at: string];
export type ProducerRow = [service: string, job: string, at: string];
export type QueueRow = [queue: string, consumers: ConsumerRow[], producers: ProducerRow[]];
export type FindingRow = [rule: RuleId, queue: string | null, job: string | null] | [rule: RuleId, queue: string | null, job: string | null, messageContains: string];
export type HandlesRow = [service: string, at: string, handles: string, unhandled: string];
export type UnreachedRow = [type: 'consumer' | 'producer', queue: string, at: string];

export interface ConstructCase {
  name: string;
  files: Record<string, string>;
  /** Write `files` alone, without the two-service manifests. */
  bare?: boolean;
  expect: {
    queues?: QueueRow[];
    findings?: FindingRow[];
    alternatives?: Record<string, string[]>;
    handles?: Record<string, HandlesRow[]>;
    unreached?: UnreachedRow[];
    prefixes?: Array<[queue: string, prefix: string]>;
  };
}

const at = (l: { file: string; line: number }): string => `${l.file}:${l.line}`;
const key = (row: unknown): string => JSON.stringify(row);
const sorted = <T>(rows: T[]): T[] => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** The result projected onto the rows a case states, each list sorted. */
export function project(result: JobOwnersResult, findingsWithText: FindingRow[] = []) {
  const queues: QueueRow[] = sorted(
    result.queues.map((q): QueueRow => [
      q.queue,
      sorted(q.consumers.map((c): ConsumerRow => [c.service, at(c)])),
      sorted(q.producers.map((p): ProducerRow => [p.service, p.job, at(p)])),
    ]),
  );
  // A stated message text is checked by including it in the actual row when the message has it.
  const texts = findingsWithText.filter((f) => f.length === 4) as Array<[RuleId, string | null, string | null, string]>;
  const findings: FindingRow[] = sorted(
    result.findings.map((f): FindingRow => {
      const wanted = texts.find((t) => t[0] === f.rule && t[1] === f.queue && t[2] === f.job && f.message.includes(t[3]));
      return wanted ? [f.rule, f.queue, f.job, wanted[3]] : [f.rule, f.queue, f.job];
    }),
  );
  const alternatives = Object.fromEntries(result.queues.filter((q) => q.alternatives.length > 0).map((q) => [q.queue, [...q.alternatives].sort()]));
  const handles = Object.fromEntries(
    result.queues.map((q) => [
      q.queue,
      sorted(q.consumers.map((c): HandlesRow => [c.service, at(c), c.handles === '*' ? '*' : [...c.handles].sort().join(','), c.unhandled])),
    ]),
  );
  const unreached = sorted(result.unreached.map((u): UnreachedRow => [u.type, u.queue, at(u)]));
  const prefixes = sorted(result.queues.map((q): [string, string] => [q.queue, q.prefix]));
  return { queues, findings, alternatives, handles, unreached, prefixes };
}

/** Short text of a result, printed when a case fails, so the report shows what the tool said. */
function describeResult(result: JobOwnersResult): string {
  return JSON.stringify(
    {
      services: result.services.map((s) => `${s.name} ${s.entry ?? ''}`),
      queues: result.queues.map((q) => ({
        queue: q.queue,
        prefix: q.prefix,
        alternatives: q.alternatives,
        consumers: q.consumers.map((c) => `${c.service} ${at(c)} ${c.kind} ${c.handles === '*' ? '*' : c.handles.join(',')} ${c.unhandled}`),
        producers: q.producers.map((p) => `${p.service} ${p.job} ${at(p)}`),
      })),
      findings: result.findings.map((f) => `${f.rule} ${f.queue ?? '-'} ${f.job ?? '-'}: ${f.message}`),
      unreached: result.unreached.map((u) => `${u.type} ${u.queue} ${at(u)}`),
    },
    null,
    1,
  );
}

/** Runs one `describe` with one `it` per case. */
export function runCases(title: string, cases: ConstructCase[]): void {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate case name: ${c.name}`);
    names.add(c.name);
  }
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jo-constructs-'));
      dirs.push(root);
      writeFiles(root, c.bare ? c.files : { ...TWO_SERVICE_MANIFESTS, ...c.files });
      const result = analyze({ root });
      const actual = project(result, c.expect.findings);
      const wanted: Record<string, unknown> = {
        queues: sorted((c.expect.queues ?? []).map(([q, cs, ps]): QueueRow => [q, sorted(cs), sorted(ps)])),
        findings: sorted(c.expect.findings ?? []),
      };
      const got: Record<string, unknown> = { queues: actual.queues, findings: actual.findings };
      if (c.expect.alternatives) {
        wanted.alternatives = Object.fromEntries(Object.entries(c.expect.alternatives).map(([q, a]) => [q, [...a].sort()]));
        got.alternatives = actual.alternatives;
      }
      if (c.expect.handles) {
        wanted.handles = Object.fromEntries(Object.entries(c.expect.handles).map(([q, rows]) => [q, sorted(rows)]));
        got.handles = Object.fromEntries(Object.keys(c.expect.handles).map((q) => [q, actual.handles[q] ?? []]));
      }
      if (c.expect.unreached) {
        wanted.unreached = sorted(c.expect.unreached);
        got.unreached = actual.unreached;
      }
      if (c.expect.prefixes) {
        wanted.prefixes = sorted(c.expect.prefixes);
        got.prefixes = actual.prefixes;
      }
      expect(got, describeResult(result)).toEqual(wanted);
    });
  });
}

/** A package.json for a deployed app: one `start` script, so the service is named `name`. */
export const app = (name: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name, scripts: { start: 'node dist/main.js' }, ...extra });

/**
 * A producer file adding each `[queue, job]` to a queue named by a literal, one `add` per line
 * from line 2: `apps/api/src/main.ts` of most cases.
 */
export const literalProducers = (...jobs: Array<[queue: string, job: string]>): string =>
  [`import { Queue } from 'bullmq';`, ...jobs.map(([q, job]) => `void new Queue('${q}', { connection: {} }).add('${job}', {});`)].join('\n');
