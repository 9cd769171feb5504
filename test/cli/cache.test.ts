import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoServiceRepo } from '../support/repo-files.js';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/job-owners.js');
let dir: string;

function check(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'check', '.', '-f', 'json', '--timings', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  const result = JSON.parse(run.stdout) as { queues: Array<{ queue: string; owner: string | null }> };
  // --timings lists the phases that ran: a cache hit never extracts.
  return { code: run.status, owners: result.queues.map((q) => [q.queue, q.owner]), analysed: /^extract /m.test(run.stderr) };
}

describe('result cache', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-cache-'));
    fs.cpSync(path.join(REPO, 'fixtures/audiobook-fixed'), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the first run analyses and writes the cache; the second reuses it with the same answer', () => {
    const first = check();
    expect(first).toMatchObject({ code: 0, analysed: true });
    expect(fs.existsSync(path.join(dir, 'node_modules/.cache/job-owners/result.json'))).toBe(true);
    const second = check();
    expect(second).toEqual({ ...first, analysed: false });
  });

  it('an edited file invalidates it', () => {
    const file = path.join(dir, 'apps/api/src/main.ts');
    fs.appendFileSync(file, `\nimport { Worker } from 'bullmq';\nnew Worker('audio-processing', async () => undefined, { connection: {} });\n`);
    const run = check();
    expect(run).toMatchObject({ code: 1, analysed: true });
    expect(run.owners).toContainEqual(['audio-processing', null]);
  });

  it('--no-cache neither reads nor writes it', () => {
    fs.rmSync(path.join(dir, 'node_modules/.cache'), { recursive: true, force: true });
    expect(check('--no-cache').analysed).toBe(true);
    expect(fs.existsSync(path.join(dir, 'node_modules/.cache'))).toBe(false);
  });

  it('a repository without node_modules gets no cache folder', () => {
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    expect(check().analysed).toBe(true);
    expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
  });
});

// An edit does not always need a new analysis: most files are only searched for a few strings
// (cache/evidence.ts). These runs check both sides of that line, always against the answer.
describe('result cache after an edit', () => {
  const edit = (rel: string, text: string) => fs.appendFileSync(path.join(dir, rel), text);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-cache-edit-'));
    fs.cpSync(path.join(REPO, 'fixtures/audiobook-fixed'), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules'));
    expect(check()).toMatchObject({ code: 0, analysed: true });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const owners = [
    ['audio-processing', 'workers'],
    ['epub-parsing', 'workers'],
  ];

  it('an edit to a file the analysis never parsed keeps the result, without re-analysing', () => {
    // jobs.ts is known only by its import records: nothing that touches a queue imports it.
    edit('libs/contracts/src/jobs.ts', '\n// the contract got a comment\nexport const pageSize = 20;\n');
    expect(check()).toEqual({ code: 0, owners, analysed: false });
    // The new timestamps were remembered: the next run is a plain hit.
    expect(check()).toEqual({ code: 0, owners, analysed: false });
  });

  it('a mention of the library in a comment is no import: the result stands', () => {
    edit('libs/contracts/src/jobs.ts', "\n// see 'bullmq' and BullModule for the queues\n");
    expect(check()).toEqual({ code: 0, owners, analysed: false });
  });

  it('an edit that changes such a file\'s imports, or brings in a directive, re-analyses', () => {
    edit('libs/contracts/src/jobs.ts', "\nimport type { Job } from 'bullmq';\nexport type AnyJob = Job;\n");
    expect(check()).toEqual({ code: 0, owners, analysed: true });
    edit('libs/contracts/src/jobs.ts', '\n// job-owners-ignore-next-line no-consumer -- a directive\n');
    expect(check()).toEqual({ code: 0, owners, analysed: true });
  });

  it('an edit to a file the analysis parsed re-analyses', () => {
    edit('apps/api/src/books/books.module.ts', '\n// BullModule is registered in QueueModule\n');
    expect(check()).toEqual({ code: 0, owners, analysed: true });
  });

  it('an edit to a file the analysis read re-analyses, with the new answer', () => {
    const file = path.join(dir, 'libs/contracts/src/queues.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("'audio-processing'", "'audio-processing-v2'"));
    expect(check()).toEqual({ code: 0, owners: [['audio-processing-v2', 'workers'], owners[1]], analysed: true });
  });

  it('an added file re-analyses', () => {
    fs.writeFileSync(path.join(dir, 'apps/api/src/books/books.dto.ts'), 'export interface BookDto { id: string }\n');
    expect(check().analysed).toBe(true);
    expect(check().analysed).toBe(false);
  });
});


// Reachability (who runs a library's module-level worker) reads every file's imports. A file it
// only scanned that way may change freely as long as its imports do not.
describe('result cache after an edit, with a library worker', () => {
  const format = () => path.join(dir, 'apps/web/src/format.ts');
  const digestOwner = () => (JSON.parse(spawnSync(process.execPath, [BIN, 'check', dir, '-f', 'json'], { encoding: 'utf8' }).stdout) as { queues: Array<{ queue: string; consumers: Array<{ service: string }> }> }).queues.find((q) => q.queue === 'digest')?.consumers.map((c) => c.service);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-cache-imports-'));
    fs.cpSync(path.join(REPO, 'fixtures/issue3-lib-worker-wrapper'), dir, { recursive: true });
    fs.writeFileSync(format(), 'export const money = (n: number) => n.toFixed(2);\n');
    const main = path.join(dir, 'apps/web/src/main.ts');
    fs.writeFileSync(main, `import './format';\n${fs.readFileSync(main, 'utf8')}`);
    fs.mkdirSync(path.join(dir, 'node_modules'));
    expect(check().analysed).toBe(true);
    const cached = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/.cache/job-owners/result.json'), 'utf8')) as { evidence: { imports: Record<string, string> } };
    expect(Object.keys(cached.evidence.imports)).toContain('apps/web/src/format.ts');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an edit that keeps the imports keeps the result', () => {
    fs.appendFileSync(format(), 'export const percent = (n: number) => `${Math.round(n * 100)} %`;\n');
    expect(check().analysed).toBe(false);
    // The digest worker no service imports runs nowhere (unreached-consumer).
    expect(digestOwner()).toBeUndefined();
  });

  it('an edit that imports the library re-analyses, and the worker now runs in that service', () => {
    fs.writeFileSync(format(), `import '../../../libs/queue/src/digest';\n${fs.readFileSync(format(), 'utf8')}`);
    expect(check().analysed).toBe(true);
    expect(digestOwner()).toEqual(['web']);
  });
});

// The analysis also depends on paths outside the listing: files an import resolved to that the
// listing leaves out, folders where a resolution candidate was missing, a tsconfig's parent, what
// the listing could not read. Each case changes one of them after a cached run; the cached answer
// must equal a fresh one. (Found by review: every case here used to keep a stale result.)
describe('result cache and what lies outside the listed files', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  function repo(files: Record<string, string>): string {
    const root = twoServiceRepo('job-owners-cache-outside-', {
      'apps/worker/src/main.ts': "import { Worker } from 'bullmq';\nnew Worker('emails', async () => undefined, { connection: {} });\n",
      ...files,
    });
    roots.push(root);
    fs.mkdirSync(path.join(root, 'node_modules'));
    return root;
  }
  const producer = (from: string) => `import { Queue } from 'bullmq';\nimport { EMAIL_QUEUE } from '${from}';\nvoid new Queue(EMAIL_QUEUE).add('welcome', {});\n`;
  const run = (root: string, ...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'check', root, '-f', 'json', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } }).stdout;
  const queues = (out: string) => (JSON.parse(out) as { queues: Array<{ queue: string }> }).queues.map((q) => q.queue).sort();
  /** Cached run, change, then the cached answer must be the fresh one — and differ from before. */
  function expectSeen(root: string, change: () => void): void {
    const before = run(root);
    change();
    const cached = run(root);
    expect(cached).toBe(run(root, '--no-cache'));
    expect(cached).not.toBe(before);
  }

  it('a git-ignored generated file an import resolved to', () => {
    const root = repo({
      '.gitignore': 'node_modules/\napps/api/src/generated/\n',
      'apps/api/src/main.ts': producer('./generated/names'),
      'apps/api/src/generated/names.ts': "export const EMAIL_QUEUE = 'emails';\n",
    });
    expect(queues(run(root))).toEqual(['emails']);
    expectSeen(root, () => fs.writeFileSync(path.join(root, 'apps/api/src/generated/names.ts'), "export const EMAIL_QUEUE = 'mailers';\n"));
  });

  it('a file read through a symlinked folder, edited under its real path', () => {
    const root = repo({ 'libs/shared/package.json': '{ "name": "@acme/shared" }', 'libs/shared/src/names.ts': "export const EMAIL_QUEUE = 'emails';\n", 'apps/api/src/main.ts': producer('./shared/names') });
    fs.symlinkSync('../../../libs/shared/src', path.join(root, 'apps/api/src/shared'));
    // In git, the link is one entry: the file is listed only under its real path.
    spawnSync('git', ['init', '-q'], { cwd: root });
    spawnSync('git', ['add', '-A'], { cwd: root });
    expect(queues(run(root))).toEqual(['emails']);
    expectSeen(root, () => fs.writeFileSync(path.join(root, 'libs/shared/src/names.ts'), "export const EMAIL_QUEUE = 'mailers';\n"));
  });

  it('a build output that appears where the package entry points (a package without sources)', () => {
    const root = repo({
      'libs/shared/package.json': JSON.stringify({ name: '@acme/shared', main: 'dist/index.js' }),
      'libs/shared/README.md': 'built from another repository\n',
      'apps/api/src/main.ts': producer('@acme/shared'),
    });
    expect(queues(run(root))).toEqual(['<unresolved>', 'emails']);
    expectSeen(root, () => {
      fs.mkdirSync(path.join(root, 'libs/shared/dist'));
      fs.writeFileSync(path.join(root, 'libs/shared/dist/index.js'), "export const EMAIL_QUEUE = 'built';\n");
    });
  });

  it("a tsconfig's parent that is not named tsconfig*.json", () => {
    const root = repo({
      'tsconfig.json': JSON.stringify({ extends: './configs/paths.json' }),
      'configs/paths.json': JSON.stringify({ compilerOptions: { paths: { '@names': ['../libs/shared/src/a.ts'] } } }),
      'libs/shared/package.json': '{ "name": "@acme/shared" }',
      'libs/shared/src/a.ts': "export const EMAIL_QUEUE = 'emails';\n",
      'libs/shared/src/b.ts': "export const EMAIL_QUEUE = 'mailers';\n",
      'apps/api/src/main.ts': producer('@names'),
    });
    expect(queues(run(root))).toEqual(['emails']);
    expectSeen(root, () => fs.writeFileSync(path.join(root, 'configs/paths.json'), JSON.stringify({ compilerOptions: { paths: { '@names': ['../libs/shared/src/b.ts'] } } })));
  });

  /** Whole-second timestamps on every file, so tools that keep timestamps keep them exactly. */
  const PINNED = new Date('2026-01-01T00:00:00Z');
  const pinTimes = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') pinTimes(abs);
      else if (entry.isFile()) fs.utimesSync(abs, PINNED, PINNED);
    }
  };

  it('a same-size edit whose mtime was put back (only ctime tells)', () => {
    const root = repo({ 'apps/api/src/main.ts': producer('./names'), 'apps/api/src/names.ts': "export const EMAIL_QUEUE = 'emails';\n" });
    const file = path.join(root, 'apps/api/src/names.ts');
    pinTimes(root);
    expectSeen(root, () => {
      fs.writeFileSync(file, "export const EMAIL_QUEUE = 'mails1';\n");
      fs.utimesSync(file, PINNED, PINNED);
    });
  });

  it('a folder link that leads nowhere until its target is created (git)', () => {
    const root = repo({ '.gitignore': 'node_modules/\ncodegen/\n', 'codegen/.keep': '', 'apps/api/src/main.ts': producer('./gen/names') });
    fs.symlinkSync('../../../codegen/queues', path.join(root, 'apps/api/src/gen'));
    spawnSync('git', ['init', '-q'], { cwd: root });
    spawnSync('git', ['add', '-A'], { cwd: root });
    expectSeen(root, () => {
      fs.mkdirSync(path.join(root, 'codegen/queues'));
      fs.writeFileSync(path.join(root, 'codegen/queues/names.ts'), "export const EMAIL_QUEUE = 'emails';\n");
    });
  });

  it('a git-ignored package.json next to an Nx project.json', () => {
    const root = repo({ '.gitignore': 'node_modules/\napps/api/package.json\n', 'apps/api/project.json': '{ "projectType": "application" }', 'apps/api/src/main.ts': producer('./names'), 'apps/api/src/names.ts': "export const EMAIL_QUEUE = 'emails';\n" });
    fs.writeFileSync(path.join(root, 'apps/api/package.json'), JSON.stringify({ name: 'api-one' }));
    spawnSync('git', ['init', '-q'], { cwd: root });
    spawnSync('git', ['add', '-A'], { cwd: root });
    expectSeen(root, () => fs.writeFileSync(path.join(root, 'apps/api/package.json'), JSON.stringify({ name: 'api-two' })));
  });

  it('a copy of the repository made with its timestamps (cp -a), cache included', () => {
    const root = repo({
      '.gitignore': 'node_modules/\napps/api/src/generated/\n',
      'apps/api/src/main.ts': producer('./generated/names'),
      'apps/api/src/generated/names.ts': "export const EMAIL_QUEUE = 'emails';\n",
    });
    pinTimes(root);
    run(root);
    const copy = `${root}-copy`;
    roots.push(copy);
    fs.cpSync(root, copy, { recursive: true, preserveTimestamps: true });
    // The original's paths must not stand in for the copy's.
    expectSeen(copy, () => fs.writeFileSync(path.join(copy, 'apps/api/src/generated/names.ts'), "export const EMAIL_QUEUE = 'mailers';\n"));
  });

  it('a link the listing cannot follow', () => {
    const root = repo({ 'apps/api/src/main.ts': producer('./names'), 'apps/api/src/names.ts': "export const EMAIL_QUEUE = 'emails';\n" });
    expectSeen(root, () => fs.symlinkSync('nowhere.ts', path.join(root, 'apps/api/src/broken.ts')));
  });
});
