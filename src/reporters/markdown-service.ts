import type { QueueEntry, ServiceInfo } from '../model/result.js';
import { consumingServices } from './consumers.js';
import { type MarkdownScope, queueRef, reportedServices, serviceHeadingText, serviceRef } from './markdown-common.js';
import { mdCode, mdText } from './util/markdown-text.js';
import { fileLink } from './util/paths.js';
import { isUnresolvedQueue } from './util/sites.js';
import { uniqueSorted } from './util/text.js';

/** Where the process starts: its entry file and the deployment lines that run it. */
function processLine(scope: MarkdownScope, info: ServiceInfo): string | undefined {
  if (!info.entry && !info.foundAt?.length) return undefined;
  const entry = info.entry ? `entry [${mdText(info.entry)}](${fileLink(scope.linkBase, info.entry)})` : 'entry unknown';
  // Files only: a deployment line number would make the committed report churn.
  const found = uniqueSorted((info.foundAt ?? []).map((f) => f.file));
  const from = found.length > 0 ? `, started by ${found.map((f) => `[${mdText(f)}](${fileLink(scope.linkBase, f)})`).join(', ')}` : '';
  return `- Process: ${entry}${from}`;
}

function producedJobs(queue: QueueEntry, service: string): string[] {
  return uniqueSorted(queue.producers.filter((p) => p.service === service).map((p) => p.job));
}

/** `- Title: item` for one item, else the items as a nested list, one per line. */
function bullets(title: string, items: string[]): string[] {
  if (items.length === 1) return [`- ${title}: ${items[0]}`];
  return [`- ${title}:`, ...items.map((item) => `  - ${item}`)];
}

/** `### Service name`: what it owns, what it consumes without owning, what it produces into others' queues. */
function renderService(scope: MarkdownScope, name: string, diagram: string | undefined): string[] {
  const info = scope.result.services.find((s) => s.name === name);
  const queues = scope.result.queues.filter((q) => !isUnresolvedQueue(q));
  const owns = queues.filter((q) => q.owner === name);
  const shares = queues.filter((q) => q.owner !== name && consumingServices(q).includes(name));
  const producesInto = queues.filter((q) => q.owner !== name && q.producers.some((p) => p.service === name));
  const ownJobs = owns.filter((q) => q.producers.some((p) => p.service === name));
  const lines = [`### Service ${mdCode(name)}`, ''];
  if (info) {
    const what = info.kind === 'library' ? 'library package (its code counts for the processes that run it)' : 'deployed process';
    lines.push(`- Kind: ${what}, in ${mdCode(info.root)}`);
    const process = processLine(scope, info);
    if (process) lines.push(process);
  }
  lines.push(`- Owns: ${owns.length > 0 ? owns.map((q) => queueRef(scope, q)).join(', ') : 'no queue'}`);
  if (shares.length > 0) {
    const list = shares.map((q) => `${queueRef(scope, q)} (with ${consumingServices(q).filter((s) => s !== name).map((s) => serviceRef(scope, s)).join(', ')})`);
    lines.push(`- ❌ Consumes, but shares with other services: ${list.join(', ')}`);
  }
  if (producesInto.length > 0) {
    const list = producesInto.map((q) => {
      const owner = q.owner !== null ? `owner ${serviceRef(scope, q.owner)}` : consumingServices(q).length === 0 ? 'no consumer' : 'no single owner';
      return `${queueRef(scope, q)} (${owner}): ${producedJobs(q, name).map((j) => mdCode(j)).join(', ')}`;
    });
    lines.push(...bullets("Produces into others' queues", list));
  }
  if (ownJobs.length > 0) {
    lines.push(...bullets('Produces into its own queues', ownJobs.map((q) => `${queueRef(scope, q)}: ${producedJobs(q, name).map((j) => mdCode(j)).join(', ')}`)));
  }
  lines.push('');
  if (diagram !== undefined) lines.push('```mermaid', diagram, '```', '');
  return lines;
}

/** `## Services`, one section each; `diagrams` holds the per-service flowcharts of a large repository. */
export function renderServices(scope: MarkdownScope, diagrams?: Map<string, string>): string[] {
  const names = reportedServices(scope.result);
  if (names.length === 0) return [];
  return ['## Services', '', ...names.flatMap((name) => renderService(scope, name, diagrams?.get(name)))];
}
