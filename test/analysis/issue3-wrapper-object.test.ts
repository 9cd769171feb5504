/**
 * Issue #3: methods of an in-house wrapper class start consumers at their call sites
 * (`manager.register(...)` on a `new WorkerManager()`, static `WorkerManager.standalone(...)`);
 * a same-named method on an unrelated object is not a consumer
 * (fixtures/issue3-wrapper-object, see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const BILLING = 'apps/billing/src/main.ts';
const API = 'apps/api/src/main.ts';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-wrapper-object') });
});

describe('issue3-wrapper-object', () => {
  it('finds api and billing as services and exactly two queues (no unresolved wrapper internals)', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'billing', root: 'apps/billing', source: 'workspace' },
    ]);
    expect(result.queues.map((q) => [q.queue, q.owner])).toEqual([
      ['billing', 'billing'],
      ['invoices', 'billing'],
    ]);
  });

  it('locates manager.register(QueueName.Billing, billingProcessor) at the call, analysing billingProcessor', () => {
    expect(consumers(queueNamed(result, 'billing'))).toEqual([
      {
        service: 'billing',
        file: BILLING,
        line: 11,
        column: 1,
        kind: 'worker',
        library: 'bullmq',
        handles: ['charge-card', 'refund'],
        unhandled: 'throws',
        attribution: 'package',
      },
    ]);
  });

  it('locates the static WorkerManager.standalone(QueueName.Invoices, …) at the call', () => {
    expect(consumers(queueNamed(result, 'invoices'))).toEqual([
      { service: 'billing', file: BILLING, line: 12, column: 1, kind: 'worker', library: 'bullmq', handles: '*', attribution: 'package' },
    ]);
  });

  it('ignores plans.register(\'billing\', …) on a PlanRegistry', () => {
    const lines = result.queues.flatMap((q) => q.consumers.filter((c) => c.file === BILLING).map((c) => c.line));
    expect(lines.sort()).toEqual([11, 12]);
  });

  it('sees the api producers', () => {
    expect(result.queues.flatMap((q) => producerViews(q).map((p) => `${q.queue} ${p.service} ${p.file}:${p.line}:${p.column} ${p.kind} ${p.job}`))).toEqual([
      `billing api ${API}:9:36 add charge-card`,
      `billing api ${API}:10:36 add refund`,
      `invoices api ${API}:11:37 add issue-invoice`,
    ]);
  });

  it('maps the job types', () => {
    expect(jobViews(result)).toEqual([
      { queue: 'billing', name: 'charge-card', producers: ['api'], receivers: ['billing'], handlers: ['billing'], status: 'ok' },
      { queue: 'billing', name: 'refund', producers: ['api'], receivers: ['billing'], handlers: ['billing'], status: 'ok' },
      { queue: 'invoices', name: 'issue-invoice', producers: ['api'], receivers: ['billing'], handlers: ['billing'], status: 'ok' },
    ]);
  });

  it('reports nothing: no duplicate-consumer from the PlanRegistry trap', () => {
    expect(findingViews(result)).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });
});
