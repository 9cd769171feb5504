import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JobOwnersResult, RuleId } from '../../src/model/result.js';
import { RULE_DOCS } from '../../src/reporters/rule-docs.js';
import { sarif } from '../../src/reporters/sarif.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { smallResult } from '../fixtures-results/small.js';
import { ctx, reverseKeysDeep } from './helpers.js';
import { validate } from './json-schema-lite.js';
// @ts-expect-error -- a plain .mjs script without types
import { embeddedPage } from '../../scripts/embed-rule-docs.mjs';

/** SARIF 2.1.0 schema, copied from oasis-tcs/sarif-spec `sarif-2.1/schema/sarif-schema-2.1.0.json`. */
const schema = JSON.parse(readFileSync(new URL('../schemas/sarif-2.1.0.json', import.meta.url), 'utf8'));

/** Parsed SARIF is checked by the schema; `any` keeps the assertions short. */
type Json = any;
const render = (result: JobOwnersResult): Json => JSON.parse(sarif(result, ctx()));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sarif reporter', () => {
  it.each([
    ['clean', cleanResult()],
    ['audiobook', audiobookResult()],
    ['awkward', awkwardResult()],
  ])('validates against the SARIF 2.1.0 schema (%s)', (_, result) => {
    expect(validate(schema, render(result))).toEqual([]);
  });

  it('lists suppressed findings with SARIF suppressions, and validates', () => {
    const log = render(smallResult());
    expect(validate(schema, log)).toEqual([]);
    const results = log.runs[0].results as Json[];
    expect(results.map((r) => [r.ruleId, r.suppressions?.[0]?.kind ?? null])).toEqual([
      ['multiple-owners', null],
      ['silent-completion', null],
      ['unresolved-name', null],
      ['orphan-handler', 'inSource'],
      ['no-consumer', 'external'],
      ['duplicate-consumer', 'external'],
    ]);
    expect(results[3].suppressions).toEqual([
      {
        kind: 'inSource',
        justification: 'produced by the ops cron outside this repository',
        location: { physicalLocation: { artifactLocation: { uri: 'apps/workers/src/main.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 11, startColumn: 5 } } },
      },
    ]);
    expect(results[5].suppressions).toEqual([{ kind: 'external', justification: 'Known finding recorded in job-owners-baseline.json' }]);
    // Every result has its own fingerprint, suppressed or not.
    const prints = results.map((r) => r.partialFingerprints['jobOwners/v1']);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('rejects a suppression of an unknown kind (the schema covers suppressions)', () => {
    const log = render(smallResult());
    log.runs[0].results[3].suppressions[0].kind = 'inline';
    expect(validate(schema, log)).toEqual(['/runs/0/results/3/suppressions/0/kind: not one of ["inSource","external"]']);
  });

  it('has a validator that really rejects invalid logs', () => {
    const log = render(audiobookResult());
    log.runs[0].results[0].level = 'fatal';
    delete log.version;
    log.runs[0].tool.driver.bogus = 1;
    expect(validate(schema, log)).toEqual([
      '/: missing required version',
      '/runs/0/tool/driver: unexpected property bogus',
      '/runs/0/results/0/level: not one of ["none","note","warning","error"]',
    ]);
  });

  it('describes every rule once, with SPEC §4 default levels, and indexes results into them', () => {
    const log = render(audiobookResult());
    const driver = log.runs[0].tool.driver;
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(driver.name).toBe('job-owners');
    expect(driver.version).toBe('1.0.0');
    const expected: Record<RuleId, string> = {
      'multiple-owners': 'error',
      'no-consumer': 'error',
      'unhandled-job': 'error',
      'silent-completion': 'warning',
      'duplicate-consumer': 'warning',
      'orphan-handler': 'warning',
      'unresolved-name': 'warning',
      'owner-mismatch': 'error',
      'unregistered-processor': 'warning',
      'unreached-consumer': 'warning',
      'mixed-libraries': 'error',
      'unused-directive': 'warning',
      'invalid-directive': 'warning',
      'unreadable-input': 'error',
    };
    expect(Object.fromEntries(driver.rules.map((r: Json) => [r.id, r.defaultConfiguration.level]))).toEqual(expected);
    for (const rule of driver.rules) {
      const doc = RULE_DOCS[rule.id as RuleId];
      expect(rule.shortDescription.text).toBe(doc.description);
      expect(rule.help.text).toBe(`${doc.help} See docs/rules/${rule.id}.md in the job-owners package.`);
      expect(rule.helpUri).toBe(`https://github.com/job-owners/job-owners/blob/main/docs/rules/${rule.id}.md`);
      // help.markdown is the rule's whole docs page, embedded at build time.
      expect(rule.help.markdown).toBe(embeddedPage(readFileSync(new URL(`../../docs/rules/${rule.id}.md`, import.meta.url), 'utf8')));
    }
    for (const result of log.runs[0].results) expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('reports the audiobook conflict with the other consumer as a related location', () => {
    const [conflict, silent] = render(audiobookResult()).runs[0].results;
    expect(conflict).toEqual({
      ruleId: 'multiple-owners',
      ruleIndex: 0,
      level: 'error',
      message: { text: audiobookResult().findings[0]!.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'apps/api/src/audio/audio.processor.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 5, startColumn: 1 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'apps/workers/src/main.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 16 },
          },
          message: { text: 'Consumer in service workers' },
        },
      ],
      partialFingerprints: { 'jobOwners/v1': sha256('multiple-owners\0audio-processing\0\0api,workers') },
    });
    expect(silent.level).toBe('warning');
    expect(silent.relatedLocations).toBeUndefined();
  });

  it('never builds fingerprints from line numbers', () => {
    const moved = audiobookResult();
    for (const finding of moved.findings) for (const loc of finding.locations) loc.line += 40;
    const print = (r: JobOwnersResult) => render(r).runs[0].results.map((x: Json) => x.partialFingerprints['jobOwners/v1']);
    expect(print(moved)).toEqual(print(audiobookResult()));
  });

  it('keeps fingerprints apart for findings with the same identity in different files', () => {
    const result = awkwardResult();
    const second = structuredClone(result.findings[2]!);
    second.locations = [{ file: 'apps/api/src/other.ts', line: 1, column: 1 }];
    result.findings.push(second);
    const prints = render(result).runs[0].results.map((x: Json) => x.partialFingerprints['jobOwners/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    // the findings that did not collide keep the plain identity hash
    expect(prints[0]).toBe(sha256(`no-consumer\0${result.findings[0]!.queue}\0${result.findings[0]!.job}\0@acme/api`));
  });

  it('percent-encodes each URI segment and omits locations for findings that have none', () => {
    const results = render(awkwardResult()).runs[0].results;
    expect(results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('apps/api/src/notify%20%28old%29.ts');
    expect(results[1].ruleId).toBe('owner-mismatch');
    expect(results[1].locations).toBeUndefined();
  });

  it('gives the same bytes whatever the key insertion order', () => {
    expect(sarif(reverseKeysDeep(awkwardResult()), ctx())).toBe(sarif(awkwardResult(), ctx()));
  });
});
