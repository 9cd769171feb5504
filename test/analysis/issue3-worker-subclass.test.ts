/**
 * Issue #3: Worker subclasses. A fixed queue inside the subclass is located at its `super(`;
 * a queue passed through constructor parameters is located at the `new` site. Only the service
 * that instantiates the class consumes (fixtures/issue3-worker-subclass, see its EXPECTED.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import type { JobOwnersResult } from '../../src/model/result.js';
import { consumers, findingViews, fixturePath, jobViews, producerViews, queueNamed, serviceViews } from './helpers.js';


const MAILER = 'apps/mailer/src/main.ts';
const MAIL_WORKER = 'packages/workers-core/src/mail-worker.ts';
const API = 'apps/api/src/main.ts';

let result: JobOwnersResult;

beforeAll(() => {
  result = analyze({ root: fixturePath('issue3-worker-subclass') });
});

describe('issue3-worker-subclass', () => {
  it('finds api and mailer as services', () => {
    expect(serviceViews(result)).toEqual([
      { name: 'api', root: 'apps/api', source: 'workspace' },
      { name: 'mailer', root: 'apps/mailer', source: 'workspace' },
    ]);
  });

  it('has exactly the three queues, each owned by mailer (no unresolved `super(name, …)` in BaseWorker)', () => {
    expect(result.queues.map((q) => [q.queue, q.owner])).toEqual([
      ['bounces', 'mailer'],
      ['digest', 'mailer'],
      ['mail', 'mailer'],
    ]);
  });

  it('locates MailWorker (queue fixed two levels down) at its super( call, attributed to mailer only', () => {
    expect(consumers(queueNamed(result, 'mail'))).toEqual([
      {
        service: 'mailer',
        file: MAIL_WORKER,
        line: 7,
        column: 5,
        kind: 'worker',
        library: 'bullmq',
        handles: ['send-receipt', 'send-welcome'],
        unhandled: 'throws',
        attribution: 'import',
      },
    ]);
  });

  it('does not count the type-only `import type { MailWorker }` in api as running the worker', () => {
    const services = queueNamed(result, 'mail').consumers.map((c) => c.service);
    expect(services).not.toContain('api');
  });

  it('locates `new BaseWorker(QUEUES.BOUNCES, handleBounce)` at the new expression', () => {
    expect(consumers(queueNamed(result, 'bounces'))).toEqual([
      { service: 'mailer', file: MAILER, line: 7, column: 3, kind: 'worker', library: 'bullmq', handles: '*', attribution: 'package' },
    ]);
  });

  it('follows the queue parameter through two constructors: `new DigestWorker(QUEUES.DIGEST)`', () => {
    expect(consumers(queueNamed(result, 'digest'))).toEqual([
      {
        service: 'mailer',
        file: MAILER,
        line: 8,
        column: 3,
        kind: 'worker',
        library: 'bullmq',
        handles: ['daily-digest', 'weekly-digest'],
        unhandled: 'throws',
        attribution: 'package',
      },
    ]);
  });

  it('sees the api producers', () => {
    expect(result.queues.flatMap((q) => producerViews(q).map((p) => `${q.queue} ${p.service} ${p.file}:${p.line}:${p.column} ${p.job}`))).toEqual([
      `bounces api ${API}:22:13 process-bounce`,
      `digest api ${API}:25:13 daily-digest`,
      `digest api ${API}:28:13 weekly-digest`,
      `mail api ${API}:16:13 send-welcome`,
      `mail api ${API}:19:13 send-receipt`,
    ]);
  });

  it('maps every job type to mailer', () => {
    expect(jobViews(result)).toEqual(
      [
        ['bounces', 'process-bounce'],
        ['digest', 'daily-digest'],
        ['digest', 'weekly-digest'],
        ['mail', 'send-receipt'],
        ['mail', 'send-welcome'],
      ].map(([queue, name]) => ({ queue, name, producers: ['api'], receivers: ['mailer'], handlers: ['mailer'], status: 'ok' })),
    );
  });

  it('reports nothing', () => {
    expect(findingViews(result)).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
  });
});
