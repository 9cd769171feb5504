/**
 * Issue 12: a differential property test. Seeded random programs (generate.ts) pass queue and
 * job names through 1–4 layers of functions, classes, objects, arrays and imports; each is run
 * against a recording `bullmq` stub (stub-bullmq/) and analysed. For every site the run
 * recorded, the tool must report the same queue name (or list it among the alternatives), role
 * and job — or an explicit `unresolved-name` finding at a line of the site's call stack. It
 * must never report a queue or job name the run did not use (see harness.ts `compare`).
 *
 * JO_PROPERTY_RUNS=500 npx vitest run test/property   runs more seeds (default 150).
 * JO_PROPERTY_SEEDS=17,23 npx vitest run test/property   runs exactly those seeds.
 * A failure prints the seed, the generated program and both views of it.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { formatProgram, generateProgram } from './generate.js';
import { compare, describeResult, makeWorkDir, runPrograms, type RunLog, type WrittenProgram, writeProgram } from './harness.js';

const FIRST_SEED = 1;
const RUNS = Number(process.env.JO_PROPERTY_RUNS ?? 150);
/**
 * The share of run sites with constant names that the tool must name exactly (the rest it must
 * report as unresolved). Measured at 95 % over the default seeds when this floor was set (84 %
 * before callbacks passed to helpers, lists iterated below an outer call and straight-line `let`
 * reassignments were followed): a change to the engine that loses precision fails here, not only
 * on a public repository.
 */
const PRECISION_FLOOR = 0.92;

/**
 * Seeds left out of the default list until the engine handles them (each is a reproduction in
 * the report of issue 12). JO_PROPERTY_SEEDS runs them anyway.
 */
export const KNOWN_FAILING_SEEDS: readonly number[] = [];

function seedList(): number[] {
  const explicit = process.env.JO_PROPERTY_SEEDS;
  if (explicit) return explicit.split(',').map((s) => Number(s.trim()));
  const seeds: number[] = [];
  for (let seed = FIRST_SEED; seeds.length < RUNS; seed++) if (!KNOWN_FAILING_SEEDS.includes(seed)) seeds.push(seed);
  return seeds;
}

const seeds = seedList();
let workDir = '';
const written = new Map<number, WrittenProgram>();
let logs = new Map<WrittenProgram, RunLog>();
const totals = { programs: 0, sites: 0, resolved: 0, unresolved: 0, unresolvedStatic: 0, misplaced: 0 };

beforeAll(() => {
  workDir = makeWorkDir();
  for (const seed of seeds) {
    const dir = `${workDir}/p${seed}`;
    fs.mkdirSync(dir);
    written.set(seed, writeProgram(generateProgram(seed), dir));
  }
  logs = runPrograms([...written.values()], workDir);
});

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  // One line for the log: how much of what ran the tool named, and how much it gave up on.
  console.log(
    `property: ${totals.programs} programs, ${totals.sites} run sites: ${totals.resolved} named exactly, ${totals.unresolved} reported unresolved (${totals.unresolvedStatic} of them constant names), ${totals.misplaced} named at a line off the call stack`,
  );
});

describe('differential property test (issue 12)', () => {
  it('the generator is deterministic', () => {
    expect(generateProgram(12345)).toEqual(generateProgram(12345));
    expect(generateProgram(12345)).not.toEqual(generateProgram(12346));
  });

  it.each(seeds)('seed %i: the tool names what the program runs, or says it cannot', (seed) => {
    const program = written.get(seed)!;
    const log = logs.get(program)!;
    const text = formatProgram(program.program);
    // The program itself must be sound: it ran to the end and used bullmq.
    expect(log.error, `the generated program threw\n${text}`).toBeNull();
    expect(log.records.some((r) => r.role !== 'queue'), `the generated program started nothing\n${text}`).toBe(true);

    const result: JobOwnersResult = analyze({ root: program.repo });
    const cmp = compare(result, log.records, program.repo, program.program.argv);
    totals.programs++;
    totals.sites += cmp.runSites.length;
    totals.resolved += cmp.resolved;
    totals.unresolved += cmp.unresolved;
    totals.unresolvedStatic += cmp.unresolvedStatic;
    totals.misplaced += cmp.misplaced.length;
    const report = [
      `seed ${seed}: ${cmp.mismatches.length} mismatch(es)`,
      ...cmp.mismatches.map((m) => `- ${m.kind}: ${m.detail}`),
      'the run recorded:',
      ...cmp.runSites.map((s) => `  ${s.role} ${s.op} ${JSON.stringify(s.queue)}${s.job !== null ? ` ${JSON.stringify(s.job)}` : ''} @ ${s.lines.join(' < ')}`),
      'the tool said:',
      describeResult(result),
      'the program:',
      text,
    ].join('\n');
    expect(cmp.mismatches, report).toEqual([]);
  });

  it('names exactly most sites whose names are constants (the rest are reported, never guessed)', () => {
    if (process.env.JO_PROPERTY_SEEDS) return; // a hand-picked list says nothing about the share
    const constantSites = totals.sites - (totals.unresolved - totals.unresolvedStatic);
    expect(totals.resolved / constantSites).toBeGreaterThanOrEqual(PRECISION_FLOOR);
  });
});
