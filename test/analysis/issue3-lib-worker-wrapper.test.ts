/**
 * Issue #3: consumers and producers created through an in-house library wrapper count for the
 * calling service, at the call site; a module-level Worker in a library counts for every service
 * that imports it; one that no service imports runs nowhere (fixtures/issue3-lib-worker-wrapper,
 * see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const ACCOUNTS = 'apps/accounts/src/main.ts';
const PAYMENTS = 'apps/payments/src/main.ts';
const WEB = 'apps/web/src/main.ts';
const HEARTBEAT = 'libs/queue/src/heartbeat.ts';
const DIGEST = 'libs/queue/src/digest.ts';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-lib-worker-wrapper') });
});

describe('issue3-lib-worker-wrapper', () => {
  it('finds the three apps as services; the library is no service of its own', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'accounts', root: 'apps/accounts', source: 'workspace' },
      { name: 'payments', root: 'apps/payments', source: 'workspace' },
      { name: 'web', root: 'apps/web', source: 'workspace' },
    ]);
    expect(result.services.find((s) => s.name === '@tally/queue')).toBeUndefined();
  });

  it('resolves the wrapper at each call site: no unresolved queue for `new Worker(queue, …)` inside initWorker', () => {
    expect(result.queues.map((q) => q.queue)).toEqual(['heartbeat', 'mail', 'sync']);
    expect(result.findings.filter((f) => f.rule === 'unresolved-name')).toEqual([]);
  });

  it('sees one sync consumer per initWorker call site, attributed to the calling service', () => {
    const q = queueNamed(result, 'sync');
    expect(q.owner).toBeNull();
    expect(consumers(q)).toEqual([
      {
        service: 'accounts',
        file: ACCOUNTS,
        line: 5,
        column: 1,
        kind: 'worker',
        library: 'bullmq',
        handles: ['sync-account'],
        unhandled: 'throws',
        attribution: 'package',
      },
      {
        service: 'payments',
        file: PAYMENTS,
        line: 5,
        column: 1,
        kind: 'worker',
        library: 'bullmq',
        handles: '*',
        attribution: 'package',
      },
    ]);
  });

  it('gives mail a single owner, accounts', () => {
    const q = queueNamed(result, 'mail');
    expect(q.owner).toBe('accounts');
    expect(consumers(q)).toEqual([
      {
        service: 'accounts',
        file: ACCOUNTS,
        line: 6,
        column: 1,
        kind: 'worker',
        library: 'bullmq',
        handles: ['send-invoice'],
        unhandled: 'throws',
        attribution: 'package',
      },
    ]);
  });

  it('locates producers of the enqueue() wrapper at its call sites in web', () => {
    expect(producerViews(queueNamed(result, 'sync'))).toEqual([
      { service: 'web', file: WEB, line: 6, column: 11, kind: 'add', library: 'bullmq', job: 'sync-account' },
    ]);
    expect(producerViews(queueNamed(result, 'mail'))).toEqual([
      { service: 'web', file: WEB, line: 8, column: 11, kind: 'add', library: 'bullmq', job: 'send-invoice' },
    ]);
  });

  it('counts the module-level heartbeat Worker for every service importing the package index', () => {
    const q = queueNamed(result, 'heartbeat');
    expect(q.owner).toBeNull();
    const entry = (service: string) => ({
      service,
      file: HEARTBEAT,
      line: 6,
      column: 32,
      kind: 'worker' as const,
      library: 'bullmq' as const,
      handles: '*' as const,
      attribution: 'import' as const,
    });
    expect(consumers(q)).toEqual([entry('accounts'), entry('payments'), entry('web')]);
  });

  it('a Worker in a library file nobody imports runs in no service: unreached-consumer, not a queue', () => {
    expect(result.queues.some((q) => q.queue === 'digest')).toBe(false);
    expect(findingViews(result).filter((f) => f.rule === 'unreached-consumer')).toEqual([
      { rule: 'unreached-consumer', severity: 'warn', queue: 'digest', job: null, services: [], locations: [{ file: DIGEST, line: 5, column: 29 }] },
    ]);
  });

  it('maps the job types', () => {
    expect(jobViews(result)).toEqual([
      { queue: 'mail', name: 'send-invoice', producers: ['web'], receivers: ['accounts'], handlers: ['accounts'], status: 'ok' },
      { queue: 'sync', name: 'sync-account', producers: ['web'], receivers: ['accounts', 'payments'], handlers: ['accounts', 'payments'], status: 'conflict' },
    ]);
  });

  it('reports multiple-owners on heartbeat and sync, nothing on mail, and the unreached digest worker', () => {
    expect(findingViews(result).filter((f) => f.rule !== 'unreached-consumer')).toEqual([
      {
        rule: 'multiple-owners',
        severity: 'error',
        queue: 'heartbeat',
        job: null,
        services: ['accounts', 'payments', 'web'],
        locations: [{ file: HEARTBEAT, line: 6, column: 32 }],
      },
      {
        rule: 'multiple-owners',
        severity: 'error',
        queue: 'sync',
        job: null,
        services: ['accounts', 'payments'],
        locations: [
          { file: ACCOUNTS, line: 5, column: 1 },
          { file: PAYMENTS, line: 5, column: 1 },
        ],
      },
    ]);
    expect(result.summary).toEqual({ errors: 2, warnings: 1, suppressed: 0 });
  });
});
