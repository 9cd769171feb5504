import { describe, expect, it } from 'vitest';
import { applyDirectives, parseDirectives } from '../../src/suppress/directives.js';
import { finding } from './findings.js';

const FILE = 'apps/api/src/queue.ts';

describe('parseDirectives', () => {
  it('reads a line comment with one rule and a reason; it targets the next line', () => {
    const text = ['const a = 1;', '  // job-owners-ignore-next-line no-consumer -- consumed by partner-gateway', "queue.add('send', {});"].join('\n');
    expect(parseDirectives(text, FILE)).toEqual([
      { file: FILE, line: 2, column: 3, targetLine: 3, rules: ['no-consumer'], reason: 'consumed by partner-gateway', problem: null },
    ]);
  });

  it('reads several rules, and block comments spanning lines (target = line after the comment ends)', () => {
    const text = [
      '/* job-owners-ignore-next-line multiple-owners, silent-completion -- migration:',
      '   the API processor is removed in PR #812 */',
      "@Processor('audio')",
      'x(); /* job-owners-ignore-next-line orphan-handler -- kept for old clients */',
    ].join('\n');
    const [first, second] = parseDirectives(text, FILE);
    expect(first).toMatchObject({ line: 1, column: 1, targetLine: 3, rules: ['multiple-owners', 'silent-completion'], reason: 'migration: the API processor is removed in PR #812', problem: null });
    expect(second).toMatchObject({ line: 4, column: 6, targetLine: 5, rules: ['orphan-handler'], problem: null });
  });

  it('ignores the directive text inside strings and template literals', () => {
    const text = [
      'const s = "// job-owners-ignore-next-line no-consumer -- no";',
      "const t = '/* job-owners-ignore-next-line no-consumer -- no */';",
      'const u = `',
      '// job-owners-ignore-next-line no-consumer -- no',
      '`;',
      '// job-owners-ignore-next-line no-consumer -- yes',
    ].join('\n');
    expect(parseDirectives(text, FILE).map((d) => [d.line, d.reason])).toEqual([[6, 'yes']]);
  });

  it('marks a directive without a reason, with an unknown rule, or naming a meta rule as invalid', () => {
    const text = [
      '// job-owners-ignore-next-line no-consumer',
      '// job-owners-ignore-next-line no-consumr -- typo',
      '// job-owners-ignore-next-line unused-directive -- hm',
      '// job-owners-ignore-next-line -- nothing named',
      '// job-owners-ignore-next-lines no-consumer -- plural',
    ].join('\n');
    expect(parseDirectives(text, FILE).map((d) => d.problem)).toEqual([
      'a reason is required: "job-owners-ignore-next-line no-consumer -- <why this is fine>"',
      'unknown rule "no-consumr". Did you mean "no-consumer"?',
      '"unused-directive" cannot be suppressed inline; fix or remove the directive it reports',
      'it names no rule. Write "job-owners-ignore-next-line <rule> -- <reason>"',
      'unknown directive "job-owners-ignore-next-lines". Did you mean "job-owners-ignore-next-line"?',
    ]);
  });

  it('returns nothing for files without directives', () => {
    expect(parseDirectives('// eslint-disable-next-line\nconst x = 1;', FILE)).toEqual([]);
  });
});

describe('applyDirectives', () => {
  const text = [
    '// job-owners-ignore-next-line no-consumer -- partner consumes it', // 1 → 2
    "queue.add('send', {});", // 2
    '// job-owners-ignore-next-line orphan-handler, silent-completion -- legacy', // 3 → 4
    'new Worker("emails", fn);', // 4
    '// job-owners-ignore-next-line no-consumer', // 5: invalid, suppresses nothing
    "queue.add('other', {});", // 6
  ].join('\n');
  const directives = parseDirectives(text, FILE);

  it('suppresses findings of the named rule on the next line only, in the same file', () => {
    const hit = finding('no-consumer', { at: [FILE, 2] });
    const wrongLine = finding('no-consumer', { at: [FILE, 3] });
    const wrongFile = finding('no-consumer', { at: ['apps/web/src/queue.ts', 2] });
    const wrongRule = finding('multiple-owners', { at: [FILE, 2] });
    const viaSecondLocation = finding('silent-completion', {
      locations: [
        { file: 'apps/workers/src/main.ts', line: 4, column: 1 },
        { file: FILE, line: 4, column: 1 },
      ],
    });
    const behindInvalid = finding('no-consumer', { at: [FILE, 6] });
    const outcome = applyDirectives([hit, wrongLine, wrongFile, wrongRule, viaSecondLocation, behindInvalid], directives);
    expect(outcome.suppressed).toEqual([hit, viaSecondLocation]);
    expect(outcome.kept).toEqual([wrongLine, wrongFile, wrongRule, behindInvalid]);
  });

  it('reports unused directives (and unused rule names) and invalid ones as warnings at the comment', () => {
    const outcome = applyDirectives([finding('silent-completion', { at: [FILE, 4] })], directives);
    expect(outcome.unused).toEqual([
      {
        rule: 'unused-directive',
        severity: 'warn',
        queue: null,
        job: null,
        services: [],
        message: 'Unused job-owners-ignore-next-line directive: no "no-consumer" finding on line 2. Remove it.',
        locations: [{ file: FILE, line: 1, column: 1 }],
      },
      {
        rule: 'unused-directive',
        severity: 'warn',
        queue: null,
        job: null,
        services: [],
        message: 'Unused job-owners-ignore-next-line directive: no "orphan-handler" finding on line 4. Remove "orphan-handler" from it.',
        locations: [{ file: FILE, line: 3, column: 1 }],
      },
    ]);
    expect(outcome.invalid).toEqual([
      {
        rule: 'invalid-directive',
        severity: 'warn',
        queue: null,
        job: null,
        services: [],
        message:
          'Invalid job-owners-ignore-next-line directive: a reason is required: "job-owners-ignore-next-line no-consumer -- <why this is fine>". It suppresses nothing until fixed.',
        locations: [{ file: FILE, line: 5, column: 1 }],
      },
    ]);
  });
});
