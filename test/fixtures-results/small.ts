import type { JobOwnersResult } from '../../src/model/result.js';
import { audiobookResult } from './audiobook.js';

/**
 * The SPEC §1 incident as the analysis reports it once every optional field is filled in:
 * symbols on every site, processes with their entry files, a queue with an alternative name,
 * site counts, findings split into summary and advice, one site whose queue is unresolved,
 * and findings accepted by a directive, the config's `ignore` and the baseline.
 */
export function smallResult(): JobOwnersResult {
  const base = audiobookResult();
  const [queue] = base.queues;
  const [processor, worker] = queue!.consumers;
  const [addEpub, addAudio] = queue!.producers;
  return {
    ...base,
    services: [
      { ...base.services[0]!, entry: 'apps/api/src/main.ts', foundAt: [{ file: 'Procfile', line: 1 }] },
      { ...base.services[1]!, entry: 'apps/workers/src/main.ts', foundAt: [{ file: 'Procfile', line: 2 }, { file: 'docker-compose.yml', line: 14 }] },
    ],
    queues: [
      {
        queue: '<unresolved>',
        alternatives: [],
        prefix: 'bull',
        library: 'bullmq',
        owner: null,
        consumers: [],
        producers: [{ service: 'api', file: 'apps/api/src/tenants.ts', line: 9, column: 5, kind: 'add', library: 'bullmq', job: 'provision', attribution: 'package', symbol: 'TenantService.provision' }],
      },
      {
        ...queue!,
        alternatives: ['{audio-processing}'],
        consumers: [{ ...processor!, symbol: 'AudioProcessor.process' }, { ...worker!, symbol: '<module>' }],
        producers: [{ ...addEpub!, symbol: 'BooksService.upload' }, { ...addAudio!, symbol: 'AudioPipeline.next' }],
      },
    ],
    findings: [
      {
        ...base.findings[0]!,
        summary: 'Queue "audio-processing" is consumed by 2 services: api, workers',
        advice: 'BullMQ never routes by job name, so these services race for every job on it ("generate-audio", "parse-epub"). Let one service own "audio-processing" and remove the other consumers.',
        message: 'Queue "audio-processing" is consumed by 2 services: api, workers. BullMQ never routes by job name, so these services race for every job on it ("generate-audio", "parse-epub"). Let one service own "audio-processing" and remove the other consumers.',
      },
      {
        ...base.findings[1]!,
        summary: 'This consumer of "audio-processing" (AudioProcessor) completes jobs it does not handle',
        advice: 'It handles only "parse-epub" and returns for any other job name, which marks those jobs completed without doing the work.',
        message: 'This consumer of "audio-processing" (AudioProcessor) completes jobs it does not handle. It handles only "parse-epub" and returns for any other job name, which marks those jobs completed without doing the work.',
      },
      {
        rule: 'unresolved-name',
        severity: 'warn',
        queue: null,
        job: null,
        services: ['api'],
        summary: 'The queue name of this producer cannot be resolved statically: `tenantQueue(id)`',
        advice: 'It comes from a parameter, so job-owners cannot check its ownership. Use a string constant.',
        message: 'The queue name of this producer cannot be resolved statically: `tenantQueue(id)`. It comes from a parameter, so job-owners cannot check its ownership. Use a string constant.',
        locations: [{ file: 'apps/api/src/tenants.ts', line: 9, column: 5 }],
      },
    ],
    suppressedFindings: [
      {
        rule: 'orphan-handler', severity: 'warn', queue: 'audio-processing', job: 'cleanup', services: ['workers'],
        summary: 'Job "cleanup" is handled on queue "audio-processing", but nothing in the repository adds it', advice: 'Remove the dead handler.',
        message: 'Job "cleanup" is handled on queue "audio-processing", but nothing in the repository adds it. Remove the dead handler.',
        locations: [{ file: 'apps/workers/src/main.ts', line: 12, column: 10 }],
        suppression: { kind: 'inSource', source: 'directive', justification: 'produced by the ops cron outside this repository', location: { file: 'apps/workers/src/main.ts', line: 11, column: 5 } },
      },
      {
        rule: 'no-consumer', severity: 'error', queue: 'exports', job: 'csv', services: ['api'],
        summary: 'Job "csv" is added to queue "exports", but no service consumes that queue', advice: 'These jobs wait forever.',
        message: 'Job "csv" is added to queue "exports", but no service consumes that queue. These jobs wait forever.',
        locations: [{ file: 'apps/api/src/exports.ts', line: 3, column: 1 }],
        suppression: { kind: 'external', source: 'ignore', justification: 'the data team consumes it', location: { file: '.jobownershiprc.json', line: 1, column: 1 } },
      },
      {
        rule: 'duplicate-consumer', severity: 'warn', queue: 'audio-processing', job: null, services: ['workers'],
        summary: 'Service "workers" starts 2 different consumers on queue "audio-processing"', advice: 'Merge them.',
        message: 'Service "workers" starts 2 different consumers on queue "audio-processing". Merge them.',
        locations: [{ file: 'apps/workers/src/main.ts', line: 4, column: 16 }],
        suppression: { kind: 'external', source: 'baseline', justification: 'Known finding recorded in job-owners-baseline.json' },
      },
    ],
    summary: { errors: 1, warnings: 2, suppressed: 3, sites: { queues: 1, producers: 2, consumers: 2, unresolved: 1 } },
  };
}
