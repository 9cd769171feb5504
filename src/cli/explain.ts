import { closestMatch } from '../config/did-you-mean.js';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import type { JobOwnersResult } from '../model/result.js';
import { EXIT, type CliIO } from './io.js';

/**
 * `job-owners explain <queue>[:<job>]`: every producer, consumer and piece of evidence behind
 * the verdict for one queue or job type, as plain text.
 */
export function runExplain(result: JobOwnersResult, target: string, root: string, io: CliIO): number {
  const known = result.queues.map((q) => q.queue);
  let queueName = target;
  let job: string | undefined;
  if (!known.includes(target)) {
    const colon = target.lastIndexOf(':');
    if (colon > 0 && known.includes(target.slice(0, colon))) {
      queueName = target.slice(0, colon);
      job = target.slice(colon + 1);
    }
  }
  const queues = result.queues.filter((q) => q.queue === queueName);
  if (queues.length === 0) {
    const guess = closestMatch(queueName.split(':')[0]!, known);
    throw new UsageError(ERROR_CODES.CLI_UNKNOWN_QUEUE, `Unknown queue "${queueName}" in ${root}.${guess ? ` Did you mean "${guess}"?` : ''} Known queues: ${known.join(', ') || 'none'}.`);
  }
  const lines: string[] = [];
  for (const q of queues) {
    lines.push(`Queue "${q.queue}" (prefix "${q.prefix}", ${q.library})`);
    lines.push(`  owner: ${q.owner ?? (q.consumers.length === 0 ? 'none (no consumer)' : 'none (several consuming services)')}`);
    lines.push('  consumers (each receives every job of the queue):');
    if (q.consumers.length === 0) lines.push('    none');
    for (const c of q.consumers) {
      const handles = c.handles === '*' ? 'every name' : c.handles.join(', ') || 'no name';
      lines.push(`    ${c.service}  ${c.file}:${c.line}:${c.column}  ${c.kind}${c.label ? ` ${c.label}` : ''}`);
      lines.push(`      handles: ${handles}; other names are ${c.unhandled === 'completes' ? 'completed silently' : c.unhandled === 'throws' ? 'failed' : 'not visible to job-owners'}`);
      lines.push(`      runs in ${c.service} because: ${attributionText(c.attribution)}${c.conditions?.length ? ` when ${c.conditions.join(' and ')}` : ''}`);
      for (const e of c.evidence) if (!job || e.name === job) lines.push(`      evidence: "${e.name}" at ${e.file}:${e.line}:${e.column}`);
    }
    lines.push('  producers:');
    const producers = q.producers.filter((p) => !job || p.job === job);
    if (producers.length === 0) lines.push('    none in this repository');
    for (const p of producers) lines.push(`    ${p.service}  ${p.file}:${p.line}:${p.column}  ${p.kind} "${p.job}"`);
  }
  const jobs = result.jobs.filter((j) => j.queue === queueName && (!job || j.name === job));
  if (jobs.length > 0) {
    lines.push('  job types:');
    for (const j of jobs) lines.push(`    ${j.name}: ${j.status}; produced by ${j.producers.join(', ') || 'nobody here'}; received by ${j.receivers.join(', ') || 'nobody'}; handled by ${j.handlers.join(', ') || 'nobody'}`);
  }
  const findings = result.findings.filter((f) => f.queue === queueName && (!job || f.job === null || f.job === job));
  lines.push('  verdict:');
  if (findings.length === 0) lines.push('    no findings');
  for (const f of findings) lines.push(`    ${f.severity} ${f.rule}: ${f.message}`);
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function attributionText(kind: string): string {
  switch (kind) {
    case 'nest-module': return 'its @Processor class is a provider of a module the app bootstraps, and the app registers a queue';
    case 'import': return 'the service imports the library file that starts it';
    case 'service': return 'config assigns the file to this service';
    default: return 'the file belongs to this package (no service was found to run it otherwise)';
  }
}
