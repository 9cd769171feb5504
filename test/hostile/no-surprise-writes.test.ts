/**
 * Issue #7.4: the tool writes only what it was asked to (-o / name:path outputs, the baseline,
 * its cache). Run on a read-only copy of a fixture; as root (where chmod does not stop writes),
 * compare before/after snapshots and watch the tree for files that appear even for a moment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, copyFixture, snapshot, spawnCli, tempDir } from './helpers.js';

let repo: string;
let cwd: string;
let before: string[];

function makeReadOnly(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) makeReadOnly(abs);
    else fs.chmodSync(abs, 0o444);
  }
  fs.chmodSync(dir, 0o555);
}

/**
 * Runs `fn` while watching every folder of `dir`; returns every path that saw an event.
 * One non-recursive watcher per folder: Node 20's recursive watch on Linux misses events
 * in the top folder.
 */
async function watched(dir: string, fn: () => void): Promise<string[]> {
  const seen = new Set<string>();
  const watchers: fs.FSWatcher[] = [];
  const watchAll = (abs: string, rel: string): void => {
    watchers.push(fs.watch(abs, (_event, file) => file && seen.add(rel ? `${rel}/${String(file)}` : String(file))));
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory()) watchAll(path.join(abs, entry.name), rel ? `${rel}/${entry.name}` : entry.name);
    }
  };
  watchAll(dir, '');
  try {
    await new Promise((resolve) => setTimeout(resolve, 50));
    fn();
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    watchers.forEach((w) => w.close());
  }
  return [...seen].sort();
}

beforeAll(() => {
  repo = copyFixture('audiobook-incident');
  makeReadOnly(repo);
  cwd = tempDir();
  before = snapshot(repo);
});
afterAll(() => {
  cleanup(repo);
  cleanup(cwd);
});

describe('no surprise writes (issue #7.4)', () => {
  it('the watcher does see a file that exists only for a moment (self-check)', async () => {
    const dir = tempDir();
    try {
      const touched = await watched(dir, () => {
        fs.writeFileSync(path.join(dir, 'blink.tmp'), 'x');
        fs.rmSync(path.join(dir, 'blink.tmp'));
      });
      expect(touched).toEqual(['blink.tmp']);
    } finally {
      cleanup(dir);
    }
  });

  it.each([
    [['check', '--format', 'json'], 1],
    [['check'], 1],
    [['report'], 0],
    [['explain', 'audio-processing'], 0],
  ])('%j on a read-only tree writes nothing, there or in the cwd', async (args, code) => {
    const [command, ...rest] = args as string[];
    const touched = await watched(repo, () => {
      const run = spawnCli([command!, ...(command === 'explain' ? [rest[0]!, repo, ...rest.slice(1)] : [repo, ...rest])], cwd);
      expect(run.code, run.stderr).toBe(code);
      expect(run.stdout.length).toBeGreaterThan(0);
    });
    expect(touched).toEqual([]);
    expect(snapshot(repo)).toEqual(before);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('-o and name:path write exactly those files, outside the read-only tree', async () => {
    const out = tempDir();
    try {
      const touched = await watched(repo, () => {
        const run = spawnCli(['check', repo, '-f', `markdown:${path.join(out, 'a.md')}`, '-f', 'json', '-o', path.join(out, 'b.json')], cwd);
        expect(run.code, run.stderr).toBe(1);
        expect(run.stdout).toBe('');
      });
      expect(touched).toEqual([]);
      expect(fs.readdirSync(out).sort()).toEqual(['a.md', 'b.json']);
      expect(snapshot(repo)).toEqual(before);
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      cleanup(out);
    }
  });
});
