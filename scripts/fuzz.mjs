#!/usr/bin/env node
// Long fuzz run (issue #7): mutates fixture files (truncation, deleted and duplicated lines,
// injected tokens, swapped quotes) and checks that the analysis never throws and that the CLI
// never dies of an uncaught exception nor exits with anything but 0 or 1.
//
//   npm run build && node scripts/fuzz.mjs [--iterations 5000] [--seed 1] [--fixtures a,b]
//                                          [--manifests] [--cli-every 50] [--keep-going]
//
// Runs against dist/ (build first). On a failure it keeps the mutated tree in the OS temp
// dir, prints its path, the seed and the mutations, and exits 1 (after the first failure,
// unless --keep-going).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze } from '../dist/index.js';
import { applyMutation, createRng, mutateTree, readTree, writeTree } from '../test/hostile/fuzz-core.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    fixtures: { type: 'string', default: 'audiobook-incident,audiobook-half-fixed,audiobook-fixed,detection-forms,traps' },
    manifests: { type: 'boolean', default: false },
    'cli-every': { type: 'string', default: '50' },
    'keep-going': { type: 'boolean', default: false },
  },
});
const iterations = Number(values.iterations);
const seed = Number(values.seed);
const cliEvery = Number(values['cli-every']);
const fixtures = values.fixtures.split(',').filter(Boolean);

const trees = fixtures.map((name) => {
  const files = readTree(path.join(ROOT, 'fixtures', name));
  return { name, files, dir: writeTree(files, `job-owners-fuzz-${name}-`) };
});
const cleanup = () => {
  for (const t of trees) fs.rmSync(t.dir, { recursive: true, force: true });
};
// Ctrl-C: the loop below is synchronous (analyze, spawnSync), so a handler that exits would only
// run once the loop ends — that is, never soon. The handler only sets a flag; the loop yields to
// the event loop between iterations so the signal is seen, and a child CLI killed by the same
// Ctrl-C (it is in our process group) is an interruption, not a failure.
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130); // a second Ctrl-C: leave now
  interrupted = true;
});
const yieldToSignals = () => new Promise((resolve) => setImmediate(resolve));

const started = performance.now();
let failures = 0;
let cliRuns = 0;
let skippedTotal = 0;
let peakRss = 0;
let done = 0;
for (let i = 0; i < iterations; i++) {
  await yieldToSignals();
  if (interrupted) break;
  const rng = createRng(seed * 1_000_003 + i);
  const tree = trees[i % trees.length];
  const { changed, labels } = mutateTree(tree.files, rng, { manifests: values.manifests });
  const restore = applyMutation(tree.dir, tree.files, changed);
  let problem;
  try {
    const result = analyze({ root: tree.dir });
    skippedTotal += result.skipped.length;
    JSON.stringify(result);
  } catch (error) {
    problem = `analyze() threw: ${error instanceof Error ? error.stack : String(error)}`;
  }
  if (!problem && cliEvery > 0 && i % cliEvery === 0) {
    cliRuns++;
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/job-owners.js'), 'check', tree.dir, '--format', 'json', '--no-config'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
      timeout: 60_000,
    });
    if (run.signal === 'SIGINT' || interrupted) {
      interrupted = true;
      restore();
      break;
    }
    if (run.status !== 0 && run.status !== 1) problem = `CLI exited ${run.status} (signal ${run.signal}): ${run.stderr}`;
    else {
      try {
        JSON.parse(run.stdout);
      } catch {
        problem = `CLI printed invalid JSON (exit ${run.status}): ${run.stdout.slice(0, 200)}`;
      }
    }
  }
  if (problem) {
    failures++;
    const kept = writeTree(new Map([...tree.files, ...changed]), `job-owners-fuzz-failure-${i}-`);
    console.error(`\n✗ iteration ${i} (seed ${seed}, fixture ${tree.name}) — tree kept at ${kept}`);
    for (const label of labels) console.error(`    ${label}`);
    console.error(problem.split('\n').slice(0, 12).map((l) => `    ${l}`).join('\n'));
  }
  restore();
  done++;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (failures > 0 && !values['keep-going']) break;
  if ((i + 1) % 500 === 0) console.error(`… ${i + 1}/${iterations} iterations, ${failures} failure(s)`);
}
cleanup();
if (interrupted) console.error(`job-owners fuzz: interrupted after ${done} of ${iterations} iterations`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.error(
  `job-owners fuzz: ${failures === 0 ? 'ok' : `${failures} failure(s)`} — seed ${seed}, ${cliRuns} CLI run(s), ` +
    `${skippedTotal} skipped file(s) in total, ${seconds} s, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
);
process.exitCode = interrupted ? 130 : failures === 0 ? 0 : 1;
