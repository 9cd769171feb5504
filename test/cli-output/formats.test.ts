/**
 * Every text format through the real CLI, compared with full golden strings
 * (test/cli-output/expected/*): the SPEC §1 incident, and a repo whose job names hold `:`, `,`,
 * `%` and a newline. Runs with cwd = the fixture, so paths are repo-relative.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, jobOwnersOnce as jobOwners, REPO_ROOT } from './helpers.js';

const expected = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test/cli-output/expected', name), 'utf8');
const fixture = (name: string) => path.join(REPO_ROOT, 'fixtures', name);
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe.concurrent.each(['audiobook-incident', 'awkward-names'])('fixtures/%s', (name) => {
  const cwd = fixture(name);

  it('stylish is the default off a terminal: exact output, exit 1, nothing on stderr', async () => {
    const run = await jobOwners(['check'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(expected(`${name}.stylish.txt`));
  });

  it('github: exact annotations, exit 1', async () => {
    const run = await jobOwners(['check', '--format', 'github'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(expected(`${name}.github.txt`));
  });

  it('report: exact markdown on stdout, exit 0 even with error findings', async () => {
    const run = await jobOwners(['report'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(expected(`${name}.report.md`));
  });
});

describe.concurrent('awkward names stay one token per name', () => {
  const cwd = fixture('awkward-names');

  it('github: one line per annotation; `%` and the newline escaped in the message, `:` and `,` kept', async () => {
    const run = await jobOwners(['check', '-f', 'github'], { cwd });
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines.map((l) => l.slice(0, l.indexOf('::', 2)))).toEqual([
      '::error file=apps/api/src/main.ts,line=18,col=9,title=job-owners(no-consumer)',
      '::error file=apps/api/src/main.ts,line=14,col=9,title=job-owners(unhandled-job)',
      '::warning file=apps/notifier/src/main.ts,line=18,col=12,title=job-owners(orphan-handler)',
    ]);
    expect(lines[0]).toContain('Job "digest%0Aweekly" is added to queue "exports"');
    expect(lines[1]).toContain('Job "promo-50%25" is added');
    expect(lines[1]).toContain('Its consumers handle "digest%0Aweekly", "email:welcome", "sms,push"');
    expect(run.stdout).not.toMatch(/%(?!25|0A)/); // every literal % is escaped
  });

  it('markdown: names are code spans in tables; the newline is shown as \\n, never splits a row', async () => {
    const run = await jobOwners(['report'], { cwd });
    const rows = run.stdout.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| `digest\\nweekly`',
      '| `digest\\nweekly`',
      '| `email:welcome`',
      '| `promo-50%`',
      '| `sms,push`',
    ]);
    for (const row of rows) expect(row.endsWith(' |')).toBe(true);
    // One aggregated edge per producing service, labelled with its number of job types.
    expect(run.stdout).toContain('s__0040postbox_002fapi -->|"3 job types"| q_notifications');
  });

  it('json keeps the real names (the newline is a newline)', async () => {
    const run = await jobOwners(['check', '-f', 'json'], { cwd });
    const result = JSON.parse(run.stdout);
    expect(result.jobs.map((j: { queue: string; name: string; status: string }) => [j.queue, j.name, j.status])).toEqual([
      ['exports', 'digest\nweekly', 'no-consumer'],
      ['notifications', 'digest\nweekly', 'orphan'],
      ['notifications', 'email:welcome', 'ok'],
      ['notifications', 'promo-50%', 'unhandled'],
      ['notifications', 'sms,push', 'ok'],
    ]);
    expect(result.findings.map((f: { rule: string; job: string }) => [f.rule, f.job])).toEqual([
      ['no-consumer', 'digest\nweekly'],
      ['unhandled-job', 'promo-50%'],
      ['orphan-handler', 'digest\nweekly'],
    ]);
  });

  it('sarif: one result per finding, the message keeps the real name', async () => {
    const run = await jobOwners(['check', '-f', 'sarif'], { cwd });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0].results as { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }[];
    expect(results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri, r.locations[0]?.physicalLocation.region])).toEqual([
      ['no-consumer', 'apps/api/src/main.ts', { startLine: 18, startColumn: 9 }],
      ['unhandled-job', 'apps/api/src/main.ts', { startLine: 14, startColumn: 9 }],
      ['orphan-handler', 'apps/notifier/src/main.ts', { startLine: 18, startColumn: 12 }],
    ]);
    expect(results[0]?.message.text).toContain('Job "digest\nweekly" is added');
  });
});

describe.concurrent('paths are relative to the analysed folder in every format', () => {
  it('stylish run from the repository root: the same lines, after one saying which folder', async () => {
    const run = await jobOwners(['check', 'fixtures/awkward-names']);
    expect(run.stdout).toBe(`Paths are relative to fixtures/awkward-names/\n\n${expected('awkward-names.stylish.txt')}`);
  });

  it('json, sarif, github and markdown from the repository root name the same paths as from the fixture', async () => {
    const fromRoot = await jobOwners(['check', 'fixtures/awkward-names', '-f', 'json']);
    const fromFixture = await jobOwners(['check', '-f', 'json'], { cwd: fixture('awkward-names') });
    expect(fromRoot.stdout).toBe(fromFixture.stdout);
    const github = await jobOwners(['check', 'fixtures/awkward-names', '-f', 'github']);
    expect(github.stdout).toBe(expected('awkward-names.github.txt'));
    const sarifRoot = await jobOwners(['check', 'fixtures/awkward-names', '-f', 'sarif']);
    const sarifFixture = await jobOwners(['check', '-f', 'sarif'], { cwd: fixture('awkward-names') });
    expect(sarifRoot.stdout).toBe(sarifFixture.stdout);
    // Markdown link *targets* start where the report is (here the cwd); the shown text does not.
    const report = await jobOwners(['report', 'fixtures/awkward-names']);
    expect(report.stdout).toContain('- [apps/api/src/main.ts](fixtures/awkward-names/apps/api/src/main.ts)');
  });
});

describe.concurrent('colour', () => {
  const cwd = fixture('awkward-names');
  const RED_ERROR = '\u001b[31merror\u001b[39m';

  it('FORCE_COLOR=1 colours a pipe; stripping the codes gives the plain golden', async () => {
    const run = await jobOwners(['check'], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(run.stdout).toContain(RED_ERROR);
    expect(run.stdout).toContain('\u001b[4mqueue "notifications"\u001b[24m');
    expect(stripAnsi(run.stdout)).toBe(expected('awkward-names.stylish.txt'));
  });

  it.each([
    ['NO_COLOR=1 (the helper default)', {}, []],
    ['NO_COLOR=1 beats FORCE_COLOR=1', { NO_COLOR: '1', FORCE_COLOR: '1' }, []],
    ['--no-color beats FORCE_COLOR=1', { NO_COLOR: undefined, FORCE_COLOR: '1' }, ['--no-color']],
    ['a pipe without NO_COLOR or FORCE_COLOR', { NO_COLOR: undefined }, []],
    ['FORCE_COLOR=0', { NO_COLOR: undefined, FORCE_COLOR: '0' }, []],
  ])('%s: plain text', async (_label, env, flags) => {
    const run = await jobOwners(['check', ...flags], { cwd, env });
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.stdout).toBe(expected('awkward-names.stylish.txt'));
  });

  it('--color beats NO_COLOR', async () => {
    const run = await jobOwners(['check', '--color'], { cwd, env: { NO_COLOR: '1' } });
    expect(run.stdout).toContain(RED_ERROR);
  });

  it('--color never colours the github format', async () => {
    const run = await jobOwners(['check', '-f', 'github', '--color'], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(run.stdout).toBe(expected('awkward-names.github.txt'));
  });
});
