import { describe, expect, it } from 'vitest';
import { stylish } from '../../src/reporters/stylish.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { largeResult } from '../fixtures-results/large.js';
import { smallResult } from '../fixtures-results/small.js';
import { ctx, stripAnsi } from './helpers.js';

/** The last lines of the output, without the trailing newline. */
const tail = (text: string, n = 1) => text.trimEnd().split('\n').slice(-n);

describe('stylish reporter', () => {
  it.each([
    ['clean', cleanResult],
    ['audiobook', audiobookResult],
    ['awkward', awkwardResult],
    ['small', smallResult],
    ['large', largeResult],
  ])('byte-exact output: %s', async (name, build) => {
    await expect(stylish(build(), ctx())).toMatchFileSnapshot(`./expected/${name}.stylish.txt`);
  });

  it('prints one success line for a clean repo, in the wording every format uses', () => {
    expect(stylish(cleanResult(), ctx())).toBe('✔ No problems found (2 queues, 2 job types)\n');
  });

  it('keeps the first line of each finding short and puts the advice on indented lines below', () => {
    for (const line of stylish(largeResult(), ctx()).split('\n')) {
      if (line.startsWith('    ')) expect(line.length, line).toBeLessThanOrEqual(4 + 92);
    }
    const out = stylish(smallResult(), ctx());
    expect(out).toContain('  apps/api/src/audio/audio.processor.ts:5:1  error    Queue "audio-processing" is consumed by 2 services: api, workers  multiple-owners\n    also at apps/workers/src/main.ts:4:16\n    BullMQ never routes by job name');
  });

  it('hides warnings when quiet but keeps the counts; names the analysed folder; prints the baseline note', () => {
    const context = ctx({ quiet: true, linkBase: '../repo', baselineNote: '2 known findings suppressed (job-owners-baseline.json)' });
    const out = stylish(smallResult(), context);
    expect(out.split('\n').slice(0, 3)).toEqual(['Paths are relative to ../repo/', '', 'queue "audio-processing"']);
    expect(out).not.toContain('silent-completion  ');
    expect(out).toContain('  apps/api/src/audio/audio.processor.ts:5:1'); // relative to the analysed folder
    expect(tail(out, 3)).toEqual([
      '✖ 3 problems (1 error, 2 warnings) in 1 queue',
      '2 known findings suppressed (job-owners-baseline.json)',
      'Rule docs: job-owners explain-rule multiple-owners (multiple-owners), or docs/rules/ in the job-owners package.',
    ]);
  });

  it('groups queue-less findings by what they are about, after the queues', () => {
    const out = stylish(largeResult(), ctx());
    const headings = out.split('\n').filter((l) => /^\S/.test(l) && !/^[✖⚠✔]|^Rule docs/.test(l));
    expect(headings.at(-1)).toBe('unresolved names');
    expect(out).not.toContain('general');
  });

  it('the mark matches the counts: ✖ only with errors, ⚠ with warnings only', () => {
    const result = awkwardResult();
    result.summary = { errors: 1, warnings: 2, suppressed: 0 };
    expect(tail(stylish(result, ctx()), 2)[0]).toBe('✖ 3 problems (1 error, 2 warnings) in 2 queues');
    const warningsOnly = awkwardResult();
    warningsOnly.findings = warningsOnly.findings.filter((f) => f.queue === null);
    warningsOnly.summary = { errors: 0, warnings: 1, suppressed: 0 };
    warningsOnly.skipped = [];
    expect(tail(stylish(warningsOnly, ctx()), 2)[0]).toBe('⚠ 1 warning, no errors');
    const clean = cleanResult();
    clean.queues = clean.queues.slice(0, 1);
    clean.jobs = clean.jobs.slice(0, 1);
    expect(stylish(clean, ctx())).toBe('✔ No problems found (1 queue, 1 job type)\n');
  });

  it('points at the rule docs without a URL', () => {
    expect(tail(stylish(audiobookResult(), ctx()))[0]).toBe('Rule docs: job-owners explain-rule <rule> (multiple-owners, silent-completion), or docs/rules/ in the job-owners package.');
  });

  it('never lets a name inject terminal escape sequences', () => {
    const result = audiobookResult();
    result.findings[0]!.message = 'evil \u001b[2J name \u009b31m';
    const out = stylish(result, ctx());
    expect(out).not.toMatch(/[\u001b\u009b]/);
    expect(out).toContain('evil \\u001b[2J name \\u009b31m');
  });

  it('uses ANSI colour only when context.color is true, with the same text otherwise', () => {
    const plain = stylish(audiobookResult(), ctx({ color: false }));
    const coloured = stylish(audiobookResult(), ctx({ color: true }));
    expect(plain).not.toMatch(/\u001b\[/);
    expect(coloured).toMatch(/\u001b\[31m/); // red "error"
    expect(coloured).toMatch(/\u001b\[33m/); // yellow "warning"
    expect(stripAnsi(coloured)).toBe(plain);
    expect(stylish(cleanResult(), ctx({ color: true }))).toMatch(/\u001b\[32m/); // green check
  });
});
