/**
 * Issue #7.3: two runs on the same tree print the same bytes (JSON and markdown), and the order
 * in which files are discovered does not matter. The seam: `listFiles` is wrapped so a test can
 * shuffle what discovery returns; the trees are also copied in a shuffled creation order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as ListFiles from '../../src/discovery/list-files.js';
import { createRng, readTree, type Rng } from './fuzz-core.mjs';
import { cleanup, fixturePath, runMain, tempDir } from './helpers.js';

const shuffling: { rng: Rng | undefined; calls: number } = vi.hoisted(() => ({ rng: undefined, calls: 0 }));

function shuffle<T>(items: T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

vi.mock('../../src/discovery/list-files.js', async (importOriginal) => {
  const actual = await importOriginal<typeof ListFiles>();
  return {
    ...actual,
    listFiles: (root: string, options: ListFiles.ListOptions): ListFiles.FileListing => {
      const listing = actual.listFiles(root, options);
      shuffling.calls++;
      const rng = shuffling.rng;
      return rng ? { ...listing, sources: shuffle(listing.sources, rng), manifests: shuffle(listing.manifests, rng) } : listing;
    },
  };
});

const FIXTURES = ['audiobook-incident', 'audiobook-half-fixed', 'audiobook-fixed', 'detection-forms', 'traps'];
const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

/** Copies a fixture, creating its files (and so its folders) in a shuffled order. */
function copyShuffled(name: string, rng: Rng): string {
  const dir = tempDir(`job-owners-det-${name}-`);
  dirs.push(dir);
  for (const [rel, content] of shuffle([...readTree(fixturePath(name))], rng)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** JSON on stdout and markdown in a file inside the tree, so links do not depend on where it is. */
async function outputs(dir: string): Promise<{ code: number; json: string; markdown: string }> {
  const report = path.join(dir, 'OWNERSHIP.md');
  const run = await runMain(['check', '.', '--no-config', '-f', 'json', '-f', `markdown:${report}`], dir);
  const markdown = fs.readFileSync(report, 'utf8');
  fs.rmSync(report);
  expect(run.stderr).not.toMatch(/crashed/);
  return { code: run.code ?? -1, json: run.stdout, markdown };
}

describe('determinism (issue #7.3)', () => {
  it('the seam is live: the CLI discovers through the wrapped listFiles', async () => {
    const calls = shuffling.calls;
    await outputs(copyShuffled('traps', createRng(9)));
    expect(shuffling.calls).toBeGreaterThan(calls);
  });

  it.each(FIXTURES)('%s: two runs print the same bytes', async (name) => {
    shuffling.rng = undefined;
    const dir = copyShuffled(name, createRng(1));
    const first = await outputs(dir);
    const second = await outputs(dir);
    expect(second.json).toBe(first.json);
    expect(second.markdown).toBe(first.markdown);
    expect(JSON.parse(first.json).schemaVersion).toBe(1);
  });

  it.each(FIXTURES)('%s: discovery order and file-creation order do not change a byte', async (name) => {
    shuffling.rng = undefined;
    const reference = await outputs(copyShuffled(name, createRng(2)));
    for (const seed of [3, 4, 5]) {
      const dir = copyShuffled(name, createRng(seed));
      shuffling.rng = createRng(seed * 7919);
      const shuffled = await outputs(dir);
      shuffling.rng = undefined;
      expect(shuffled.code).toBe(reference.code);
      expect(shuffled.json, `seed ${seed}`).toBe(reference.json);
      expect(shuffled.markdown, `seed ${seed}`).toBe(reference.markdown);
    }
  });
});
