/**
 * Issue #7.5: seeded fuzzing. Mutated fixtures (truncation, deleted and duplicated lines, injected
 * tokens, swapped quotes) never make the analysis throw, and never make the CLI exit with anything
 * but 0 or 1. A few hundred iterations here, in-process; `node scripts/fuzz.mjs` runs many more.
 * A failure names the seed, fixture and mutations: rerun them with `scripts/fuzz.mjs --seed`.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { applyMutation, createRng, mutateTree, readTree, writeTree } from './fuzz-core.mjs';
import { cleanup, fixturePath, spawnCli } from './helpers.js';

const SEED = 20240607;
const ITERATIONS = 250;
const FIXTURES = ['audiobook-incident', 'audiobook-half-fixed', 'audiobook-fixed', 'traps', 'detection-forms'];

const trees = FIXTURES.map((name) => {
  const files = readTree(fixturePath(name));
  return { name, files, dir: writeTree(files, `job-owners-fuzz-${name}-`) };
});
afterAll(() => trees.forEach((t) => cleanup(t.dir)));

describe('fuzz (issue #7.5)', () => {
  it('the mutations are deterministic for a seed', () => {
    const files = trees[0]!.files;
    const a = mutateTree(files, createRng(42));
    const b = mutateTree(files, createRng(42));
    expect([...a.changed]).toEqual([...b.changed]);
    expect(a.labels).toEqual(b.labels);
    expect(a.labels.length).toBeGreaterThan(0);
  });

  it(`analyze() never throws on ${ITERATIONS} mutated trees (seed ${SEED})`, () => {
    const failures: string[] = [];
    let skipped = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const tree = trees[i % trees.length]!;
      const { changed, labels } = mutateTree(tree.files, createRng(SEED * 1_000_003 + i));
      const restore = applyMutation(tree.dir, tree.files, changed);
      try {
        const result = analyze({ root: tree.dir });
        skipped += result.skipped.length;
        for (const s of result.skipped) expect(typeof s.reason === 'string' && s.reason.length > 0 && changed.has(s.file), JSON.stringify(s)).toBe(true);
      } catch (error) {
        failures.push(`iteration ${i} (${tree.name}): ${labels.join('; ')}\n  ${error instanceof Error ? error.stack?.split('\n').slice(0, 4).join('\n  ') : String(error)}`);
      } finally {
        restore();
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    // The mutations do bite: many trees end up with a file the parser rejects.
    expect(skipped).toBeGreaterThan(ITERATIONS / 10);
  });

  it('the spawned CLI exits 0 or 1 with valid JSON on a few mutated trees', () => {
    for (let i = 0; i < 3; i++) {
      const tree = trees[i]!;
      const { changed, labels } = mutateTree(tree.files, createRng(SEED + 7 * i));
      const restore = applyMutation(tree.dir, tree.files, changed);
      try {
        const run = spawnCli(['check', tree.dir, '--format', 'json', '--no-config']);
        expect([0, 1], `${labels.join('; ')}\n${run.stderr}`).toContain(run.code);
        expect(() => JSON.parse(run.stdout)).not.toThrow();
        expect(run.stderr).not.toMatch(/crashed|^\s+at /m);
      } finally {
        restore();
      }
    }
    expect(fs.existsSync(trees[0]!.dir)).toBe(true);
  });
});
