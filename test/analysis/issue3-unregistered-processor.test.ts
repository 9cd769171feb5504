/**
 * Issue #3: a @Processor class that no reachable module lists, and one listed by an app that
 * never registers a queue, are not consumers (fixtures/issue3-unregistered-processor, EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const LIVE = 'apps/reporting/src/reports/reports.processor.ts';
const OLD = 'apps/reporting/src/reports/old-reports.processor.ts';
const AUDIT_PROCESSOR = 'apps/admin/src/audit/audit.processor.ts';
const AUDIT_SERVICE = 'apps/admin/src/audit/audit.service.ts';
const REPORTS_SERVICE = 'apps/reporting/src/reports/reports.service.ts';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-unregistered-processor') });
});

describe('issue3-unregistered-processor', () => {
  it('finds admin and reporting as services', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'admin', root: 'apps/admin', source: 'workspace' },
      { name: 'reporting', root: 'apps/reporting', source: 'workspace' },
    ]);
  });

  it('keeps only the listed, registered processor as the consumer of reports', () => {
    const q = queueNamed(result, 'reports');
    expect(q.owner).toBe('reporting');
    expect(consumers(q)).toEqual([
      {
        service: 'reporting',
        file: LIVE,
        line: 6,
        column: 1,
        kind: 'nest-processor',
        library: 'bullmq',
        handles: '*',
        attribution: 'nest-module',
      },
    ]);
    expect(producerViews(q)).toEqual([
      { service: 'reporting', file: REPORTS_SERVICE, line: 11, column: 23, kind: 'add', library: 'bullmq', job: 'monthly-report' },
    ]);
  });

  it('gives audit no consumer: admin lists AuditProcessor but registers no queue', () => {
    expect(result.queues.map((q) => q.queue)).toEqual(['audit', 'reports']);
    const q = queueNamed(result, 'audit');
    expect(q.consumers).toEqual([]);
    expect(q.owner).toBeNull();
    expect(producerViews(q)).toEqual([
      { service: 'admin', file: AUDIT_SERVICE, line: 10, column: 11, kind: 'add', library: 'bullmq', job: 'record-login' },
    ]);
  });

  it('maps the job types', () => {
    expect(jobViews(result)).toEqual([
      { queue: 'audit', name: 'record-login', producers: ['admin'], receivers: [], handlers: [], status: 'no-consumer' },
      { queue: 'reports', name: 'monthly-report', producers: ['reporting'], receivers: ['reporting'], handlers: ['reporting'], status: 'ok' },
    ]);
  });

  it('reports no-consumer for audit and both dead processors, and nothing else', () => {
    expect(findingViews(result)).toEqual([
      {
        rule: 'no-consumer',
        severity: 'error',
        queue: 'audit',
        job: 'record-login',
        services: ['admin'],
        locations: [{ file: AUDIT_SERVICE, line: 10, column: 11 }],
      },
      {
        rule: 'unregistered-processor',
        severity: 'warn',
        queue: 'audit',
        job: null,
        services: [],
        locations: [{ file: AUDIT_PROCESSOR, line: 5, column: 1 }],
      },
      {
        rule: 'unregistered-processor',
        severity: 'warn',
        queue: 'reports',
        job: null,
        services: [],
        locations: [{ file: OLD, line: 9, column: 1 }],
      },
    ]);
    expect(result.summary).toEqual({ errors: 1, warnings: 2, suppressed: 0 });
  });

  it('does not read the dead processor as a silent-completion consumer', () => {
    expect(result.findings.filter((f) => f.rule === 'silent-completion' || f.rule === 'orphan-handler')).toEqual([]);
  });
});
