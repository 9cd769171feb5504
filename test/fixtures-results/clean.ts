import type { JobOwnersResult } from '../../src/model/result.js';

/** Two queues, each owned by exactly one service: nothing to report. */
export function cleanResult(): JobOwnersResult {
  return {
    schemaVersion: 1,
    tool: { name: 'job-owners', version: '1.0.0' },
    services: [
      { name: 'api', root: 'apps/api', source: 'workspace', kind: 'service' },
      { name: 'workers', root: 'apps/workers', source: 'workspace', kind: 'service' },
    ],
    queues: [
      {
        queue: 'emails',
        alternatives: [],
        prefix: 'bull',
        library: 'bullmq',
        owner: 'workers',
        consumers: [
          {
            service: 'workers',
            file: 'apps/workers/src/emails.worker.ts',
            line: 8,
            column: 16,
            kind: 'worker',
            library: 'bullmq',
            handles: ['send-welcome'],
            unhandled: 'throws',
            definition: 'apps/workers/src/emails.worker.ts:8:16',
            attribution: 'package',
            label: 'emailWorker',
            evidence: [{ name: 'send-welcome', file: 'apps/workers/src/emails.worker.ts', line: 10, column: 10 }],
          },
        ],
        producers: [
          {
            service: 'api',
            file: 'apps/api/src/users/users.service.ts',
            line: 31,
            column: 23,
            kind: 'add',
            library: 'bullmq',
            job: 'send-welcome',
            attribution: 'package',
          },
        ],
      },
      {
        queue: 'reports',
        alternatives: [],
        prefix: 'bull',
        library: 'bullmq',
        owner: 'workers',
        consumers: [
          {
            service: 'workers',
            file: 'apps/workers/src/reports.worker.ts',
            line: 5,
            column: 3,
            kind: 'worker',
            library: 'bullmq',
            handles: '*',
            unhandled: 'unknown',
            definition: 'apps/workers/src/reports.worker.ts:5:3',
            attribution: 'package',
            evidence: [],
          },
        ],
        producers: [
          {
            service: 'workers',
            file: 'apps/workers/src/schedule.ts',
            line: 12,
            column: 9,
            kind: 'scheduler',
            library: 'bullmq',
            job: 'nightly-digest',
            attribution: 'package',
          },
        ],
      },
    ],
    jobs: [
      { queue: 'emails', prefix: 'bull', name: 'send-welcome', producers: ['api'], receivers: ['workers'], handlers: ['workers'], status: 'ok' },
      { queue: 'reports', prefix: 'bull', name: 'nightly-digest', producers: ['workers'], receivers: ['workers'], handlers: ['workers'], status: 'ok' },
    ],
    findings: [],
    skipped: [],
    unreached: [],
    summary: { errors: 0, warnings: 0, suppressed: 0 },
  };
}
