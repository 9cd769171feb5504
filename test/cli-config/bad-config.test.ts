/**
 * Issue #4 item 3: a bad config exits 2 and says where (the file, the key path, the line for
 * syntax errors), what was expected, and "did you mean …" — on stderr, with nothing on stdout
 * and no stack trace. One test per shape a user can get wrong.
 */
import { describe, expect, it } from 'vitest';
import { STACK, jobOwners, tempRepo, write, writeJson } from './helpers.js';

/** Writes `file` into a fresh incident copy, runs `check`, and returns stderr after asserting exit 2. */
function badConfig(file: string, text: string, ...args: string[]): string {
  const repo = tempRepo('audiobook-incident');
  write(repo, file, text);
  const run = jobOwners(repo, 'check', ...args);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(STACK);
  expect(run.stderr).not.toContain('crashed');
  return run.stderr;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('schema problems: file, key path, expected value, suggestion', () => {
  it('wrong type', () => {
    const err = badConfig('.jobownershiprc.json', json({ include: 'apps/**' }));
    expect(err).toContain('Invalid configuration in .jobownershiprc.json:');
    expect(err).toContain('include: expected an array, received a string ("apps/**")');
  });

  it('wrong type deep inside (an array element, a service declaration)', () => {
    const err = badConfig('.jobownershiprc.json', json({ exclude: ['dist/**', 3], services: { api: 'apps/api' } }));
    expect(err).toContain('exclude[1]: expected a string, received a number (3)');
    expect(err).toContain('services.api: expected an array of globs or an object { root, entry? }, received a string ("apps/api")');
  });

  it('unknown key, with a suggestion', () => {
    const err = badConfig('.jobownershiprc.json', json({ owner: { 'audio-processing': 'workers' } }));
    expect(err).toContain('owner: unknown key. Did you mean "owners"?');
  });

  it('unknown key without a close match lists the allowed keys', () => {
    const err = badConfig('.jobownershiprc.json', json({ frobnicate: true }));
    expect(err).toMatch(/frobnicate: unknown key\. Allowed keys: .*owners.*rules/);
  });

  it('unknown key inside a nested object (ignore entry)', () => {
    const err = badConfig('.jobownershiprc.json', json({ ignore: [{ rule: 'multiple-owners', queue: 'audio-processing', reasons: 'x' }] }));
    expect(err).toContain('ignore[0].reasons: unknown key. Did you mean "reason"?');
    expect(err).toContain('ignore[0].reason: is required');
  });

  it('unknown rule in "rules", with a suggestion', () => {
    const err = badConfig('.jobownershiprc.json', json({ rules: { 'multiple-owner': 'warn' } }));
    expect(err).toContain('rules.multiple-owner: unknown rule id. Did you mean "multiple-owners"?');
  });

  it('unknown rule in an ignore entry, with a suggestion', () => {
    const err = badConfig('.jobownershiprc.json', json({ ignore: [{ rule: 'no-consumers', reason: 'legacy' }] }));
    expect(err).toContain('ignore[0].rule: unknown rule id "no-consumers". Did you mean "no-consumer"?');
  });

  it('bad severity, with a suggestion', () => {
    const err = badConfig('.jobownershiprc.json', json({ rules: { 'silent-completion': 'warning' } }));
    expect(err).toContain('rules.silent-completion: expected one of "off", "warn", "error", received a string ("warning"). Did you mean "warn"?');
  });

  it('an ignore entry without a reason', () => {
    const err = badConfig('.jobownershiprc.json', json({ ignore: [{ rule: 'multiple-owners', reason: '  ' }] }));
    expect(err).toContain('ignore[0].reason: give a reason: why is this finding acceptable?');
  });

  it('every problem at once, so one edit fixes them all', () => {
    const err = badConfig('.jobownershiprc.json', json({ rulez: {}, include: [1], rules: { 'silent-completion': 'warning' } }));
    expect(err.match(/•/g)).toHaveLength(3);
  });

  it('the file is named for YAML and package.json configs too', () => {
    expect(badConfig('.jobownershiprc.yaml', 'owners: [a, b]\n')).toContain('Invalid configuration in .jobownershiprc.yaml:\n  • owners: expected an object, received an array');
    const repo = tempRepo('audiobook-incident');
    writeJson(repo, 'package.json', { name: 'audiobook', private: true, jobOwners: { rules: 'off' } });
    const run = jobOwners(repo, 'check');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid configuration in package.json:');
    expect(run.stderr).toContain('rules: expected an object, received a string ("off")');
  });

  it('with -c the file is named as given', () => {
    const repo = tempRepo('audiobook-incident');
    writeJson(repo, 'ci/job-owners.json', { rules: { 'orphan-handlers': 'off' } });
    const run = jobOwners(repo, 'check', '-c', 'ci/job-owners.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid configuration in ci/job-owners.json:');
    expect(run.stderr).toContain('Did you mean "orphan-handler"?');
  });
});

describe('owners naming a service discovery did not find', () => {
  it('exits 2 with the key path, the known services and a suggestion', () => {
    const err = badConfig('.jobownershiprc.json', json({ owners: { 'audio-processing': 'worker' } }));
    expect(err).toContain('Invalid configuration in .jobownershiprc.json:');
    expect(err).toContain('owners.audio-processing: unknown service "worker". Did you mean "workers"? Known services: api, workers.');
  });

  it('also for a queue:job key', () => {
    const err = badConfig('.jobownershiprc.json', json({ owners: { 'audio-processing:parse-epub': 'Workers' } }));
    expect(err).toContain('owners["audio-processing:parse-epub"]: unknown service "Workers". Did you mean "workers"?');
  });

  it('lists the known services when nothing is close', () => {
    const err = badConfig('.jobownershiprc.json', json({ owners: { 'audio-processing': 'billing' } }));
    expect(err).toContain('owners.audio-processing: unknown service "billing". Known services: api, workers.');
  });
});

describe('globs', () => {
  it('an invalid glob in include, exclude or services', () => {
    const err = badConfig('.jobownershiprc.json', json({ exclude: ['apps/[legacy/**'], services: { api: ['apps/{api/**'] } }));
    expect(err).toContain('Invalid configuration in .jobownershiprc.json:');
    expect(err).toMatch(/exclude\[0\]: invalid glob "apps\/\[legacy\/\*\*": Missing closing: "\]"/);
    expect(err).toMatch(/services\.api\[0\]: invalid glob "apps\/\{api\/\*\*": Missing closing: "\}"/);
  });
});

describe('syntax errors name the line', () => {
  it('JSON: a missing comma', () => {
    const err = badConfig('.jobownershiprc.json', '{\n  "owners": {\n    "audio-processing": "workers"\n    "emails": "workers"\n  }\n}\n');
    expect(err).toMatch(/^job-owners: Invalid JSON in \.jobownershiprc\.json at line 4, column 5: Expected ',' between entries/m);
  });

  it('JSON: an unclosed object', () => {
    const err = badConfig('.jobownershiprc.json', '{\n  // owners (comments are fine: .json configs are JSONC)\n  "owners": {}\n');
    expect(err).toContain("Invalid JSON in .jobownershiprc.json at line 4, column 1: Expected '}'");
  });

  it('YAML: bad indentation', () => {
    const err = badConfig('.jobownershiprc.yaml', 'owners:\n  audio-processing: workers\n   epub-parsing: workers\n');
    expect(err).toMatch(/Invalid YAML in \.jobownershiprc\.yaml at line \d+, column \d+: /);
  });

  it('YAML: a duplicated key', () => {
    const err = badConfig('.jobownershiprc.yml', 'rules:\n  multiple-owners: warn\n  multiple-owners: off\n');
    expect(err).toMatch(/Invalid YAML in \.jobownershiprc\.yml at line 3, column 3: .*[Uu]nique/);
  });

  it('.jobownershiprc without extension: JSON when it starts with "{"', () => {
    const err = badConfig('.jobownershiprc', '{ "rules": { "multiple-owners": "warn" }\n');
    expect(err).toContain('Invalid JSON in .jobownershiprc at line');
  });

  it('package.json syntax errors are named as such', () => {
    const err = badConfig('package.json', '{ "name": "audiobook", }\n');
    expect(err).toContain('Invalid JSON in package.json at line 1');
  });
});

describe('JS/TS configs that throw or export nothing', () => {
  it.each([
    ['job-owners.config.mjs', 'throw new Error("REDIS_URL is not set");\nexport default {};\n'],
    ['.jobownershiprc.js', 'const owners = undefinedVariable;\nexport default { owners };\n'],
    ['.jobownershiprc.cjs', 'throw new Error("REDIS_URL is not set");\n'],
    ['job-owners.config.ts', 'const fail = (): never => { throw new Error("REDIS_URL is not set"); };\nexport default fail();\n'],
  ])('%s throws: exit 2 naming the file and the error', (file, text) => {
    const err = badConfig(file, text);
    expect(err).toContain(`Config file ${file} threw an error while loading: `);
  });

  it('the thrown message reaches the user', () => {
    expect(badConfig('job-owners.config.mjs', 'throw new Error("REDIS_URL is not set");\n')).toContain('REDIS_URL is not set');
  });

  it('a JS syntax error is a load error, not a crash', () => {
    expect(badConfig('job-owners.config.mjs', 'export default { owners: \n')).toContain('Config file job-owners.config.mjs threw an error while loading');
  });

  it.each([
    ['job-owners.config.mjs', 'export const owners = {};\n'],
    ['.jobownershiprc.js', 'export const owners = {};\n'],
    ['.jobownershiprc.cjs', 'exports.owners = undefined;\nmodule.exports = undefined;\n'],
    ['.jobownershiprc.ts', 'export const config = { owners: {} };\n'],
    ['job-owners.config.js', 'export default null;\n'],
  ])('%s exports nothing: exit 2 saying how to export', (file, text) => {
    const err = badConfig(file, text);
    expect(err).toContain(`Config file ${file} exports nothing. Export the config as the default export`);
  });

  it('a config exported as a function is a type error, without its source in the message', () => {
    const err = badConfig('job-owners.config.mjs', 'export default function config() { return { owners: {} }; }\n');
    expect(err).toContain('Config file job-owners.config.mjs holds a function (export the object itself, not a function returning it), not an object of settings');
    expect(err).not.toContain('return { owners');
  });

  it('a JS config is validated like JSON (key path and suggestion)', () => {
    const err = badConfig('job-owners.config.mjs', 'export default { rules: { "silent-completions": "warn" } };\n');
    expect(err).toContain('Invalid configuration in job-owners.config.mjs:');
    expect(err).toContain('Did you mean "silent-completion"?');
  });
});
