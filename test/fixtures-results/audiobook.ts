import type { JobOwnersResult } from '../../src/model/result.js';

/**
 * The incident of SPEC §1: the API's NestJS processor and the Workers' Worker both consume
 * `audio-processing`; the API completes every job it does not handle.
 */
export function audiobookResult(): JobOwnersResult {
  return {
    schemaVersion: 1,
    tool: { name: 'job-owners', version: '1.0.0' },
    services: [
      { name: 'api', root: 'apps/api', source: 'workspace', kind: 'service' },
      { name: 'workers', root: 'apps/workers', source: 'workspace', kind: 'service' },
    ],
    queues: [
      {
        queue: 'audio-processing',
        alternatives: [],
        prefix: 'bull',
        library: 'bullmq',
        owner: null,
        consumers: [
          {
            service: 'api',
            file: 'apps/api/src/audio/audio.processor.ts',
            line: 5,
            column: 1,
            kind: 'nest-processor',
            library: 'bullmq',
            handles: ['parse-epub'],
            unhandled: 'completes',
            definition: 'apps/api/src/audio/audio.processor.ts:5:1',
            attribution: 'nest-module',
            label: 'AudioProcessor',
            evidence: [{ name: 'parse-epub', file: 'apps/api/src/audio/audio.processor.ts', line: 9, column: 7 }],
          },
          {
            service: 'workers',
            file: 'apps/workers/src/main.ts',
            line: 4,
            column: 16,
            kind: 'worker',
            library: 'bullmq',
            handles: ['generate-audio', 'parse-epub'],
            unhandled: 'throws',
            definition: 'apps/workers/src/main.ts:4:16',
            attribution: 'package',
            evidence: [
              { name: 'parse-epub', file: 'apps/workers/src/main.ts', line: 6, column: 10 },
              { name: 'generate-audio', file: 'apps/workers/src/main.ts', line: 9, column: 10 },
            ],
          },
        ],
        producers: [
          {
            service: 'api',
            file: 'apps/api/src/books/books.service.ts',
            line: 42,
            column: 28,
            kind: 'add',
            library: 'bullmq',
            job: 'parse-epub',
            attribution: 'package',
          },
          {
            service: 'workers',
            file: 'apps/workers/src/audio/pipeline.ts',
            line: 17,
            column: 11,
            kind: 'add',
            library: 'bullmq',
            job: 'generate-audio',
            attribution: 'package',
          },
        ],
      },
    ],
    jobs: [
      {
        queue: 'audio-processing', prefix: 'bull',
        name: 'generate-audio',
        producers: ['workers'],
        receivers: ['api', 'workers'],
        handlers: ['workers'],
        status: 'conflict',
      },
      {
        queue: 'audio-processing', prefix: 'bull',
        name: 'parse-epub',
        producers: ['api'],
        receivers: ['api', 'workers'],
        handlers: ['api', 'workers'],
        status: 'conflict',
      },
    ],
    findings: [
      {
        rule: 'multiple-owners',
        severity: 'error',
        queue: 'audio-processing',
        job: null,
        services: ['api', 'workers'],
        message:
          'Queue audio-processing is consumed by 2 services (api, workers); they race for every job (generate-audio, parse-epub). Keep all consumers of a queue in one service.',
        locations: [
          { file: 'apps/api/src/audio/audio.processor.ts', line: 5, column: 1 },
          { file: 'apps/workers/src/main.ts', line: 4, column: 16 },
        ],
      },
      {
        rule: 'silent-completion',
        severity: 'warn',
        queue: 'audio-processing',
        job: null,
        services: ['api'],
        message:
          'AudioProcessor returns early for job names it does not handle, so BullMQ marks them completed. Throw for unknown names.',
        locations: [{ file: 'apps/api/src/audio/audio.processor.ts', line: 9, column: 7 }],
      },
    ],
    skipped: [],
    unreached: [],
    summary: { errors: 1, warnings: 1, suppressed: 0 },
  };
}
