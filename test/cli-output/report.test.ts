/**
 * `job-owners report` and file outputs through the real CLI, in throwaway copies of the
 * awkward-names fixture: `-o` (atomic, no temp file left), `--check` current/stale/missing,
 * links relative to the output file's folder, several `-f name:path` outputs in one run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSI, copyFixture, jobOwners, listFiles, REPO_ROOT } from './helpers.js';

const expected = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test/cli-output/expected', name), 'utf8');
const REPORT = expected('awkward-names.report.md');
const temps: string[] = [];
const fresh = () => {
  const dir = copyFixture('awkward-names');
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('report -o FILE and report --check', () => {
  let repo: string;
  let before: string[];
  beforeAll(async () => {
    repo = fresh();
    before = listFiles(repo);
    const run = await jobOwners(['report', '-o', 'OWNERSHIP.md'], { cwd: repo });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('writes exactly the report, and nothing else (no temp file left behind)', () => {
    expect(fs.readFileSync(path.join(repo, 'OWNERSHIP.md'), 'utf8')).toBe(REPORT);
    expect(listFiles(repo)).toEqual([...before, 'OWNERSHIP.md'].sort());
  });

  it('is deterministic: a second run rewrites the same bytes', async () => {
    const run = await jobOwners(['report', '-o', 'OWNERSHIP.md'], { cwd: repo });
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(repo, 'OWNERSHIP.md'), 'utf8')).toBe(REPORT);
    expect(listFiles(repo)).toEqual([...before, 'OWNERSHIP.md'].sort());
  });

  it('--check exits 0 silently when the committed file is current', async () => {
    const run = await jobOwners(['report', '--check', '-o', 'OWNERSHIP.md'], { cwd: repo });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--check exits 1 with the unified diff on stdout and a one-line hint, and leaves the file alone', async () => {
    const stale = path.join(repo, 'STALE.md');
    fs.writeFileSync(stale, REPORT.replace('2 errors', '1 error'));
    const run = await jobOwners(['report', '--check', '-o', 'STALE.md'], { cwd: repo });
    expect(run).toEqual({
      code: 1,
      stdout: [
        '--- a/STALE.md',
        '+++ b/STALE.md',
        '@@ -1,6 +1,6 @@',
        ' # Job ownership report',
        ' ',
        '-2 services · 2 queues · 5 job types · 1 error · 1 warning',
        '+2 services · 2 queues · 5 job types · 2 errors · 1 warning',
        ' ',
        ' ## Overview',
        ' ',
        '',
      ].join('\n'),
      stderr: 'job-owners: STALE.md is out of date; run `job-owners report -o STALE.md` and commit it.\n',
    });
    expect(fs.readFileSync(stale, 'utf8')).toBe(REPORT.replace('2 errors', '1 error'));
  });

  it('--check exits 1 when the file is missing (the diff adds it whole), and does not create it', async () => {
    const run = await jobOwners(['report', '--check', '-o', 'docs/NOPE.md'], { cwd: repo });
    // Links in a report under docs/ start from docs/.
    const added = REPORT.replaceAll('](apps/', '](../apps/').split('\n').slice(0, -1);
    expect(run).toEqual({
      code: 1,
      stdout: ['--- /dev/null', '+++ b/docs/NOPE.md', `@@ -0,0 +1,${added.length} @@`, ...added.map((l) => `+${l}`), ''].join('\n'),
      stderr: 'job-owners: docs/NOPE.md is missing; run `job-owners report -o docs/NOPE.md` and commit it.\n',
    });
    expect(fs.existsSync(path.join(repo, 'docs'))).toBe(false);
  });

  it('--check without -o is a usage error (exit 2)', async () => {
    const run = await jobOwners(['report', '--check'], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('job-owners: report --check needs -o FILE: the committed report to compare with.\n');
  });
});

describe('links are relative to the output file', () => {
  let repo: string;
  const nested = 'docs/ownership/OWNERSHIP.md';
  beforeAll(async () => {
    repo = fresh();
    const run = await jobOwners(['report', '-o', nested], { cwd: repo });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a report in docs/ownership/ links to ../../apps/…', () => {
    const text = fs.readFileSync(path.join(repo, nested), 'utf8');
    expect(text).toBe(REPORT.replaceAll('](apps/', '](../../apps/'));
    expect(text).toContain('[apps/api/src/main.ts](../../apps/api/src/main.ts)');
    expect(text).not.toMatch(/#L\d/); // no line numbers: the report survives edits that move lines
    // Every file link resolves to a real file from the report's folder.
    for (const [, target] of text.matchAll(/\]\(((?:\.\.\/)+apps\/[^)]+)\)/g)) {
      expect(fs.existsSync(path.resolve(path.dirname(path.join(repo, nested)), decodeURI(target!))), target).toBe(true);
    }
  });

  it('the bytes do not depend on the cwd: --check from a subfolder with the dir argument passes', async () => {
    const run = await jobOwners(['report', '../..', '--check', '-o', `../../${nested}`], { cwd: path.join(repo, 'apps/api') });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('the stale hint from a subfolder keeps the dir argument, so pasting it regenerates the same file', async () => {
    fs.appendFileSync(path.join(repo, nested), '\nedited by hand\n');
    const cwd = path.join(repo, 'apps/api');
    const run = await jobOwners(['report', '../..', '--check', '-o', `../../${nested}`], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`job-owners: ../../${nested} is out of date; run \`job-owners report ../.. -o ../../${nested}\` and commit it.\n`);
    const regenerate = await jobOwners(['report', '../..', '-o', `../../${nested}`], { cwd });
    expect(regenerate.code).toBe(0);
    expect(fs.readFileSync(path.join(repo, nested), 'utf8')).toBe(REPORT.replaceAll('](apps/', '](../../apps/'));
  });
});

describe.concurrent('several outputs in one run', () => {
  it('-f stylish -f markdown:OWNERSHIP.md -f sarif:job-owners.sarif -f json:out/result.json', async () => {
    const repo = fresh();
    const before = listFiles(repo);
    const run = await jobOwners(
      ['check', '-f', 'stylish', '-f', 'markdown:OWNERSHIP.md', '-f', 'sarif:job-owners.sarif', '-f', 'json:out/result.json'],
      { cwd: repo, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(ANSI); // stdout is a forced-colour stylish…
    expect(run.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(expected('awkward-names.stylish.txt'));
    // …while files never get colour, and markdown from `check` is the same bytes as `report`.
    expect(fs.readFileSync(path.join(repo, 'OWNERSHIP.md'), 'utf8')).toBe(REPORT);
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'job-owners.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['no-consumer', 'unhandled-job', 'orphan-handler']);
    const json = JSON.parse(fs.readFileSync(path.join(repo, 'out/result.json'), 'utf8'));
    expect(json.summary).toEqual({ errors: 2, warnings: 1, suppressed: 0 });
    expect(listFiles(repo)).toEqual([...before, 'OWNERSHIP.md', 'job-owners.sarif', 'out/result.json'].sort());
  });

  it('-o FILE writes the single (default) format without colour, stdout stays empty', async () => {
    const repo = fresh();
    const run = await jobOwners(['check', '-o', 'lint.txt', '--color'], { cwd: repo });
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(fs.readFileSync(path.join(repo, 'lint.txt'), 'utf8')).toBe(expected('awkward-names.stylish.txt'));
  });

  it.each([
    [['-f', 'stylish', '-f', 'json'], 'job-owners: Only one format can go to stdout; give the others a path (-f name:path).\n'],
    [['-f', 'stylish', '-f', 'json', '-o', 'x.txt'], 'job-owners: -o/--output needs exactly one format without a path; use -f name:path for several outputs.\n'],
    [['-f', 'markdown:'], 'job-owners: -f markdown: has no path after ":"; use -f markdown for stdout or -f markdown:FILE.\n'],
    [['-f', 'xml'], 'job-owners: Unknown format "xml". Use one of: stylish, json, markdown, github, sarif, or the path of a formatter module (-f ./my-formatter.js).\n'],
  ])('%j is a usage error (exit 2) and writes nothing', async (flags, message) => {
    const run = await jobOwners(['check', 'fixtures/awkward-names', ...flags]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: message });
    expect(fs.existsSync(path.join(REPO_ROOT, 'x.txt'))).toBe(false);
  });

  it('-o pointing at a directory is a usage error, and no temp file is left in it', async () => {
    const repo = fresh();
    fs.mkdirSync(path.join(repo, 'docs'));
    const run = await jobOwners(['report', '-o', 'docs'], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`job-owners: Cannot write output to ${path.join(repo, 'docs')}: it is a directory.\n`);
    expect(fs.readdirSync(path.join(repo, 'docs'))).toEqual([]);
    expect(listFiles(repo).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
