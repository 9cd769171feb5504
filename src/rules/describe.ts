import type { ModelConsumer, ModelProducer, ModelQueue } from '../model/model.js';
import { compareStrings, uniqueSorted } from '../model/model.js';
import type { SourceLocation } from '../model/result.js';
import { joinParts } from '../model/message-parts.js';

/** Shared wording and location helpers, so every rule speaks the same way. */

export function list(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function sortLocations(locations: SourceLocation[]): SourceLocation[] {
  const seen = new Set<string>();
  return [...locations]
    .filter((l) => {
      const key = `${l.file}:${l.line}:${l.column}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column);
}

export function consumerLocation(c: ModelConsumer): SourceLocation {
  const { file, line, column } = c.fact.location;
  return { file, line, column };
}

export function producerLocation(p: ModelProducer): SourceLocation {
  const { file, line, column } = p.fact.location;
  return { file, line, column };
}

/** Job names that producers put on a queue (resolved names only). */
export function producedNames(queue: ModelQueue): string[] {
  return uniqueSorted(queue.producers.filter((p) => p.job !== '<unresolved>').map((p) => p.job));
}

export function handledDescription(c: ModelConsumer): string {
  return c.fact.handles === '*' ? 'every job name' : c.fact.handles.length === 0 ? 'no job name' : list(c.fact.handles);
}

export function unhandledDescription(behaviour: string, library: string): string {
  if (behaviour === 'completes') return 'completed without being processed';
  if (behaviour === 'throws') return library === 'bull' ? 'failed ("Missing process handler for job type …")' : 'failed by the processor';
  return 'handled in a way job-owners cannot see';
}

/**
 * A finding's text (see Finding in model/result.ts): `summary` says what is wrong in one short
 * line, `advice` why it matters and what to do; `message` is both, for JSON and SARIF.
 */
export function say(summary: string, advice: string): { message: string; summary: string; advice: string } {
  return { message: joinParts(summary, advice), summary, advice };
}
