/**
 * Issue #7.1: one bad file never sinks the run. Each hostile file is skipped with its reason,
 * on stderr and in the JSON `skipped`, and the rest of the repository is still analysed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { handOver, removeTree, runUnprivileged, unprivilegedTempDir, unprivilegedUnavailable } from '../support/unprivileged.js';
import { cleanup, copyFixture, REPO_ROOT, runMain, spawnCli, tempDir } from './helpers.js';

const SRC = 'apps/workers/src';
const SPACED = `${SRC}/with space/ünïcödé/prod ücer.ts`;

/** Every case: file (repo-relative) → the exact reason it is skipped with. */
const EXPECTED_SKIPS: Record<string, string> = {
  [`${SRC}/syntax-error.ts`]: 'syntax error at line 4: Expression expected.',
  [`${SRC}/binary.ts`]: 'binary content',
  [`${SRC}/invalid-utf8.ts`]: 'not valid UTF-8',
  [`${SRC}/huge.ts`]: 'larger than 8 MB',
  [`${SRC}/deep-arrays.ts`]: 'nested too deeply to parse',
  [`${SRC}/deep-concat.ts`]: 'nested deeper than 1000 levels',
  [`${SRC}/deep-chain.ts`]: 'nested deeper than 1000 levels',
  [`${SRC}/deep-else-if.ts`]: 'nested deeper than 1000 levels',
  [`${SRC}/fifo.ts`]: 'not a regular file',
  [`${SRC}/loop-a.ts`]: 'symbolic link loop',
  [`${SRC}/loop-b.ts`]: 'symbolic link loop',
  [`${SRC}/dangling.ts`]: 'dangling symbolic link',
  'apps/outside': 'symbolic link to a folder outside the repository (not followed)',
};

function buildHostileTree(): { dir: string; outside: string } {
  const dir = copyFixture('audiobook-incident');
  const outside = tempDir('job-owners-outside-');
  fs.writeFileSync(path.join(outside, 'never-read.ts'), "import { Worker } from 'bullmq';\nnew Worker('outside', async () => {});\n");
  const w = (rel: string, content: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  };
  const n = 10_000;
  w(`${SRC}/syntax-error.ts`, "import { Worker } from 'bullmq';\nnew Worker('q', async (job) => {\n  if (\n});\n");
  w(`${SRC}/binary.ts`, Buffer.concat([Buffer.from("import 'bullmq';\n"), Buffer.from([0, 1, 2, 255, 0, 0x89, 0x50, 0x4e, 0x47])]));
  w(`${SRC}/invalid-utf8.ts`, Buffer.concat([Buffer.from("import { Queue } from 'bullmq';\n// "), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from("\nexport const q = new Queue('bad-utf8');\n")]));
  w(`${SRC}/huge.ts`, `import 'bullmq';\n${'//'.padEnd(1023, 'x')}\n`.repeat(9 * 1024));
  w(`${SRC}/deep-arrays.ts`, `import { Queue } from 'bullmq';\nexport const d = ${'['.repeat(n)}${']'.repeat(n)};\n`);
  w(`${SRC}/deep-concat.ts`, `import { Queue } from 'bullmq';\nexport const q = new Queue(${Array.from({ length: n }, (_, i) => `'a${i}'`).join(' + ')});\n`);
  w(`${SRC}/deep-chain.ts`, `import { Queue } from 'bullmq';\nconst q = new Queue('c');\nq${".add('a', {}).then(() => 1)".repeat(3000)};\n`);
  w(`${SRC}/deep-else-if.ts`, `import { Worker } from 'bullmq';\nnew Worker('w', async (job) => {\n${Array.from({ length: 3000 }, (_, i) => `if (job.name === 'n${i}') {}\nelse `).join('')}{ throw new Error(); }\n});\n`);
  execFileSync('mkfifo', [path.join(dir, SRC, 'fifo.ts')]);
  fs.mkdirSync(path.join(dir, SRC, 'folder-named.ts'));
  fs.writeFileSync(path.join(dir, SRC, 'folder-named.ts', 'index.ts'), 'export const nothing = 1;\n');
  fs.symlinkSync('loop-b.ts', path.join(dir, SRC, 'loop-a.ts'));
  fs.symlinkSync('loop-a.ts', path.join(dir, SRC, 'loop-b.ts'));
  fs.symlinkSync('nowhere.ts', path.join(dir, SRC, 'dangling.ts'));
  fs.symlinkSync('nowhere.md', path.join(dir, 'apps/README.md')); // not a source: not worth a line
  fs.symlinkSync('..', path.join(dir, SRC, 'up')); // a folder loop inside the repository
  fs.symlinkSync(outside, path.join(dir, 'apps/outside'));
  w(SPACED, "import { Queue } from 'bullmq';\nexport const spaced = new Queue('spacey');\nspaced.add('ping', {});\n");
  return { dir, outside };
}

describe('per-file faults are isolated (issue #7.1)', () => {
  let dir: string;
  let outside: string;
  let result: JobOwnersResult;

  beforeAll(() => {
    ({ dir, outside } = buildHostileTree());
    result = analyze({ root: dir });
  });
  afterAll(() => {
    cleanup(dir);
    cleanup(outside);
  });

  it('skips exactly the hostile files, each with its reason, sorted by path', () => {
    expect(result.skipped).toEqual(Object.entries(EXPECTED_SKIPS).map(([file, reason]) => ({ file, reason })).sort((a, b) => (a.file < b.file ? -1 : 1)));
  });

  it('still analyses everything else: the incident is found, and the spaced non-ASCII path is reported as is', () => {
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.queue])).toContainEqual(['multiple-owners', 'audio-processing']);
    // Nothing imports it, so no process runs it: listed as unreached, with its exact path.
    expect(result.unreached.map((u) => [u.file, u.queue, u.job])).toEqual([[SPACED, 'spacey', 'ping']]);
    // Nothing from behind the link that leaves the repository, nothing twice through `up` -> `..`.
    expect(result.queues.map((q) => q.queue)).not.toContain('outside');
    const files = result.queues.flatMap((q) => [...q.consumers, ...q.producers].map((e) => e.file));
    expect(files.filter((f) => f.includes('/up/'))).toEqual([]);
  });

  it('the CLI lists each skipped file on stderr, puts them in the JSON, and exits 1 for the findings', async () => {
    const run = await runMain(['check', '.', '--format', 'json', '--no-config'], dir);
    expect(run.code, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout) as JobOwnersResult;
    expect(json.skipped).toEqual(result.skipped);
    const skipLines = run.stderr.split('\n').filter((l) => l.startsWith('job-owners: skipped '));
    expect(skipLines).toEqual(result.skipped.map((s) => `job-owners: skipped ${s.file}: ${s.reason}`));
    expect(run.stderr).not.toMatch(/crashed|^\s+at /m);
  });

  it('the spawned CLI survives the same tree (no stack overflow kills the process)', () => {
    const run = spawnCli(['check', dir, '--format', 'json', '--no-config']);
    expect(run.code, run.stderr).toBe(1);
    expect((JSON.parse(run.stdout) as JobOwnersResult).skipped).toEqual(result.skipped);
  });
});

describe('a 5 MB generated file', () => {
  it('that mentions the library is parsed and analysed, not skipped, and does not hide the rest', () => {
    const dir = copyFixture('audiobook-incident');
    try {
      const line = "export const generated_0000000 = ['bullmq', 1, 2, 3];\n";
      const body = Array.from({ length: Math.ceil((5 * 1024 * 1024) / line.length) }, (_, i) => line.replace('0000000', String(i).padStart(7, '0'))).join('');
      fs.writeFileSync(path.join(dir, SRC, 'generated.ts'), `import { Queue } from 'bullmq';\n${body}`);
      const result = analyze({ root: dir });
      expect(result.skipped).toEqual([]);
      expect(result.findings.map((f) => f.rule)).toContain('multiple-owners');
    } finally {
      cleanup(dir);
    }
  });
});

describe('unreadable files', () => {
  // As root chmod does not bite, so these run the CLI as `nobody` (test/support/unprivileged.ts);
  // the same code path as analyze(), through the real process.
  const unavailable = unprivilegedUnavailable();
  const skippedOf = (dir: string): unknown => (JSON.parse(runUnprivileged(dir, ['check', '.', '--no-cache', '-f', 'json']).stdout) as JobOwnersResult).skipped;
  const copyForNobody = (): string => {
    const dir = unprivilegedTempDir('job-owners-hostile-unreadable-');
    fs.cpSync(path.join(REPO_ROOT, 'fixtures/audiobook-incident'), dir, { recursive: true });
    return dir;
  };

  it.skipIf(!!unavailable)('a file without read permission is skipped as unreadable (EACCES)', () => {
    const dir = copyForNobody();
    try {
      const file = path.join(dir, SRC, 'secret.ts');
      fs.writeFileSync(file, "import 'bullmq';\n");
      handOver(dir);
      fs.chmodSync(file, 0o000);
      expect(skippedOf(dir)).toEqual([{ file: `${SRC}/secret.ts`, reason: 'unreadable (EACCES)' }]);
    } finally {
      removeTree(dir);
    }
  });

  it.skipIf(!!unavailable)('an unreadable folder is skipped as such', () => {
    const dir = copyForNobody();
    try {
      fs.mkdirSync(path.join(dir, SRC, 'locked'));
      handOver(dir);
      fs.chmodSync(path.join(dir, SRC, 'locked'), 0o000);
      expect(skippedOf(dir)).toEqual([{ file: `${SRC}/locked`, reason: 'unreadable directory (EACCES)' }]);
    } finally {
      removeTree(dir);
    }
  });

  it('as root (chmod does not bite), a FIFO named .ts stands in for an unreadable file and never blocks the read', () => {
    const dir = copyFixture('audiobook-fixed');
    try {
      execFileSync('mkfifo', [path.join(dir, 'apps/api/src/pipe.ts')]);
      expect(analyze({ root: dir }).skipped).toEqual([{ file: 'apps/api/src/pipe.ts', reason: 'not a regular file' }]);
    } finally {
      cleanup(dir);
    }
  });
});

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasGit)('inside a git work tree (discovery by git ls-files)', () => {
  it('reports tracked links that lead nowhere or loop, and keeps spaced non-ASCII paths intact', () => {
    const dir = copyFixture('audiobook-incident');
    try {
      fs.symlinkSync('nowhere.ts', path.join(dir, SRC, 'dangling.ts'));
      fs.symlinkSync('loop-b.ts', path.join(dir, SRC, 'loop-a.ts'));
      fs.symlinkSync('loop-a.ts', path.join(dir, SRC, 'loop-b.ts'));
      fs.mkdirSync(path.dirname(path.join(dir, SPACED)), { recursive: true });
      fs.writeFileSync(path.join(dir, SPACED), "import { Queue } from 'bullmq';\nexport const spaced = new Queue('spacey');\nspaced.add('ping', {});\n");
      const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
      git('init', '-q');
      git('add', '-A');
      const result = analyze({ root: dir });
      expect(result.skipped).toEqual([
        { file: `${SRC}/dangling.ts`, reason: 'dangling symbolic link' },
        { file: `${SRC}/loop-a.ts`, reason: 'symbolic link loop' },
        { file: `${SRC}/loop-b.ts`, reason: 'symbolic link loop' },
      ]);
      expect(result.unreached.filter((u) => u.queue === 'spacey').map((u) => u.file)).toEqual([SPACED]);
    } finally {
      cleanup(dir);
    }
  });
});
