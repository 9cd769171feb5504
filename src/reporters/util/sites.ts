import type { ConsumerEntry, Finding, JobOwnersResult, ProducerEntry, QueueEntry, SourceLocation } from '../../model/result.js';
import { compareStrings } from './text.js';

/** The queue every site goes to when its queue name could not be resolved (SPEC §3). */
export const UNRESOLVED_QUEUE = '<unresolved>';

export function isUnresolvedQueue(queue: QueueEntry): boolean {
  return queue.queue === UNRESOLVED_QUEUE;
}

/** A producer or consumer site, as the committed report names it: file and symbol, never a line. */
export interface SiteRef {
  file: string;
  symbol?: string;
}

function at(loc: SourceLocation) {
  return (site: SourceLocation) => site.file === loc.file && site.line === loc.line && site.column === loc.column;
}

/**
 * The symbol of the consumer or producer found at a finding's location (or the consumer whose
 * handled-name evidence is there), so a finding can be named without its line.
 */
export function siteAt(result: JobOwnersResult, loc: SourceLocation): SiteRef {
  for (const queue of result.queues) {
    const site: ConsumerEntry | ProducerEntry | undefined =
      queue.consumers.find(at(loc)) ?? queue.producers.find(at(loc)) ?? queue.consumers.find((c) => c.evidence.some(at(loc)));
    if (site) return site.symbol ? { file: loc.file, symbol: site.symbol } : { file: loc.file };
  }
  return { file: loc.file };
}

/** Distinct sites in file, then symbol order (line-free, so the order survives edits). */
export function uniqueSites(sites: readonly SiteRef[]): SiteRef[] {
  const seen = new Map<string, SiteRef>();
  for (const site of sites) {
    const key = `${site.file}\0${site.symbol ?? ''}`;
    if (!seen.has(key)) seen.set(key, site.symbol ? { file: site.file, symbol: site.symbol } : { file: site.file });
  }
  return [...seen.values()].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.symbol ?? '', b.symbol ?? ''));
}

/** Findings about one queue (by name: findings name a queue, not its prefix). */
export function findingsOf(result: JobOwnersResult, queue: string): Finding[] {
  return result.findings.filter((f) => f.queue === queue);
}
