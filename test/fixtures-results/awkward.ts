import type { JobOwnersResult } from '../../src/model/result.js';

/**
 * Names that break naive escaping: `:` `,` `%` in a queue, a newline and quotes in job names,
 * `|` backticks and `#` in a second queue, HTML in a job name, spaces and parentheses in
 * file paths, a finding without location and a skipped file.
 */
export const MAIL_QUEUE = 'mail:out,100%';
export const LEGACY_QUEUE = 'a|b `c` #1';
export const NEWLINE_JOB = 'send\nnow';
export const QUOTED_JOB = 'say "hi"';
export const HTML_JOB = '<b>&amp;';

export function awkwardResult(): JobOwnersResult {
  return {
    schemaVersion: 1,
    tool: { name: 'job-owners', version: '1.0.0' },
    services: [
      { name: '@acme/api', root: 'apps/api', source: 'workspace', kind: 'service' },
      { name: '@acme/workers', root: 'apps/mail service', source: 'workspace', kind: 'service' },
    ],
    queues: [
      {
        queue: LEGACY_QUEUE,
        alternatives: [],
        prefix: 'custom',
        library: 'bull',
        owner: null,
        consumers: [],
        producers: [
          {
            service: '@acme/api',
            file: 'apps/api/src/legacy.ts',
            line: 7,
            column: 3,
            kind: 'add',
            library: 'bull',
            job: HTML_JOB,
            attribution: 'package',
          },
        ],
      },
      {
        queue: MAIL_QUEUE,
        alternatives: [],
        prefix: 'bull',
        library: 'bullmq',
        owner: '@acme/workers',
        consumers: [
          {
            service: '@acme/workers',
            file: 'apps/mail service/src/mail worker.ts',
            line: 3,
            column: 7,
            kind: 'worker',
            library: 'bullmq',
            handles: [QUOTED_JOB, NEWLINE_JOB],
            unhandled: 'unknown',
            definition: 'apps/mail service/src/mail worker.ts:3:7',
            attribution: 'package',
            conditions: ['MAIL_ENABLED is set'],
            evidence: [],
          },
        ],
        producers: [
          {
            service: '@acme/api',
            file: 'apps/api/src/notify (old).ts',
            line: 12,
            column: 5,
            kind: 'add',
            library: 'bullmq',
            job: NEWLINE_JOB,
            attribution: 'package',
          },
          {
            service: '@acme/api',
            file: 'apps/api/src/notify (old).ts',
            line: 14,
            column: 5,
            kind: 'add',
            library: 'bullmq',
            job: QUOTED_JOB,
            attribution: 'package',
          },
        ],
      },
    ],
    jobs: [
      { queue: LEGACY_QUEUE, prefix: 'custom', name: HTML_JOB, producers: ['@acme/api'], receivers: [], handlers: [], status: 'no-consumer' },
      {
        queue: MAIL_QUEUE,
        prefix: 'bull',
        name: QUOTED_JOB,
        producers: ['@acme/api'],
        receivers: ['@acme/workers'],
        handlers: ['@acme/workers'],
        status: 'ok',
      },
      {
        queue: MAIL_QUEUE,
        prefix: 'bull',
        name: NEWLINE_JOB,
        producers: ['@acme/api'],
        receivers: ['@acme/workers'],
        handlers: ['@acme/workers'],
        status: 'ok',
      },
    ],
    findings: [
      {
        rule: 'no-consumer',
        severity: 'error',
        queue: LEGACY_QUEUE,
        job: HTML_JOB,
        services: ['@acme/api'],
        message: `Job ${HTML_JOB} is produced on queue ${LEGACY_QUEUE} but no service consumes it; add a consumer or remove the producer.`,
        locations: [{ file: 'apps/api/src/legacy.ts', line: 7, column: 3 }],
      },
      {
        rule: 'owner-mismatch',
        severity: 'error',
        queue: MAIL_QUEUE,
        job: NEWLINE_JOB,
        services: ['@acme/workers'],
        message: `The config says ${MAIL_QUEUE}:${NEWLINE_JOB} belongs to billing, but @acme/workers consumes it.`,
        locations: [],
      },
      {
        rule: 'unresolved-name',
        severity: 'warn',
        queue: null,
        job: null,
        services: ['@acme/api'],
        message: 'Queue name "process.env.QUEUE" cannot be resolved statically; use a constant.',
        locations: [{ file: 'apps/api/src/notify (old).ts', line: 20, column: 15 }],
      },
    ],
    skipped: [{ file: 'apps/api/src/broken file.ts', reason: 'parse error: Unexpected token (3:1)' }],
    unreached: [],
    summary: { errors: 2, warnings: 1, suppressed: 1 },
  };
}
