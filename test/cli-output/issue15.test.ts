/**
 * Issue 15 through the real CLI: a report that survives edits which do not change ownership,
 * custom formatters, --output-file, --print-config, help text, explain --no-color, outputs
 * written through symlinks with their mode kept, TS configs importing sibling files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, jobOwners, listFiles } from './helpers.js';

const temps: string[] = [];
const fresh = (name = 'awkward-names') => {
  const dir = copyFixture(name);
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('a committed report is stable under edits that do not change ownership', () => {
  it('inserting a comment line above a producer leaves `report` unchanged and --check passes', async () => {
    const repo = fresh();
    expect((await jobOwners(['report', '-o', 'OWNERSHIP.md', '--no-cache'], { cwd: repo })).code).toBe(0);
    const before = fs.readFileSync(path.join(repo, 'OWNERSHIP.md'), 'utf8');
    const producer = path.join(repo, 'apps/api/src/main.ts');
    const text = fs.readFileSync(producer, 'utf8');
    fs.writeFileSync(producer, text.replace('export async function onSignup', '// a comment that moves every producer below it\n\nexport async function onSignup'));
    // The lines did move: the JSON result says so…
    const json = JSON.parse((await jobOwners(['check', '-f', 'json', '--no-cache'], { cwd: repo })).stdout);
    expect(json.queues.flatMap((q: { producers: { line: number }[] }) => q.producers.map((p) => p.line))).toContain(11);
    // …the report does not.
    const check = await jobOwners(['report', '--check', '-o', 'OWNERSHIP.md', '--no-cache'], { cwd: repo });
    expect(check).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await jobOwners(['report', '--no-cache'], { cwd: repo })).stdout).toBe(before);
  });

  it('an edit that changes ownership makes --check fail with the diff', async () => {
    const repo = fresh();
    await jobOwners(['report', '-o', 'OWNERSHIP.md'], { cwd: repo });
    const producer = path.join(repo, 'apps/api/src/main.ts');
    fs.writeFileSync(producer, fs.readFileSync(producer, 'utf8').replace("await exports.add('digest\\nweekly', { accountId });", ''));
    const check = await jobOwners(['report', '--check', '-o', 'OWNERSHIP.md', '--no-cache'], { cwd: repo });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^--- a\/OWNERSHIP\.md\n\+\+\+ b\/OWNERSHIP\.md\n@@ /);
    expect(check.stdout).toContain('\n-| [`exports`](#queue-exports) |');
  });
});

describe('custom formatters: -f ./my-formatter.js', () => {
  it('loads a module whose default export is (result, context) => string, to stdout or a file', async () => {
    const repo = fresh();
    fs.writeFileSync(path.join(repo, 'count.mjs'), "export default (result, context) => `${result.findings.length} findings, color=${context.color}\\n`;\n");
    fs.writeFileSync(path.join(repo, 'names.cjs'), "module.exports = async (result) => result.queues.map((q) => q.queue).join(',') + '\\n';\n");
    const run = await jobOwners(['check', '-f', './count.mjs', '-f', './names.cjs:out/names.txt'], { cwd: repo });
    expect(run).toEqual({ code: 1, stdout: '3 findings, color=false\n', stderr: '' });
    expect(fs.readFileSync(path.join(repo, 'out/names.txt'), 'utf8')).toBe('exports,notifications\n');
  });

  it.each([
    ['missing.mjs', null, 'job-owners: Cannot load formatter ./missing.mjs: no such file.\n'],
    ['none.mjs', 'export const x = 1;\n', 'job-owners: Formatter ./none.mjs exports no function; export one as default: `export default (result) => string`.\n'],
    ['throws.mjs', "export default () => { throw new Error('boom'); };\n", 'job-owners: Formatter ./throws.mjs threw: boom\n'],
    ['number.mjs', 'export default () => 42;\n', 'job-owners: Formatter ./number.mjs returned number, not a string.\n'],
  ])('%s is a usage error (exit 2) and writes nothing', async (file, text, message) => {
    const repo = fresh();
    if (text !== null) fs.writeFileSync(path.join(repo, file), text);
    const before = listFiles(repo);
    const run = await jobOwners(['check', '-f', 'json:out.json', '-f', `./${file}`], { cwd: repo });
    expect(run).toEqual({ code: 2, stdout: '', stderr: message });
    expect(listFiles(repo)).toEqual(before);
  });
});

describe('output files', () => {
  it('--output-file is -o; giving both is a usage error', async () => {
    const repo = fresh();
    expect((await jobOwners(['report', '--output-file', 'OWNERSHIP.md'], { cwd: repo })).code).toBe(0);
    expect(fs.readFileSync(path.join(repo, 'OWNERSHIP.md'), 'utf8')).toMatch(/^# Job ownership report/);
    const both = await jobOwners(['report', '-o', 'a.md', '--output-file', 'b.md'], { cwd: repo });
    expect(both).toEqual({ code: 2, stdout: '', stderr: 'job-owners: -o/--output and --output-file are the same option; give one.\n' });
  });

  it('writes through a symlink (the link stays a link) and keeps the file mode', async () => {
    const repo = fresh();
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.writeFileSync(path.join(repo, 'docs/OWNERSHIP.md'), 'old\n', { mode: 0o600 });
    fs.chmodSync(path.join(repo, 'docs/OWNERSHIP.md'), 0o600);
    fs.symlinkSync('docs/OWNERSHIP.md', path.join(repo, 'OWNERSHIP.md'));
    expect((await jobOwners(['report', '-o', 'OWNERSHIP.md'], { cwd: repo })).code).toBe(0);
    expect(fs.lstatSync(path.join(repo, 'OWNERSHIP.md')).isSymbolicLink()).toBe(true);
    const target = path.join(repo, 'docs/OWNERSHIP.md');
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^# Job ownership report/);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(listFiles(repo).filter((f) => /tmp|\.\d+$/.test(path.basename(f)))).toEqual([]);
  });
});

describe('configuration', () => {
  it('--print-config prints the resolved config (comments allowed in .json) and exits without analysing', async () => {
    const repo = fresh();
    fs.writeFileSync(path.join(repo, '.jobownershiprc.json'), '{\n  // the contract\n  "owners": { "notifications": "@postbox/notifier", },\n}\n');
    const run = await jobOwners(['check', '--print-config'], { cwd: repo });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const config = JSON.parse(run.stdout);
    expect(config).toMatchObject({ filepath: '.jobownershiprc.json', owners: { notifications: '@postbox/notifier' }, rules: {}, ignore: [] });
  });

  it('a TypeScript config can import a sibling .ts file (loaded with jiti)', async () => {
    const repo = fresh();
    fs.writeFileSync(path.join(repo, 'owners.ts'), "export const OWNERS: Record<string, string> = { notifications: '@postbox/notifier' };\n");
    fs.writeFileSync(path.join(repo, 'job-owners.config.ts'), "import { OWNERS } from './owners';\nexport default { owners: OWNERS, rules: { 'orphan-handler': 'off' as const } };\n");
    const run = await jobOwners(['check', '--print-config'], { cwd: repo });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ filepath: 'job-owners.config.ts', owners: { notifications: '@postbox/notifier' }, rules: { 'orphan-handler': 'off' } });
  });
});

describe('help and flags', () => {
  it('--help lists --debug, --output-file and --print-config, and shows no "(default: [])"', async () => {
    const run = await jobOwners(['check', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--debug');
    expect(run.stdout).toContain('--output-file <file>');
    expect(run.stdout).toContain('--print-config');
    expect(run.stdout).not.toContain('(default: [])');
    const top = await jobOwners(['--help']);
    expect(top.stdout).toContain('explain-rule');
  });

  it('explain accepts --no-color and --color like check', async () => {
    const cwd = fresh();
    for (const flag of ['--no-color', '--color']) {
      const run = await jobOwners(['explain', 'notifications', flag], { cwd });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Queue "notifications"/);
    }
  });
});
