/**
 * Issue #3: plain Bull. One consumer per Queue instance with .process calls (names union,
 * unhandled names fail); produced names without a handler → unhandled-job; Bull and BullMQ on
 * one queue name → mixed-libraries (fixtures/issue3-bull-basic, see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const API = 'apps/api/src/main.ts';
const W = 'apps/worker/src';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-bull-basic') });
});

describe('issue3-bull-basic', () => {
  it('finds api and worker; every queue is owned by worker', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'worker', root: 'apps/worker', source: 'workspace' },
    ]);
    expect(result.queues.map((q) => [q.queue, q.prefix, q.library, q.owner])).toEqual([
      ['email', 'bull', 'bull', 'worker'],
      ['events', 'bull', 'mixed', 'worker'],
      ['image', 'bull', 'bull', 'worker'],
      ['thumbs', 'bull', 'bull', 'worker'],
    ]);
  });

  it('groups the three .process calls on emailQueue into one consumer at the first call', () => {
    expect(consumers(queueNamed(result, 'email'))).toEqual([
      {
        service: 'worker',
        file: `${W}/email.ts`,
        line: 6,
        column: 1,
        kind: 'bull-process',
        library: 'bull',
        handles: ['__default__', 'receipt', 'welcome'],
        unhandled: 'throws',
        attribution: 'package',
      },
    ]);
  });

  it('reads Queue(...) without new and .process(\'*\', fn) as handling every name', () => {
    expect(consumers(queueNamed(result, 'image'))).toEqual([
      { service: 'worker', file: `${W}/image.ts`, line: 7, column: 1, kind: 'bull-process', library: 'bull', handles: '*', attribution: 'package' },
    ]);
  });

  it('reads new Bull(...) with .process(3, file) as handling __default__', () => {
    expect(consumers(queueNamed(result, 'thumbs'))).toEqual([
      {
        service: 'worker',
        file: `${W}/thumbs.ts`,
        line: 8,
        column: 1,
        kind: 'bull-process',
        library: 'bull',
        handles: ['__default__'],
        unhandled: 'throws',
        attribution: 'package',
      },
    ]);
  });

  it('sees the BullMQ Worker on events', () => {
    expect(consumers(queueNamed(result, 'events'))).toEqual([
      { service: 'worker', file: `${W}/events.ts`, line: 5, column: 29, kind: 'worker', library: 'bullmq', handles: '*', attribution: 'package' },
    ]);
  });

  it('reads Bull producers: add(name, data) and add(data) → __default__; the api Queues consume nothing', () => {
    const all = result.queues.flatMap((q) => producerViews(q).map((p) => `${q.queue} ${p.service} ${p.file}:${p.line}:${p.column} ${p.library} ${p.job}`));
    expect(all).toEqual([
      `email api ${API}:14:9 bull welcome`,
      `email api ${API}:20:9 bull receipt`,
      `email api ${API}:21:9 bull __default__`,
      `email api ${API}:26:9 bull password-reset`,
      `events api ${API}:15:9 bull track`,
      `image api ${API}:31:9 bull resize`,
      `image api ${API}:32:9 bull crop`,
      `thumbs api ${API}:33:9 bull __default__`,
    ]);
  });

  it('maps the job types', () => {
    const ok = (queue: string, name: string) => ({ queue, name, producers: ['api'], receivers: ['worker'], handlers: ['worker'], status: 'ok' });
    expect(jobViews(result)).toEqual([
      ok('email', '__default__'),
      { queue: 'email', name: 'password-reset', producers: ['api'], receivers: ['worker'], handlers: [], status: 'unhandled' },
      ok('email', 'receipt'),
      ok('email', 'welcome'),
      ok('events', 'track'),
      ok('image', 'crop'),
      ok('image', 'resize'),
      ok('thumbs', '__default__'),
    ]);
  });

  it('reports mixed-libraries on events and unhandled-job for password-reset, nothing else', () => {
    expect(findingViews(result)).toEqual([
      {
        rule: 'mixed-libraries',
        severity: 'error',
        queue: 'events',
        job: null,
        services: ['api', 'worker'],
        locations: [
          { file: API, line: 15, column: 9 },
          { file: `${W}/events.ts`, line: 5, column: 29 },
        ],
      },
      {
        rule: 'unhandled-job',
        severity: 'error',
        queue: 'email',
        job: 'password-reset',
        services: ['worker'],
        locations: [{ file: API, line: 26, column: 9 }],
      },
    ]);
    expect(result.summary).toEqual({ errors: 2, warnings: 0, suppressed: 0 });
  });

  it('says that Bull fails the unhandled job', () => {
    const finding = result.findings.find((f) => f.rule === 'unhandled-job')!;
    expect(finding.message).toMatch(/fail/i);
    expect(finding.message).not.toMatch(/completed without/i);
  });
});
