import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { UsageError } from '../../src/errors/job-owners-error.js';
import { tempRepo } from './helpers.js';

/** The UsageError loadConfig rejects with (fails the test if it resolves or throws something else). */
async function loadError(options: Parameters<typeof loadConfig>[0]): Promise<UsageError> {
  const error = await loadConfig(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('loadConfig: finding the file', () => {
  it('finds .jobownershiprc.json from a subfolder, up to the repository root', async () => {
    const root = tempRepo({ '.jobownershiprc.json': '{ "owners": { "emails": "workers" } }' });
    const cwd = path.join(root, 'apps', 'api', 'src');
    mkdirSync(cwd, { recursive: true });
    const config = await loadConfig({ cwd });
    expect(config.filepath).toBe(path.join(root, '.jobownershiprc.json'));
    expect(config.owners).toEqual({ emails: 'workers' });
  });

  it('does not look above the repository root (.git)', async () => {
    const outer = tempRepo({ '.jobownershiprc.json': '{ "owners": { "x": "y" } }' });
    const inner = path.join(outer, 'vendor', 'other-repo');
    mkdirSync(path.join(inner, '.git'), { recursive: true });
    expect(await loadConfig({ cwd: inner })).toEqual(EMPTY_CONFIG);
  });

  it('honours an explicit stopDir', async () => {
    const root = tempRepo({ '.jobownershiprc.json': '{ "owners": { "x": "y" } }' });
    const cwd = path.join(root, 'apps', 'api');
    mkdirSync(cwd, { recursive: true });
    expect((await loadConfig({ cwd, stopDir: path.join(root, 'apps') })).filepath).toBeNull();
  });

  it('prefers the nearest directory', async () => {
    const root = tempRepo({
      '.jobownershiprc.json': '{ "owners": { "root": "a" } }',
      'apps/api/.jobownershiprc.yaml': 'owners:\n  near: b\n',
    });
    const config = await loadConfig({ cwd: path.join(root, 'apps', 'api') });
    expect(config.owners).toEqual({ near: 'b' });
  });

  it('reads the "jobOwners" key of package.json and skips a package.json without it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', jobOwners: { exclude: ['tools/**'] } }),
      'apps/api/package.json': JSON.stringify({ name: 'api' }),
    });
    const config = await loadConfig({ cwd: path.join(root, 'apps', 'api') });
    expect(config.filepath).toBe(path.join(root, 'package.json'));
    expect(config.exclude).toEqual(['tools/**']);
  });

  it('reads .jobownershiprc as YAML or JSON', async () => {
    const yamlRoot = tempRepo({ '.jobownershiprc': 'include:\n  - "apps/**"\n' });
    expect((await loadConfig({ cwd: yamlRoot })).include).toEqual(['apps/**']);
    const jsonRoot = tempRepo({ '.jobownershiprc': '{ "include": ["libs/**"] }' });
    expect((await loadConfig({ cwd: jsonRoot })).include).toEqual(['libs/**']);
  });

  it('returns the defaults when there is no config', async () => {
    const root = tempRepo();
    expect(await loadConfig({ cwd: root })).toEqual(EMPTY_CONFIG);
  });

  it('treats an empty JSON/YAML file as an empty config', async () => {
    const root = tempRepo({ '.jobownershiprc.yml': '# nothing yet\n' });
    const config = await loadConfig({ cwd: root });
    expect(config.rules).toEqual({});
  });

  it('--no-config ignores every file', async () => {
    const root = tempRepo({ '.jobownershiprc.json': '{ "rulez": {} }' });
    const config = await loadConfig({ cwd: root, noConfig: true });
    expect(config).toEqual(EMPTY_CONFIG);
    config.include.push('mutated');
    expect(EMPTY_CONFIG.include).toEqual([]);
  });

  it('--config loads exactly that file, skipping the search', async () => {
    const root = tempRepo({
      '.jobownershiprc.json': '{ "rulez": {} }',
      'ci/job-owners.yaml': 'rules:\n  orphan-handler: off\n',
    });
    const config = await loadConfig({ cwd: root, configFile: path.join(root, 'ci', 'job-owners.yaml') });
    expect(config.rules).toEqual({ 'orphan-handler': 'off' });
  });

  it('--config with a file that does not exist', async () => {
    const root = tempRepo();
    const file = path.join(root, 'missing.json');
    const error = await loadError({ cwd: root, configFile: file });
    expect(error.message).toBe(`Config file not found: ${file}`);
    expect(error.code).toBe('JO-CFG-003');
  });

  it('--config pointing at package.json without the key', async () => {
    const root = tempRepo({ 'package.json': '{ "name": "x" }' });
    const error = await loadError({ cwd: root, configFile: path.join(root, 'package.json') });
    expect(error.message).toBe(`Config file ${path.join(root, 'package.json')} has no "jobOwners" key.`);
  });
});

describe('loadConfig: code configs', () => {
  it('loads an ESM .mjs config', async () => {
    const root = tempRepo({ 'job-owners.config.mjs': 'export default { owners: { emails: "workers" } };\n' });
    expect((await loadConfig({ cwd: root })).owners).toEqual({ emails: 'workers' });
  });

  it('loads a CommonJS .cjs config', async () => {
    const root = tempRepo({ '.jobownershiprc.cjs': 'module.exports = { exclude: ["**/*.spec.ts"] };\n' });
    expect((await loadConfig({ cwd: root })).exclude).toEqual(['**/*.spec.ts']);
  });

  it('loads a .ts config typed with defineConfig', async () => {
    const root = tempRepo({
      'define.mjs': 'export function defineConfig(c) { return c; }\n',
      'job-owners.config.ts': [
        "import { defineConfig } from './define.mjs';",
        "type Severity = 'off' | 'warn' | 'error';",
        "const level: Severity = 'warn';",
        'export default defineConfig({ rules: { "no-consumer": level }, owners: { emails: "workers" } });',
        '',
      ].join('\n'),
    });
    const config = await loadConfig({ cwd: root });
    expect(config.rules).toEqual({ 'no-consumer': 'warn' });
    expect(config.filepath).toBe(path.join(root, 'job-owners.config.ts'));
  });

  it('a .js config that throws', async () => {
    const root = tempRepo({ 'job-owners.config.mjs': 'throw new Error("QUEUE_PREFIX is not set");\n' });
    const error = await loadError({ cwd: root });
    expect(error.message).toBe(`Config file ${path.join(root, 'job-owners.config.mjs')} threw an error while loading: QUEUE_PREFIX is not set`);
    expect(error.code).toBe('JO-CFG-004');
  });

  it('a .js config that exports nothing', async () => {
    const root = tempRepo({ 'job-owners.config.js': 'export const config = { owners: {} };\n', 'package.json': '{ "type": "module" }' });
    const error = await loadError({ cwd: root });
    expect(error.message).toBe(
      `Config file ${path.join(root, 'job-owners.config.js')} exports nothing. Export the config as the default export: \`export default { … }\` (or \`module.exports = { … }\` in CommonJS).`,
    );
  });

  it('a .ts config that throws', async () => {
    const root = tempRepo({ '.jobownershiprc.ts': 'const x: number = 1;\nif (x) throw new Error("nope");\nexport default {};\n' });
    const error = await loadError({ cwd: root });
    expect(error.message).toBe(`Config file ${path.join(root, '.jobownershiprc.ts')} threw an error while loading: nope`);
  });
});

describe('loadConfig: syntax errors', () => {
  it('JSON syntax error with line and column', async () => {
    const root = tempRepo({ '.jobownershiprc.json': '{\n  "owners": { "emails" "workers" }\n}\n' });
    const error = await loadError({ cwd: root });
    expect(error.message).toBe(`Invalid JSON in ${path.join(root, '.jobownershiprc.json')} at line 2, column 24: Expected ':' after the property name`);
    expect(error.code).toBe('JO-CFG-002');
  });

  it('.json configs are JSONC: comments and trailing commas are accepted (as in tsconfig.json)', async () => {
    const root = tempRepo({ '.jobownershiprc.json': '// who owns what\n{\n  /* the contract */\n  "owners": { "emails": "workers", },\n}\n' });
    expect((await loadConfig({ cwd: root })).owners).toEqual({ emails: 'workers' });
  });

  it('a JSON .jobownershiprc is JSONC too; an unterminated comment names its line', async () => {
    const ok = tempRepo({ '.jobownershiprc': '{ "owners": { "emails": "workers" }, // trailing\n}\n' });
    expect((await loadConfig({ cwd: ok })).owners).toEqual({ emails: 'workers' });
    const bad = tempRepo({ '.jobownershiprc.json': '{\n\n  /* owners\n  "owners": {}\n}\n' });
    const error = await loadError({ cwd: bad });
    expect(error.message).toBe(`Invalid JSON in ${path.join(bad, '.jobownershiprc.json')} at line 3, column 3: Unterminated comment`);
  });

  it('YAML syntax error with line and column', async () => {
    const root = tempRepo({ '.jobownershiprc.yaml': 'owners:\n  emails: workers\n exclude: [a\n' });
    const error = await loadError({ cwd: root });
    expect(error.message).toMatch(new RegExp(`^Invalid YAML in ${escape(path.join(root, '.jobownershiprc.yaml'))} at line 3, column \\d+: .+`));
    expect(error.message).not.toContain('\n');
  });

  it('YAML duplicate key', async () => {
    const root = tempRepo({ '.jobownershiprc.yml': 'owners: {}\nowners: {}\n' });
    const error = await loadError({ cwd: root });
    expect(error.message).toBe(`Invalid YAML in ${path.join(root, '.jobownershiprc.yml')} at line 2, column 1: Map keys must be unique: "owners" is also defined at line 1`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
