/**
 * Issue #6 item 5: as a dependency. `npm pack` produces a package that installs into a fresh
 * scratch project and runs there as `npx job-owners check`, and imports as `job-owners`.
 *
 * dist/ is built by `pretest`; `npm pack` would run `prepare` (another full tsc build, ~8 s), so it
 * runs with --ignore-scripts and the test asserts the build output exists first.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/**
 * The child environment: quiet npm, and none of the lifecycle variables an enclosing `npm test`
 * sets (npm_package_*, npm_lifecycle_*, npm_config_local_prefix, INIT_CWD …), which describe
 * /work/main rather than the scratch project. User/global npm config (cache, registry, proxy) stays.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const k = key.toLowerCase();
    if (k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_') || k === 'npm_config_local_prefix' || k === 'npm_package_json' || k === 'init_cwd') continue;
    env[key] = value;
  }
  env.npm_config_loglevel = 'error';
  env.npm_config_update_notifier = 'false';
  env.NO_COLOR = '1';
  delete env.FORCE_COLOR;
  delete env.GITHUB_ACTIONS; // the CLI would otherwise default to the `github` format
  return env;
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(cmd, args, {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    shell: process.platform === 'win32', // .cmd shims need a shell on Windows
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

function describeFailure(what: string, r: SpawnSyncReturns<string>): string {
  return `${what} exited ${r.status} (signal ${r.signal})\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

const tmpDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm pack → install into a scratch project', () => {
  it('packs the right files, installs, and runs as `npx job-owners` and `import("job-owners")`', { timeout: 180_000 }, () => {
    for (const built of ['dist/cli/main.js', 'dist/cli/run-from-process.js', 'dist/index.js', 'dist/index.d.ts']) {
      expect(existsSync(path.join(repoRoot, built)), `${built} missing: run \`npm run build\` first`).toBe(true);
    }

    // 1. Pack.
    const packDir = tempDir('job-owners-pack-');
    const pack = run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], repoRoot);
    expect(pack.status, describeFailure('npm pack', pack)).toBe(0);
    const packed = (JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string; mode: number }> }>)[0];
    if (!packed) throw new Error(`npm pack --json printed no package:\n${pack.stdout}`);
    const tarball = path.join(packDir, packed.filename);
    expect(existsSync(tarball)).toBe(true);

    // 2. The file list.
    const files = packed.files.map((f) => f.path.replace(/\\/g, '/'));
    const required = [
      'bin/job-owners.js', 'dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts', 'schema.json', 'README.md', 'LICENSE', 'package.json',
      // Issue 15: what the README links and the CLI reads must ship too.
      '.jobownershiprc.example.json', 'result.schema.json', 'action.yml', 'docs/rules/README.md', 'docs/rules/multiple-owners.md',
    ];
    for (const file of required) {
      expect(files, `tarball lacks ${file}`).toContain(file);
    }
    const leaked = files.filter((f) => /^(src|test|fixtures|bench|scripts|node_modules)\//.test(f));
    expect(leaked, 'source, tests, fixtures or bench leaked into the tarball').toEqual([]);
    const bin = packed.files.find((f) => f.path === 'bin/job-owners.js')!;
    if (process.platform !== 'win32') expect(bin.mode & 0o111, 'bin/job-owners.js is not executable in the tarball').not.toBe(0);

    // 3. Install into a fresh scratch project.
    const scratch = tempDir('job-owners-scratch-');
    writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }, null, 2) + '\n');
    const install = run(npm, ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], scratch);
    expect(install.status, describeFailure('npm install <tarball>', install)).toBe(0);
    expect(existsSync(path.join(scratch, 'node_modules/job-owners/package.json'))).toBe(true);
    // typescript is a devDependency: it must not be installed, and nothing below may need it.
    expect(existsSync(path.join(scratch, 'node_modules/typescript')), 'typescript got installed as a runtime dependency').toBe(false);

    cpSync(path.join(repoRoot, 'fixtures/audiobook-incident'), path.join(scratch, 'repo'), { recursive: true });

    // `--no --`: use the installed bin, never install a `job-owners` from the registry (without `--`,
    // npx reads a bare `--no job-owners --version` as its own --version and prints npm's).
    const check = run(npx, ['--no', '--', 'job-owners', 'check', 'repo', '--format', 'json'], scratch);
    expect(check.status, describeFailure('npx job-owners check', check)).toBe(1);
    const result = JSON.parse(check.stdout) as {
      schemaVersion: number;
      findings: Array<{ rule: string; queue: string; services: string[] }>;
    };
    expect(result.schemaVersion).toBe(1);
    const multiple = result.findings.find((f) => f.rule === 'multiple-owners' && f.queue === 'audio-processing');
    expect(multiple, `no multiple-owners finding on audio-processing in ${check.stdout}`).toBeDefined();
    expect(multiple!.services).toEqual(expect.arrayContaining(['api', 'workers']));

    const version = run(npx, ['--no', '--', 'job-owners', '--version'], scratch);
    expect(version.status, describeFailure('npx job-owners --version', version)).toBe(0);
    expect(version.stdout.trim()).toBe('1.0.0');

    // 4. The library entry point (and the schema export) resolve from the scratch project.
    const imported = run(process.execPath, ['--input-type=module', '-e', "import('job-owners').then(m => console.log(typeof m.analyze, typeof m.defineConfig))"], scratch);
    expect(imported.status, describeFailure('import("job-owners")', imported)).toBe(0);
    expect(imported.stdout.trim()).toBe('function function');

    const schema = run(process.execPath, ['--input-type=module', '-e', "import('job-owners/schema.json', { with: { type: 'json' } }).then(m => console.log(typeof m.default))"], scratch);
    expect(schema.status, describeFailure('import("job-owners/schema.json")', schema)).toBe(0);
    expect(schema.stdout.trim()).toBe('object');

    mkdirSync(path.join(scratch, 'empty')); // sanity: a clean project exits 0
    const clean = run(npx, ['--no', '--', 'job-owners', 'check', 'empty', '--format', 'json'], scratch);
    expect(clean.status, describeFailure('npx job-owners check empty', clean)).toBe(0);
  });
});
