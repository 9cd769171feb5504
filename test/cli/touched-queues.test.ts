/** The pure part of changed-scope runs: which findings a change's scope keeps (cli/touched-queues.ts). */
import { describe, expect, it } from 'vitest';
import { findingsInScope, touchedQueues } from '../../src/cli/touched-queues.js';
import type { Finding, JobOwnersResult } from '../../src/model/result.js';
import { cleanResult } from '../fixtures-results/clean.js';

const finding = (rule: Finding['rule'], queue: string | null, file = 'apps/x.ts'): Finding => ({ rule, severity: 'error', queue, job: null, services: [], message: 'm', locations: [{ file, line: 1, column: 1 }] });

function withFindings(result: JobOwnersResult, findings: Finding[]): JobOwnersResult {
  return { ...result, findings };
}

describe('touchedQueues', () => {
  const base = cleanResult();
  const names = base.queues.map((q) => q.queue);

  it('nothing differs and nothing changed: no queue is touched', () => {
    expect([...touchedQueues(base, base, new Set())]).toEqual([]);
  });

  it('a consumer that is gone, or handles other names, or moved a line, touches its queue', () => {
    const [first] = names;
    const gone = structuredClone(base);
    gone.queues[0]!.consumers = [];
    expect([...touchedQueues(gone, base, new Set())]).toEqual([first]);
    const handles = structuredClone(base);
    handles.queues[0]!.consumers[0]!.handles = ['other'];
    expect([...touchedQueues(handles, base, new Set())]).toEqual([first]);
    const moved = structuredClone(base);
    moved.queues[0]!.consumers[0]!.line += 3;
    expect([...touchedQueues(moved, base, new Set())]).toEqual([first]);
  });

  it('a queue that exists on one side only is touched', () => {
    const fewer = structuredClone(base);
    fewer.queues = fewer.queues.slice(1);
    expect([...touchedQueues(fewer, base, new Set())]).toEqual([names[0]]);
    expect([...touchedQueues(base, undefined, new Set())].sort()).toEqual([...names].sort());
  });

  it('a producer or consumer in a changed file touches its queue, on either side', () => {
    const file = base.queues[0]!.consumers[0]!.file;
    expect([...touchedQueues(base, base, new Set([file]))]).toEqual([names[0]]);
  });
});

describe('findingsInScope', () => {
  const base = cleanResult();
  const current = withFindings(base, [finding('no-consumer', base.queues[0]!.queue), finding('no-consumer', 'elsewhere'), finding('unused-directive', null, 'apps/changed.ts'), finding('unreadable-input', null, 'apps/locked')]);

  it('keeps findings on touched queues, findings in changed files and unreadable inputs', () => {
    const gone = structuredClone(current);
    gone.queues[0]!.consumers = [];
    expect(findingsInScope(gone, base, new Set(['apps/changed.ts'])).map((f) => `${f.rule}:${f.queue}`)).toEqual([`no-consumer:${base.queues[0]!.queue}`, 'unused-directive:null', 'unreadable-input:null']);
  });

  it('a change to the config file keeps everything', () => {
    expect(findingsInScope(current, base, new Set(), { everything: true })).toEqual(current.findings);
  });
});
