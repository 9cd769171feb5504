import { displayPath as displayRawPath } from '../util/raw-path.js';
import type { Finding, JobOwnersResult, QueueEntry } from '../model/result.js';
import { Slugger } from './util/anchors.js';
import { findingAdvice, findingSummary } from './util/finding-text.js';
import { mdCode, mdText } from './util/markdown-text.js';
import { fileLink } from './util/paths.js';
import { isUnresolvedQueue, siteAt, type SiteRef, uniqueSites } from './util/sites.js';
import { visible } from './util/text.js';

/** What every markdown section needs: the result, where links start, and the headings' anchors. */
export interface MarkdownScope {
  result: JobOwnersResult;
  linkBase: string;
  /** Anchor of each queue section (by QueueEntry object) and each service section (by name). */
  queueAnchor: Map<QueueEntry, string>;
  serviceAnchor: Map<string, string>;
  /** Services that are library packages (code no deployed process was found to run). */
  libraries: Set<string>;
}

export function queueHeadingText(queue: QueueEntry): string {
  return queue.prefix === 'bull' ? `Queue ${visible(queue.queue)}` : `Queue ${visible(queue.queue)} (prefix ${visible(queue.prefix)})`;
}

export function serviceHeadingText(service: string): string {
  return `Service ${visible(service)}`;
}

/** Services that appear in the report: every known service, then any name only sites mention. */
export function reportedServices(result: JobOwnersResult): string[] {
  const names = new Set(result.services.map((s) => s.name));
  for (const q of result.queues) for (const site of [...q.consumers, ...q.producers]) names.add(site.service);
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function createScope(result: JobOwnersResult, linkBase: string): MarkdownScope {
  // Queue and service headings start with different words, so each kind can only collide
  // with its own kind; a slugger per kind, in document order, gives GitHub's ids.
  const queues = new Slugger();
  const services = new Slugger();
  const serviceAnchor = new Map<string, string>();
  for (const name of reportedServices(result)) serviceAnchor.set(name, services.slug(serviceHeadingText(name)));
  const queueAnchor = new Map<QueueEntry, string>();
  for (const queue of result.queues) if (!isUnresolvedQueue(queue)) queueAnchor.set(queue, queues.slug(queueHeadingText(queue)));
  const libraries = new Set(result.services.filter((s) => s.kind === 'library').map((s) => s.name));
  return { result, linkBase, queueAnchor, serviceAnchor, libraries };
}

/** `` [`name`](#queue-name) `` — a queue linked to its section. */
export function queueRef(scope: MarkdownScope, queue: QueueEntry, inTable = false): string {
  const anchor = scope.queueAnchor.get(queue);
  const code = mdCode(queue.queue, inTable);
  return anchor ? `[${code}](#${anchor})` : code;
}

export function serviceRef(scope: MarkdownScope, service: string, inTable = false): string {
  const anchor = scope.serviceAnchor.get(service);
  const code = mdCode(service, inTable);
  return anchor ? `[${code}](#${anchor})` : code;
}

/** How a symbol reads: `<module>` is top-level code. */
function symbolText(symbol: string): string {
  return symbol === '<module>' ? 'top level' : symbol;
}

/**
 * A site as the committed report names it: the file linked (no line, no `#L`), then the
 * symbol. `short` links the file's base name, for table cells.
 */
export function siteLink(linkBase: string, site: SiteRef, short = false): string {
  const file = displayRawPath(site.file);
  const name = short ? (file.split('/').pop() ?? file) : file;
  const link = `[${mdText(name)}](${fileLink(linkBase, site.file)})`;
  return site.symbol ? `${link} ${mdCode(symbolText(site.symbol), short)}` : link;
}

export const SEVERITY_ICON: Record<Finding['severity'], string> = { error: '❌', warn: '⚠️' };

/** One finding: icon, bold summary, rule id; the advice as the same paragraph; its sites below. */
export function findingItem(scope: MarkdownScope, finding: Finding): string[] {
  const advice = findingAdvice(finding);
  const lines = [`- ${SEVERITY_ICON[finding.severity]} **${mdText(findingSummary(finding))}** (${mdCode(finding.rule)})`];
  if (advice !== '') lines.push(`  ${mdText(advice)}`);
  for (const site of uniqueSites(finding.locations.map((loc) => siteAt(scope.result, loc)))) {
    lines.push(`  - ${siteLink(scope.linkBase, site)}`);
  }
  return lines;
}
