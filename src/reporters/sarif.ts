import { createHash } from 'node:crypto';
import type { Finding, JobOwnersResult, QueueEntry, SourceLocation, SuppressedFinding } from '../model/result.js';
import { DOCUMENTED_RULE_IDS, RULE_DOCS, ruleDocPath, ruleDocUrl, TOOL_INFORMATION_URI } from './rule-docs.js';
import { RULE_DOC_PAGES } from './rule-docs-pages.js';
import type { Reporter } from './types.js';
import { encodePath } from './util/paths.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'jobOwners/v1';

function physicalLocation(loc: SourceLocation) {
  return {
    artifactLocation: { uri: encodePath(loc.file), uriBaseId: '%SRCROOT%' },
    region: { startLine: loc.line, startColumn: loc.column },
  };
}

/** Identity of a finding: what it is about, never where in the file, so edits above it keep alerts. */
export function fingerprint(finding: Finding): string {
  const key = [finding.rule, finding.queue ?? '', finding.job ?? '', finding.services.join(',')].join('\0');
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Findings with the same identity (e.g. two unresolved names without queue or job) would
 * merge into one alert; only those get the file, then an ordinal, mixed in. Unique findings
 * keep the plain identity hash.
 */
function fingerprints(findings: readonly Finding[]): string[] {
  const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const counts = (list: string[]) => {
    const map = new Map<string, number>();
    for (const value of list) map.set(value, (map.get(value) ?? 0) + 1);
    return map;
  };
  const base = findings.map(fingerprint);
  const baseCounts = counts(base);
  const withFile = base.map((fp, i) =>
    (baseCounts.get(fp) ?? 0) > 1 ? hash(`${fp}\0${findings[i]?.locations[0]?.file ?? ''}`) : fp,
  );
  const fileCounts = counts(withFile);
  const seen = new Map<string, number>();
  return withFile.map((fp) => {
    if ((fileCounts.get(fp) ?? 0) === 1) return fp;
    const n = (seen.get(fp) ?? 0) + 1;
    seen.set(fp, n);
    return hash(`${fp}\0${n}`);
  });
}

/** Names a related location after the consumer or producer found there, when there is one. */
function relatedMessage(queue: QueueEntry | undefined, loc: SourceLocation): string | undefined {
  const at = (site: SourceLocation) => site.file === loc.file && site.line === loc.line && site.column === loc.column;
  const consumer = queue?.consumers.find(at);
  if (consumer) return `Consumer in service ${consumer.service}`;
  const producer = queue?.producers.find(at);
  if (producer) return `Producer in service ${producer.service}`;
  return undefined;
}

/** SARIF `suppressions`: code scanning shows such results as dismissed, with the justification. */
function suppressions(finding: Finding | SuppressedFinding) {
  if (!('suppression' in finding)) return {};
  const { kind, justification, location } = finding.suppression;
  return { suppressions: [{ kind, justification, ...(location ? { location: { physicalLocation: physicalLocation(location) } } : {}) }] };
}

function sarifResult(result: JobOwnersResult, finding: Finding | SuppressedFinding, fp: string) {
  const queue = result.queues.find((q) => q.queue === finding.queue);
  const [first, ...rest] = finding.locations;
  return {
    ruleId: finding.rule,
    ruleIndex: DOCUMENTED_RULE_IDS.indexOf(finding.rule),
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    ...(first ? { locations: [{ physicalLocation: physicalLocation(first) }] } : {}),
    ...(rest.length > 0
      ? {
          relatedLocations: rest.map((loc, i) => {
            const text = relatedMessage(queue, loc);
            return { id: i + 1, physicalLocation: physicalLocation(loc), ...(text ? { message: { text } } : {}) };
          }),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fp },
    ...suppressions(finding),
  };
}

function ruleDescriptor(id: (typeof DOCUMENTED_RULE_IDS)[number]) {
  const doc = RULE_DOCS[id];
  return {
    id,
    name: id,
    shortDescription: { text: doc.description },
    fullDescription: { text: doc.description },
    helpUri: ruleDocUrl(id),
    help: { text: `${doc.help} See ${ruleDocPath(id)} in the job-owners package.`, markdown: RULE_DOC_PAGES[id] ?? `${doc.help}\n\n[${ruleDocPath(id)}](${ruleDocUrl(id)})` },
    defaultConfiguration: { level: doc.defaultSeverity === 'error' ? 'error' : 'warning' },
  };
}

/**
 * SARIF 2.1.0 for code scanning (SPEC §7): every rule described (with its docs page as
 * `helpUri` and `help.markdown`), results in the result's order and then the suppressed ones
 * with `suppressions` (`inSource` for directives, `external` for `ignore` and the baseline),
 * URIs relative to %SRCROOT% (the analysed root), fingerprints from identity only.
 */
export const sarif: Reporter = (result: JobOwnersResult): string => {
  const all: (Finding | SuppressedFinding)[] = [...result.findings, ...(result.suppressedFindings ?? [])];
  const prints = fingerprints(all);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'job-owners',
            version: result.tool.version,
            informationUri: TOOL_INFORMATION_URI,
            rules: DOCUMENTED_RULE_IDS.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: all.map((finding, i) => sarifResult(result, finding, prints[i] ?? '')),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
