/**
 * Issue #4 items 5–7 end to end: inline directives, the baseline, and severities
 * (`--max-warnings`, `--quiet`). The incident has one error (multiple-owners, at
 * apps/api/src/queue/epub-processor.service.ts:6 and apps/workers/src/main.ts:7) and one
 * warning (silent-completion, at the api processor).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK, insertLine, jobOwners, jsonOf, read, tempRepo, write, writeJson } from './helpers.js';

const API = 'apps/api/src/queue/epub-processor.service.ts';
const WORKERS = 'apps/workers/src/main.ts';
const BASELINE = 'job-owners-baseline.json';

describe('inline directives', () => {
  it('above a consumer, with a reason: suppresses the named rules, counted in summary.suppressed', () => {
    const repo = tempRepo('audiobook-incident');
    insertLine(repo, API, 6, '// job-owners-ignore-next-line multiple-owners, silent-completion -- moving to workers in JIRA-123');
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code, run.stderr).toBe(0);
    const result = jsonOf(run);
    expect(result.findings).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, suppressed: 2 });
  });

  it('suppresses only the rules it names', () => {
    const repo = tempRepo('audiobook-incident');
    insertLine(repo, WORKERS, 7, '// job-owners-ignore-next-line multiple-owners -- the api processor is being removed');
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code).toBe(0);
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['silent-completion']);
  });

  it('above a producer', () => {
    const repo = tempRepo('audiobook-fixed');
    write(repo, 'apps/api/src/queue/mail.ts', [
      "import { Queue } from 'bullmq';",
      "const mail = new Queue('emails');",
      '// job-owners-ignore-next-line no-consumer -- consumed by the mailer, outside this repo',
      "export const welcome = () => mail.add('welcome', {});",
      '',
    ].join('\n'));
    // The API runs it: its entry calls the producer.
    write(repo, 'apps/api/src/main.ts', `${read(repo, 'apps/api/src/main.ts')}\nimport { welcome } from './queue/mail';\nvoid welcome();\n`);
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code, run.stdout).toBe(0);
    expect(jsonOf(run).summary.suppressed).toBe(1);
    // Without the directive the same repo fails.
    const unsuppressed = read(repo, 'apps/api/src/queue/mail.ts').replace(/^\/\/ job-owners.*\n/m, '');
    write(repo, 'apps/api/src/queue/mail.ts', unsuppressed);
    expect(jobOwners(repo, 'check').code).toBe(1);
  });

  it('a directive without a reason is reported, and suppresses nothing', () => {
    const repo = tempRepo('audiobook-incident');
    insertLine(repo, API, 6, '// job-owners-ignore-next-line multiple-owners');
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code).toBe(1);
    const findings = jsonOf(run).findings;
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['multiple-owners', 'invalid-directive']));
    const invalid = findings.find((f) => f.rule === 'invalid-directive')!;
    expect(invalid.severity).toBe('warn');
    expect(invalid.locations).toEqual([{ file: API, line: 6, column: 1 }]);
    expect(invalid.message).toContain('a reason is required');
  });

  it('an unknown rule in a directive gets a suggestion', () => {
    const repo = tempRepo('audiobook-incident');
    insertLine(repo, API, 6, '// job-owners-ignore-next-line multiple-owner -- migrating');
    const invalid = jsonOf(jobOwners(repo, 'check', '-f', 'json')).findings.find((f) => f.rule === 'invalid-directive')!;
    expect(invalid.message).toContain('unknown rule "multiple-owner". Did you mean "multiple-owners"?');
  });

  it('an unused directive is a warning: it does not fail the run, and the stylish output shows where', () => {
    const repo = tempRepo('audiobook-fixed');
    const file = 'apps/workers/src/workers/audio-generation.worker.ts';
    insertLine(repo, file, 6, '// job-owners-ignore-next-line multiple-owners -- was shared with the api');
    const json = jobOwners(repo, 'check', '-f', 'json');
    expect(json.code).toBe(0);
    const [unused] = jsonOf(json).findings;
    expect(unused).toMatchObject({ rule: 'unused-directive', severity: 'warn', locations: [{ file, line: 6, column: 1 }] });
    expect(unused!.message).toContain('no "multiple-owners" finding on line 7');
    const stylish = jobOwners(repo, 'check');
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toContain(`${file}:6:1`);
    expect(stylish.stdout).toContain('unused-directive');
  });

  it('directive warnings can be made errors in the config', () => {
    const repo = tempRepo('audiobook-fixed');
    insertLine(repo, 'apps/workers/src/workers/audio-generation.worker.ts', 6, '// job-owners-ignore-next-line multiple-owners -- was shared');
    writeJson(repo, '.jobownershiprc.json', { rules: { 'unused-directive': 'error' } });
    expect(jobOwners(repo, 'check').code).toBe(1);
  });
});

describe('config "ignore"', () => {
  it('accepts findings with a reason, and reports entries that match nothing', () => {
    const repo = tempRepo('audiobook-incident');
    writeJson(repo, '.jobownershiprc.json', {
      ignore: [
        { rule: 'silent-completion', queue: 'audio-processing', reason: 'the api processor is being removed' },
        { rule: 'no-consumer', queue: 'emails', reason: 'old' },
      ],
    });
    const run = jobOwners(repo, 'check', '-f', 'json');
    const result = jsonOf(run);
    expect(result.findings.map((f) => f.rule)).toEqual(['multiple-owners', 'unused-directive']);
    expect(result.findings[1]!.message).toContain('Unused ignore entry ignore[1] in .jobownershiprc.json');
    expect(result.summary.suppressed).toBe(1);
  });
});

describe('baseline', () => {
  it('--update-baseline writes identities (rule, queue, job, sorted services), no lines, in stable order', () => {
    const repo = tempRepo('audiobook-incident');
    const run = jobOwners(repo, 'check', '--update-baseline');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`wrote 2 known findings in ${BASELINE}`);
    const text = read(repo, BASELINE);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      findings: [
        { rule: 'multiple-owners', queue: 'audio-processing', job: null, services: ['api', 'workers'] },
        { rule: 'silent-completion', queue: 'audio-processing', job: null, services: ['api'] },
      ],
    });
    expect(text).not.toMatch(/line|column|\.ts/);
    expect(text.endsWith('}\n')).toBe(true);
    // Same bytes on a second run.
    jobOwners(repo, 'check', '--update-baseline');
    expect(read(repo, BASELINE)).toBe(text);
  });

  it('then check suppresses them, says so, and exits 0; JSON summary.suppressed counts them', () => {
    const repo = tempRepo('audiobook-incident');
    jobOwners(repo, 'check', '--update-baseline');
    const run = jobOwners(repo, 'check');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`2 known findings suppressed (${BASELINE})`);
    expect(run.stdout).not.toContain('finding(s)');
    const json = jsonOf(jobOwners(repo, 'check', '-f', 'json'));
    expect(json.findings).toEqual([]);
    expect(json.summary).toEqual({ errors: 0, warnings: 0, suppressed: 2 });
  });

  it('says "1 known finding" in the singular, and counts only what the baseline suppressed', () => {
    const repo = tempRepo('audiobook-incident');
    jobOwners(repo, 'check', '--update-baseline');
    // A directive takes care of silent-completion; its baseline entry is now stale, so prune it.
    insertLine(repo, API, 6, '// job-owners-ignore-next-line silent-completion -- being removed');
    expect(jobOwners(repo, 'check', '--prune-baseline').code).toBe(0);
    const run = jobOwners(repo, 'check');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`1 known finding suppressed (${BASELINE})`);
    expect(jsonOf(jobOwners(repo, 'check', '-f', 'json')).summary.suppressed).toBe(2);
  });

  it('is keyed by identity: moving the code does not invalidate it', () => {
    const repo = tempRepo('audiobook-incident');
    jobOwners(repo, 'check', '--update-baseline');
    insertLine(repo, WORKERS, 1, '// a comment that moves every line down\n');
    insertLine(repo, API, 1, '');
    expect(jobOwners(repo, 'check').code).toBe(0);
  });

  it('new findings are still reported', () => {
    const repo = tempRepo('audiobook-incident');
    jobOwners(repo, 'check', '--update-baseline');
    writeJson(repo, '.jobownershiprc.json', { owners: { 'audio-processing': 'workers' } });
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code).toBe(1);
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['owner-mismatch']);
  });

  it('entries that no longer match fail with exit 2 until pruned', () => {
    const repo = tempRepo('audiobook-incident');
    jobOwners(repo, 'check', '--update-baseline');
    writeJson(repo, '.jobownershiprc.json', { rules: { 'silent-completion': 'off' } });
    const run = jobOwners(repo, 'check');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `job-owners: 1 entry in ${BASELINE} no longer matches any finding: silent-completion audio-processing (api). Run with --prune-baseline to remove it.`,
    );
    expect(run.stderr).not.toMatch(STACK);
    // The findings report is still printed, so the user sees what is suppressed.
    expect(run.stdout).toContain(`1 known finding suppressed (${BASELINE})`);

    const pruned = jobOwners(repo, 'check', '--prune-baseline');
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stderr).toContain(`removed 1 stale entry, kept 1 known finding in ${BASELINE}`);
    expect(JSON.parse(read(repo, BASELINE)).findings).toEqual([
      { rule: 'multiple-owners', queue: 'audio-processing', job: null, services: ['api', 'workers'] },
    ]);
    expect(jobOwners(repo, 'check').code).toBe(0);
  });

  it('several stale entries are listed in the plural', () => {
    const repo = tempRepo('audiobook-fixed');
    writeJson(repo, BASELINE, {
      version: 1,
      findings: [
        { rule: 'multiple-owners', queue: 'audio-processing', job: null, services: ['api', 'workers'] },
        { rule: 'no-consumer', queue: 'emails', job: 'welcome', services: ['api'] },
      ],
    });
    const run = jobOwners(repo, 'check');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`2 entries in ${BASELINE} no longer match any finding: multiple-owners audio-processing (api, workers); no-consumer emails:welcome (api). Run with --prune-baseline to remove them.`);
  });

  it('--prune-baseline never adds new findings', () => {
    const repo = tempRepo('audiobook-incident');
    writeJson(repo, BASELINE, { version: 1, findings: [] });
    expect(jobOwners(repo, 'check', '--prune-baseline').code).toBe(0);
    expect(JSON.parse(read(repo, BASELINE)).findings).toEqual([]);
    expect(jobOwners(repo, 'check').code).toBe(1);
  });

  it('directive warnings are not baselined (they would be stale at once)', () => {
    const repo = tempRepo('audiobook-incident');
    insertLine(repo, WORKERS, 7, '// job-owners-ignore-next-line no-consumer -- nothing here');
    const update = jobOwners(repo, 'check', '--update-baseline');
    expect(update.code).toBe(0);
    expect(JSON.parse(read(repo, BASELINE)).findings.map((f: { rule: string }) => f.rule)).toEqual(['multiple-owners', 'silent-completion']);
    const run = jobOwners(repo, 'check', '-f', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOf(run).findings.map((f) => f.rule)).toEqual(['unused-directive']);
  });

  it('--baseline FILE reads and writes that file instead', () => {
    const repo = tempRepo('audiobook-incident');
    // The folder is created, as for -o outputs.
    expect(jobOwners(repo, 'check', '--baseline', 'ci/known.json', '--update-baseline').code).toBe(0);
    expect(fs.existsSync(path.join(repo, BASELINE))).toBe(false);
    const run = jobOwners(repo, 'check', '--baseline', 'ci/known.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 known findings suppressed (ci/known.json)');
    expect(jobOwners(repo, 'check').code).toBe(1);
  });

  it('--baseline FILE that does not exist is a usage error', () => {
    const repo = tempRepo('audiobook-incident');
    const run = jobOwners(repo, 'check', '--baseline', 'known.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Create it with --update-baseline');
  });

  it('--no-baseline shows everything', () => {
    const repo = tempRepo('audiobook-incident');
    jobOwners(repo, 'check', '--update-baseline');
    expect(jobOwners(repo, 'check', '--no-baseline').code).toBe(1);
  });

  it('a corrupt baseline exits 2 naming it', () => {
    const repo = tempRepo('audiobook-incident');
    write(repo, BASELINE, '{ "version": 1, "findings": [ }');
    const run = jobOwners(repo, 'check');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Baseline .*job-owners-baseline\.json is not valid JSON \(line 1, column \d+/);
    expect(run.stderr).not.toMatch(STACK);
  });

  it('--update-baseline and --prune-baseline together are a usage error', () => {
    const repo = tempRepo('audiobook-incident');
    expect(jobOwners(repo, 'check', '--update-baseline', '--prune-baseline').code).toBe(2);
  });

  it('running from a subfolder uses the baseline of the analysed directory', () => {
    const repo = tempRepo('audiobook-incident');
    jobOwners(repo, 'check', '--update-baseline');
    const run = jobOwners(path.join(repo, 'apps'), 'check', '..');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 known findings suppressed (../job-owners-baseline.json)');
  });
});

describe('severity: --max-warnings and --quiet', () => {
  /** The incident with multiple-owners downgraded: 0 errors, 2 warnings. */
  function warningsOnly(): string {
    const repo = tempRepo('audiobook-incident');
    writeJson(repo, '.jobownershiprc.json', { rules: { 'multiple-owners': 'warn' } });
    return repo;
  }

  it('warnings never fail the run by themselves', () => {
    const run = jobOwners(warningsOnly(), 'check');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/⚠ 2 warnings, no errors/);
  });

  it('--max-warnings N fails (exit 1) only when exceeded', () => {
    const repo = warningsOnly();
    expect(jobOwners(repo, 'check', '--max-warnings', '2').code).toBe(0);
    const over = jobOwners(repo, 'check', '--max-warnings', '1');
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('2 warnings exceed --max-warnings 1');
    expect(jobOwners(repo, 'check', '--max-warnings', '0').code).toBe(1);
  });

  it('--max-warnings must be a whole number', () => {
    const repo = warningsOnly();
    for (const bad of ['-1', 'two', '1.5']) {
      const run = jobOwners(repo, 'check', '--max-warnings', bad);
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toContain('--max-warnings takes a whole number');
    }
  });

  it('--quiet hides warnings from the output, but they still count for --max-warnings', () => {
    const repo = warningsOnly();
    const quiet = jobOwners(repo, 'check', '--quiet');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('silent-completion');
    expect(quiet.stdout).not.toContain('multiple-owners');
    const counted = jobOwners(repo, 'check', '--quiet', '--max-warnings', '1');
    expect(counted.code).toBe(1);
    expect(counted.stderr).toContain('2 warnings exceed --max-warnings 1');
  });

  it('--quiet still shows errors', () => {
    const repo = tempRepo('audiobook-incident');
    const run = jobOwners(repo, 'check', '--quiet');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('multiple-owners');
    expect(run.stdout).not.toContain('silent-completion');
  });

  it('baseline-suppressed warnings do not count', () => {
    const repo = warningsOnly();
    jobOwners(repo, 'check', '--update-baseline');
    expect(jobOwners(repo, 'check', '--max-warnings', '0').code).toBe(0);
  });

  it('errors exit 1 whatever --max-warnings says', () => {
    expect(jobOwners(tempRepo('audiobook-incident'), 'check', '--max-warnings', '100').code).toBe(1);
  });
});
