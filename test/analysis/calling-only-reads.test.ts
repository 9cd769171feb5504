/**
 * What the relevance filter and the on-demand caller index read (issue 11.3): a service whose
 * only tie to a queue is a dropped call (`await mailQueue.add(kind, {})`) does not make its
 * importers relevant; the importers that name the method are read for their calls, and the
 * rest — twenty screens that use another method — are never parsed. Counted through
 * `--timings` counts (`analyze({ timings })`), not time.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { twoServiceRepo } from '../support/repo-files.js';

const SCREENS = 20;

const files: Record<string, string> = {
  'apps/api/src/queue.ts': `import { Queue } from 'bullmq';
export const mailQueue = new Queue('mail', { connection: {} });`,
  'apps/api/src/mailer.ts': `import { mailQueue } from './queue';
export class Mailer {
  async deliver(kind: string): Promise<void> {
    await mailQueue.add(kind, {});
  }
  lookup(id: string): string {
    return id;
  }
}
export default new Mailer();`,
  'apps/api/src/routes/signup.ts': `import mailer from '../mailer';
export async function signup(): Promise<void> {
  await mailer.deliver('welcome');
}`,
  'apps/api/src/main.ts': [`import { signup } from './routes/signup';`, ...Array.from({ length: SCREENS }, (_, i) => `import './screens/s${i}';`), `void signup();`].join('\n'),
  'apps/worker/src/main.ts': `import { Worker } from 'bullmq';
new Worker('mail', async () => undefined, { connection: {} });`,
};
for (let i = 0; i < SCREENS; i++) {
  files[`apps/api/src/screens/s${i}.ts`] = `import mailer from '../mailer';
export const label${i} = mailer.lookup('s${i}');`;
}

describe('calling-only code: which files are read', () => {
  const root = twoServiceRepo('jo-calling-only-', files);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the producer at its caller and parses neither the screens nor the entry', () => {
    const timings = new Map<string, number>();
    const result = analyze({ root, timings });
    expect(result.queues.map((q) => [q.queue, q.consumers.map((c) => `${c.service} ${c.file}:${c.line}`), q.producers.map((p) => `${p.service} ${p.job} ${p.file}:${p.line}`)])).toEqual([
      ['mail', ['worker apps/worker/src/main.ts:2'], ['api welcome apps/api/src/routes/signup.ts:3']],
    ]);
    expect(result.findings).toEqual([]);
    // The queue, the mailer and the worker are relevant; signup.ts (it names `deliver`) is read
    // for its calls, and main.ts for the call of `signup` that places the producer in the API.
    expect([timings.get('#relevant'), timings.get('#callers'), timings.get('#parsed')]).toEqual([3, 2, 5]);
  });
});
