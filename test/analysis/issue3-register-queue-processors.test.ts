/**
 * Issue #3: BullModule.registerQueue({ processors: [...] }) starts workers with no decorator:
 * a sandboxed file path (mapped back to its .ts source) and a { callback } entry
 * (fixtures/issue3-register-queue-processors, see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const MODULE = 'apps/documents/src/app.module.ts';
const API = 'apps/api/src/main.ts';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-register-queue-processors') });
});

describe('issue3-register-queue-processors', () => {
  it('finds api and documents as services', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'documents', root: 'apps/documents', source: 'workspace' },
    ]);
    expect(result.queues.map((q) => [q.queue, q.owner, q.library])).toEqual([
      ['pdf', 'documents', 'bullmq'],
      ['previews', 'documents', 'bullmq'],
    ]);
  });

  it('reads join(__dirname, \'pdf.processor.js\') as a consumer and analyses src/pdf.processor.ts', () => {
    expect(consumers(queueNamed(result, 'pdf'))).toEqual([
      {
        service: 'documents',
        file: MODULE,
        line: 14,
        column: 22,
        kind: 'register-queue',
        library: 'bullmq',
        handles: ['render-invoice', 'render-statement'],
        unhandled: 'throws',
        attribution: 'nest-module',
      },
    ]);
    const evidence = queueNamed(result, 'pdf').consumers[0]!.evidence.map((e) => `${e.name} ${e.file}:${e.line}`).sort();
    expect(evidence).toEqual([
      'render-invoice apps/documents/src/pdf.processor.ts:7',
      'render-statement apps/documents/src/pdf.processor.ts:9',
    ]);
  });

  it('reads a { callback } entry as a consumer', () => {
    expect(consumers(queueNamed(result, 'previews'))).toEqual([
      {
        service: 'documents',
        file: MODULE,
        line: 18,
        column: 22,
        kind: 'register-queue',
        library: 'bullmq',
        handles: '*',
        attribution: 'nest-module',
      },
    ]);
  });

  it('sees the api producers', () => {
    expect(producerViews(queueNamed(result, 'pdf'))).toEqual([
      { service: 'api', file: API, line: 11, column: 21, kind: 'add', library: 'bullmq', job: 'render-invoice' },
      { service: 'api', file: API, line: 16, column: 21, kind: 'add', library: 'bullmq', job: 'render-statement' },
    ]);
    expect(producerViews(queueNamed(result, 'previews'))).toEqual([
      { service: 'api', file: API, line: 17, column: 9, kind: 'add', library: 'bullmq', job: 'render-preview' },
    ]);
  });

  it('maps every job type to documents', () => {
    expect(jobViews(result)).toEqual([
      { queue: 'pdf', name: 'render-invoice', producers: ['api'], receivers: ['documents'], handlers: ['documents'], status: 'ok' },
      { queue: 'pdf', name: 'render-statement', producers: ['api'], receivers: ['documents'], handlers: ['documents'], status: 'ok' },
      { queue: 'previews', name: 'render-preview', producers: ['api'], receivers: ['documents'], handlers: ['documents'], status: 'ok' },
    ]);
  });

  it('reports nothing (in particular no no-consumer: the queues have workers without @Processor)', () => {
    expect(findingViews(result)).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });
});
