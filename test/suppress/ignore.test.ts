import { describe, expect, it } from 'vitest';
import { applyIgnores } from '../../src/suppress/ignore.js';
import { finding } from './findings.js';

describe('applyIgnores', () => {
  const a = finding('no-consumer', { queue: 'webhooks', job: 'deliver' });
  const b = finding('no-consumer', { queue: 'webhooks', job: 'retry' });
  const c = finding('orphan-handler', { queue: 'audio', job: 'legacy' });
  const d = finding('orphan-handler', { queue: 'audio', job: 'current' });

  it('matches on rule, and on queue and job when the entry gives them', () => {
    const outcome = applyIgnores(
      [a, b, c, d],
      [
        { rule: 'no-consumer', queue: 'webhooks', reason: 'partner repo consumes every webhook' },
        { rule: 'orphan-handler', queue: 'audio', job: 'legacy', reason: 'mobile backend still produces it' },
      ],
      '.jobownershiprc.json',
    );
    expect(outcome.suppressed).toEqual([a, b, c]);
    expect(outcome.kept).toEqual([d]);
    expect(outcome.unused).toEqual([]);
  });

  it('a rule-only entry matches every finding of the rule; overlapping entries are all used', () => {
    const outcome = applyIgnores(
      [c],
      [
        { rule: 'orphan-handler', reason: 'we produce from outside the repo' },
        { rule: 'orphan-handler', queue: 'audio', reason: 'same, narrower' },
      ],
      null,
    );
    expect(outcome.suppressed).toEqual([c]);
    expect(outcome.unused).toEqual([]);
  });

  it('reports entries that match nothing, naming the entry', () => {
    const outcome = applyIgnores([a], [{ rule: 'mixed-libraries', queue: 'emails', job: 'send', reason: 'old' }], '.jobownershiprc.json');
    expect(outcome.kept).toEqual([a]);
    expect(outcome.unused).toEqual([
      {
        rule: 'unused-directive',
        severity: 'warn',
        queue: 'emails',
        job: 'send',
        services: [],
        message: 'Unused ignore entry ignore[0] in .jobownershiprc.json (rule "mixed-libraries", queue "emails", job "send"): it matches no finding. Remove it.',
        locations: [{ file: '.jobownershiprc.json', line: 1, column: 1 }],
      },
    ]);
  });
});
