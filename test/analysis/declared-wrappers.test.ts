import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, loadConfig } from '../../src/index.js';

const root = path.resolve(__dirname, '../../fixtures/declared-wrappers');

describe('declared-wrappers (config `workers`)', () => {
  it('detects calls to the declared consumer and producer wrappers', async () => {
    const config = await loadConfig({ cwd: root });
    const result = analyze({ root, config });
    expect(result.queues.map((q) => ({ queue: q.queue, owner: q.owner }))).toEqual([{ queue: 'emails', owner: 'mailer' }]);
    const [queue] = result.queues;
    expect(queue!.consumers.map((c) => [c.service, `${c.file}:${c.line}:${c.column}`, c.handles, c.unhandled])).toEqual([
      ['mailer', 'apps/mailer/src/main.ts:6:27', ['receipt', 'welcome'], 'throws'],
    ]);
    expect(queue!.producers.map((p) => [p.service, p.job, p.line, p.column])).toEqual([
      ['api', 'welcome', 4, 9],
      ['api', 'receipt', 8, 9],
      ['api', 'refund-issued', 9, 9],
    ]);
    expect(result.findings.map((f) => [f.rule, f.severity, f.queue, f.job, f.services, f.locations])).toEqual([
      ['unhandled-job', 'error', 'emails', 'refund-issued', ['mailer'], [{ file: 'apps/api/src/main.ts', line: 9, column: 9 }]],
    ]);
  });

  it('sees nothing without the declaration (the package is opaque)', () => {
    const result = analyze({ root });
    expect(result.queues).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
