import path from 'node:path';
import { closestMatch } from '../config/did-you-mean.js';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import type { ChainStep, ConsumerEntry, JobOwnersResult, ProducerEntry, QueueEntry, SourceLocation } from '../model/result.js';
import { displayLocation } from '../reporters/util/paths.js';
import { findingAdvice, findingSummary } from '../reporters/util/finding-text.js';
import { NO_PROBLEMS, plural, visible } from '../reporters/util/text.js';
import { wrap } from '../reporters/util/wrap.js';
import { EXIT, type CliIO } from './io.js';
import { relativeLink } from './outputs.js';

type WithVia<T> = T & { via?: ChainStep[] };

/** At most this many names in a "Known queues" / "Known job names" list. */
const MAX_LISTED = 10;

/**
 * `job-owners explain <queue>[:<job>]`: every producer, consumer and piece of evidence behind
 * the verdict for one queue or job type, as plain text. Paths are relative to the analysed
 * folder, as in every format (a first line names that folder when it is not the cwd). Exit 0, or a usage error (2) with "did you mean" when the
 * queue or the job name is unknown.
 */
export function runExplain(result: JobOwnersResult, target: string, root: string, io: CliIO): number {
  const dir = path.relative(io.cwd, root);
  const { queue: queueName, job } = parseTarget(result, target, dir ? ` in ${dir}` : '');
  const base = relativeLink(io.cwd, root);
  const at = (loc: SourceLocation) => visible(displayLocation('', loc));
  const q = (text: string) => `"${visible(text)}"`;
  const lines: string[] = base === '' ? [] : [`Paths are relative to ${visible(base)}/`, ''];
  for (const queue of result.queues.filter((entry) => entry.queue === queueName)) {
    lines.push(`Queue ${q(queue.queue)} (prefix ${q(queue.prefix)}, ${queue.library})`);
    lines.push(`  owner: ${queue.owner !== null ? visible(queue.owner) : queue.consumers.length === 0 ? 'none (no consumer)' : 'none (several consuming services)'}`);
    lines.push('  consumers (each receives every job of the queue):');
    if (queue.consumers.length === 0) lines.push('    none');
    for (const consumer of queue.consumers) lines.push(...consumerLines(result, consumer, job, at, q));
    lines.push('  producers:');
    const producers = queue.producers.filter((p) => job === undefined || p.job === job);
    if (producers.length === 0) lines.push('    none in this repository');
    for (const producer of producers) lines.push(...producerLines(result, producer, at, q));
  }
  const jobs = result.jobs.filter((j) => j.queue === queueName && (job === undefined || j.name === job));
  if (jobs.length > 0) {
    lines.push('  job types:');
    const list = (names: string[], none: string) => (names.length > 0 ? names.map(visible).join(', ') : none);
    for (const j of jobs) {
      lines.push(`    ${q(j.name)}: ${j.status}; produced by ${list(j.producers, 'nobody here')}; received by ${list(j.receivers, 'nobody')}; handled by ${list(j.handlers, 'nobody')}`);
    }
  }
  const findings = result.findings.filter((f) => f.queue === queueName && (job === undefined || f.job === null || f.job === job));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const counts = findings.length === 0 ? NO_PROBLEMS.toLowerCase() : `${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')}`;
  lines.push(`  verdict: ${job !== undefined && jobs[0] ? `${jobs[0].status} (${counts})` : counts}`);
  for (const f of findings) {
    lines.push(`    ${f.severity === 'error' ? 'error' : 'warning'} ${f.rule}: ${visible(findingSummary(f))}`);
    for (const loc of f.locations) lines.push(`      at ${at(loc)}`);
    const advice = findingAdvice(f);
    if (advice !== '') lines.push(...wrap(visible(advice), 92, '      '));
  }
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/**
 * `queue`, or `queue:job` where either part may itself contain `:` (Bull queue names may, job
 * names often do: `email:welcome`). An exact queue wins; otherwise every split point whose
 * left side is a known queue is a candidate, and one whose right side is a known job wins.
 */
function parseTarget(result: JobOwnersResult, target: string, where: string): { queue: string; job?: string } {
  const known = [...new Set(result.queues.map((entry) => entry.queue))];
  if (known.includes(target)) return { queue: target };
  const splits: { queue: string; job: string }[] = [];
  for (let i = target.indexOf(':'); i !== -1; i = target.indexOf(':', i + 1)) {
    const queue = target.slice(0, i);
    if (known.includes(queue)) splits.push({ queue, job: target.slice(i + 1) });
  }
  const jobsOf = (queue: string) => [...new Set(result.jobs.filter((j) => j.queue === queue).map((j) => j.name))];
  const exact = splits.find((s) => jobsOf(s.queue).includes(s.job));
  if (exact) return exact;
  const split = splits[0];
  if (split) {
    const names = jobsOf(split.queue);
    const guess = closestMatch(split.job, names);
    throw new UsageError(
      ERROR_CODES.CLI_UNKNOWN_QUEUE,
      `Queue "${visible(split.queue)}" has no job "${visible(split.job)}"${where}.${guess !== undefined ? ` Did you mean "${visible(split.queue)}:${visible(guess)}"?` : ''} Known job names: ${listed(names)}.`,
    );
  }
  const colon = target.indexOf(':');
  const guess = closestMatch(target, known) ?? (colon > 0 ? closestMatch(target.slice(0, colon), known) : undefined);
  throw new UsageError(
    ERROR_CODES.CLI_UNKNOWN_QUEUE,
    `Unknown queue "${visible(colon > 0 ? target.slice(0, colon) : target)}"${where}.${guess !== undefined ? ` Did you mean "${visible(guess)}"?` : ''} Known queues: ${listed(known)}.`,
  );
}

function listed(names: string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, MAX_LISTED).map((name) => `"${visible(name)}"`).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

const FATE: Record<ConsumerEntry['unhandled'], string> = {
  completes: 'are completed silently',
  throws: 'fail',
  unknown: 'have an outcome job-owners cannot see',
};

const RECEIVED_FATE: Record<ConsumerEntry['unhandled'], string> = {
  completes: 'is completed silently',
  throws: 'fails',
  unknown: 'has an outcome job-owners cannot see',
};

function consumerLines(result: JobOwnersResult, c: WithVia<ConsumerEntry>, job: string | undefined, at: (loc: SourceLocation) => string, q: (s: string) => string): string[] {
  const handles = c.handles === '*' ? 'every job name' : c.handles.length > 0 ? c.handles.map(q).join(', ') : 'no job name';
  const lines = [
    `    ${visible(c.service)}  ${at(c)}  ${c.kind}${c.label ? ` ${visible(c.label)}` : ''} (${c.library})`,
    `      handles: ${handles}${c.handles === '*' ? '' : `; other names ${FATE[c.unhandled]}`}`,
  ];
  if (job !== undefined && c.handles !== '*') {
    lines.push(`      for ${q(job)}: ${c.handles.includes(job) ? 'handled' : `not handled, but received anyway, so it ${RECEIVED_FATE[c.unhandled]}`}`);
  }
  lines.push(`      runs in ${visible(c.service)} because ${attributionText(result, c.service, c.attribution, 'consumer')}${c.conditions?.length ? `, when ${c.conditions.map(visible).join(' and ')}` : ''}`);
  for (const step of c.via ?? []) lines.push(`        ${step.kind}${step.label ? ` ${visible(step.label)}` : ''}  ${at(step)}`);
  for (const e of c.evidence) if (job === undefined || e.name === job) lines.push(`      evidence: ${q(e.name)} at ${at(e)}`);
  return lines;
}

function producerLines(result: JobOwnersResult, p: WithVia<ProducerEntry>, at: (loc: SourceLocation) => string, q: (s: string) => string): string[] {
  const lines = [`    ${visible(p.service)}  ${at(p)}  ${p.kind} ${q(p.job)} (${p.library})`];
  if (p.attribution !== 'package' || isLibrary(result, p.service)) {
    lines.push(`      runs in ${visible(p.service)} because ${attributionText(result, p.service, p.attribution, 'producer')}`);
  }
  for (const step of p.via ?? []) lines.push(`        ${step.kind}${step.label ? ` ${visible(step.label)}` : ''}  ${at(step)}`);
  return lines;
}

function isLibrary(result: JobOwnersResult, service: string): boolean {
  return result.services.some((s) => s.name === service && s.kind === 'library');
}

function attributionText(result: JobOwnersResult, service: string, kind: QueueEntry['consumers'][number]['attribution'], role: 'consumer' | 'producer'): string {
  switch (kind) {
    case 'nest-module':
      return role === 'consumer'
        ? 'its class is a provider of a module reachable from the app\'s bootstrap, and the app registers the queue'
        : 'its class is a provider of a module reachable from the app\'s bootstrap';
    case 'import':
      return 'it is library code the service runs: the service imports the file, calls the function or instantiates the class that starts it';
    case 'service':
      return 'the config assigns the file to this service';
    default: {
      const info = result.services.find((s) => s.name === service);
      if (info && info.kind === 'library') return `no service was found to reach it: it is attributed to the package that contains it (${visible(info.root)})`;
      return `the file is in its package${info ? ` (${visible(info.root)})` : ''}`;
    }
  }
}
