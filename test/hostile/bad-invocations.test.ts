/**
 * Issue #7.2 and #7.6: a bad invocation exits 2 with one sentence on stderr and nothing on
 * stdout; writing an output is all-or-nothing; a crash we did not foresee is one line, a hint
 * and exit 2 — never Node's stack dump and exit 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/model/to-result.js';
import { cleanup, copyFixture, REPO_ROOT, runMain, spawnCli, tempDir } from './helpers.js';

let repo: string;
let scratch: string;
beforeAll(() => {
  repo = copyFixture('audiobook-fixed');
  scratch = tempDir();
  fs.writeFileSync(path.join(scratch, 'a-file.txt'), 'not a folder\n');
});
afterAll(() => {
  cleanup(repo);
  cleanup(scratch);
});

/** Exit 2, nothing on stdout, exactly one line on stderr, and that line is `expected`. */
async function expectUsage(argv: string[], expected: string | RegExp, cwd = scratch): Promise<void> {
  const run = await runMain(argv, cwd);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l.length > 0);
  expect(lines, run.stderr).toHaveLength(1);
  if (typeof expected === 'string') expect(lines[0]).toBe(expected);
  else expect(lines[0]).toMatch(expected);
}

describe('bad invocations exit 2 with one sentence (issue #7.2)', () => {
  it('a missing directory', () => expectUsage(['check', 'no-such-dir'], 'job-owners: No such directory: no-such-dir'));
  it('a file instead of a directory', () =>
    expectUsage(['check', 'a-file.txt'], 'job-owners: Not a directory: a-file.txt (pass the repository folder, not a file)'));
  it('an unknown flag', () => expectUsage(['check', repo, '--frobnicate'], "job-owners: unknown option '--frobnicate'"));
  it('an unknown format', () =>
    expectUsage(['check', repo, '-f', 'yaml'], 'job-owners: Unknown format "yaml". Use one of: stylish, json, markdown, github, sarif, or the path of a formatter module (-f ./my-formatter.js).'));
  it('an unknown format in name:path form', () =>
    expectUsage(['check', repo, '-f', 'xml:out.xml'], 'job-owners: Unknown format "xml". Use one of: stylish, json, markdown, github, sarif, or the path of a formatter module (-f ./my-formatter.js).'));
  it('a flag missing its value', () => expectUsage(['check', repo, '--format'], "job-owners: option '-f, --format <name[:path]>' argument missing"));
  it('conflicting flags: --update-baseline with --prune-baseline', () =>
    expectUsage(['check', repo, '--update-baseline', '--prune-baseline'], 'job-owners: --update-baseline and --prune-baseline cannot be used together.'));
  it('conflicting flags: --cache with --no-cache', () =>
    expectUsage(['check', repo, '--cache', '--no-cache'], 'job-owners: --cache and --no-cache cannot be used together.'));
  it('conflicting flags: two formats for stdout', () =>
    expectUsage(['check', repo, '-f', 'json', '-f', 'markdown'], 'job-owners: Only one format can go to stdout; give the others a path (-f name:path).'));
  it('conflicting flags: -o with every format already going to a file', () =>
    expectUsage(['check', repo, '-o', 'x.md', '-f', 'json:a.json', '-f', 'markdown:b.md'], 'job-owners: -o/--output needs exactly one format without a path; use -f name:path for several outputs.'));
  it('a bad --max-warnings', () => expectUsage(['check', repo, '--max-warnings', 'many'], 'job-owners: --max-warnings takes a whole number ≥ 0, got "many".'));
  it('an unknown command, taken as a folder that does not exist', () => expectUsage(['frobnicate'], 'job-owners: Unknown command or folder "frobnicate". Commands: check, report, init, explain (see job-owners --help).'));
  it('too many arguments', () => expectUsage(['check', repo, 'extra'], "job-owners: too many arguments for 'check'. Expected 1 argument but got 2."));
});

describe('unwritable outputs exit 2 and leave no partial file (issue #7.2)', () => {
  it('an output under a path that is a file', async () => {
    const target = path.join(scratch, 'a-file.txt', 'report.json');
    await expectUsage(['check', repo, '-f', 'json', '-o', target], `job-owners: Cannot write output to ${target}: a parent path is a file, not a folder.`);
    expect(fs.readFileSync(path.join(scratch, 'a-file.txt'), 'utf8')).toBe('not a folder\n');
  });

  it('an output that is a directory', async () => {
    await expectUsage(['check', repo, '-o', scratch], `job-owners: Cannot write output to ${scratch}: it is a directory.`);
  });

  it('an output in a folder nobody may write (/proc), as root too', async () => {
    await expectUsage(['check', repo, '-f', 'json:/proc/job-owners-report.json'], 'job-owners: Cannot write output to /proc/job-owners-report.json: cannot create a file there.');
  });

  it('a successful write replaces the file whole and leaves no temp file behind', async () => {
    const out = path.join(scratch, 'written');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'report.md'), 'old content that is much longer than nothing '.repeat(1000));
    const run = await runMain(['check', repo, '-f', 'markdown:written/report.md', '-f', 'json:written/result.json'], scratch);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(out).sort()).toEqual(['report.md', 'result.json']);
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).not.toContain('old content');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'result.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('the spawned CLI: exit 2, one line, nothing written', () => {
    const target = path.join(scratch, 'a-file.txt', 'deep', 'report.md');
    const run = spawnCli(['report', repo, '-o', target]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`job-owners: Cannot write output to ${target}: a parent path is a file, not a folder.\n`);
  });
});

describe('crashes we did not foresee (issue #7.6)', () => {
  /** A launcher that runs the real CLI with a fault injected outside `main`'s try/catch. */
  function launch(fault: string, args: string[]): ReturnType<typeof spawnSync> {
    const script = path.join(scratch, `launch-${Math.random().toString(36).slice(2)}.mjs`);
    const entry = pathToFileURL(path.join(REPO_ROOT, 'dist/cli/run-from-process.js')).href;
    fs.writeFileSync(script, `const m = await import(${JSON.stringify(entry)});\n${fault}\nawait m.runFromProcess();\n`);
    return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 60_000 });
  }

  it('an exception thrown asynchronously: one line, a hint, exit 2', () => {
    const run = launch("setTimeout(() => { throw new Error('late boom\\nsecond line'); }, 0);", ['check', repo]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`job-owners ${TOOL_VERSION} crashed: late boom\nRerun with --debug for the stack trace, and please report it with that output.\n`);
  });

  it('a rejected promise nobody awaited, with --debug: the stack trace instead of the hint', () => {
    const run = launch("Promise.reject(new Error('nobody awaited me'));", ['check', repo, '--debug']);
    expect(run.status).toBe(2);
    const lines = String(run.stderr).split('\n');
    expect(lines[0]).toBe(`job-owners ${TOOL_VERSION} crashed: nobody awaited me`);
    expect(lines[1]).toBe('Error: nobody awaited me');
    expect(lines[2]).toMatch(/^\s+at /);
  });

  it('a reader that goes away (`| head`) is not a crash: no EPIPE stack, the exit code of the findings', () => {
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `"${process.execPath}" "${path.join(REPO_ROOT, 'bin/job-owners.js')}" check "${repo}" --format json | (exec 0<&-; sleep 0); exit \${PIPESTATUS[0]}`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/EPIPE|crashed|^\s+at /m);
    expect(run.status).toBe(0);
  });
});
