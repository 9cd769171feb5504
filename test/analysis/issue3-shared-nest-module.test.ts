/**
 * Issue #3: a processor in a shared Nest library module runs in every app that imports the
 * module (fixtures/issue3-shared-nest-module, see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const PROCESSOR = 'libs/notifications/src/email.processor.ts';
const USERS_SERVICE = 'apps/api/src/users/users.service.ts';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-shared-nest-module') });
});

describe('issue3-shared-nest-module', () => {
  it('finds api and worker as services, @relay/notifications as a library', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'worker', root: 'apps/worker', source: 'workspace' },
    ]);
    const lib = result.services.find((s) => s.name === '@relay/notifications');
    // Its processor runs in the apps (nest-module attribution), so the library itself is not listed.
    expect(lib).toBeUndefined();
  });

  it('has one queue, email, with no single owner', () => {
    expect(result.queues.map((q) => q.queue)).toEqual(['email']);
    const q = queueNamed(result, 'email');
    expect(q.library).toBe('bullmq');
    expect(q.prefix).toBe('bull');
    expect(q.owner).toBeNull();
  });

  it('counts the library processor once in each app that imports NotificationsModule', () => {
    const expected = (service: string) => ({
      service,
      file: PROCESSOR,
      line: 6,
      column: 1,
      kind: 'nest-processor' as const,
      library: 'bullmq' as const,
      handles: ['password-reset', 'welcome'],
      unhandled: 'throws' as const,
      attribution: 'nest-module' as const,
    });
    expect(consumers(queueNamed(result, 'email'))).toEqual([expected('api'), expected('worker')]);
  });

  it('sees the two producers in api', () => {
    expect(producerViews(queueNamed(result, 'email'))).toEqual([
      { service: 'api', file: USERS_SERVICE, line: 13, column: 11, kind: 'add', library: 'bullmq', job: 'welcome' },
      { service: 'api', file: USERS_SERVICE, line: 19, column: 11, kind: 'add', library: 'bullmq', job: 'password-reset' },
    ]);
  });

  it('maps both job types to both receiving apps', () => {
    expect(jobViews(result)).toEqual([
      { queue: 'email', name: 'password-reset', producers: ['api'], receivers: ['api', 'worker'], handlers: ['api', 'worker'], status: 'conflict' },
      { queue: 'email', name: 'welcome', producers: ['api'], receivers: ['api', 'worker'], handlers: ['api', 'worker'], status: 'conflict' },
    ]);
  });

  it('reports multiple-owners naming api and worker, and nothing else', () => {
    expect(findingViews(result)).toEqual([
      {
        rule: 'multiple-owners',
        severity: 'error',
        queue: 'email',
        job: null,
        services: ['api', 'worker'],
        locations: [{ file: PROCESSOR, line: 6, column: 1 }],
      },
    ]);
    expect(result.summary).toEqual({ errors: 1, warnings: 0, suppressed: 0 });
  });
});
