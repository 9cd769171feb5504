/**
 * Queues held in caches and singletons (issue 12.3/12.4), RuleTester style: each valid case is
 * code where every producer resolves to its queue and job; the invalid ones must say why they
 * do not resolve instead of dropping the site.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { twoServiceRepo } from '../support/repo-files.js';

const WORKERS = "import { Worker } from 'bullmq';\nfor (const q of ['a', 'b', 'emails']) new Worker(q, async () => {}, { connection: {} });\n";

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

function producersOf(api: string, lib?: string): string[] {
  const root = twoServiceRepo('jo-holders-', { 'apps/worker/src/main.ts': WORKERS, 'apps/api/src/main.ts': api, ...(lib ? { 'apps/api/src/queues.ts': lib } : {}) });
  roots.push(root);
  const result = analyze({ root });
  const sites = result.queues.flatMap((q) => q.producers.map((p) => `${q.queue}:${p.job} ${p.file}:${p.line}`));
  const unresolved = result.findings.filter((f) => f.rule === 'unresolved-name').map((f) => `unresolved ${f.locations.map((l) => `${l.file}:${l.line}`).join(' ')}`);
  return [...sites, ...unresolved].sort();
}

const CACHE = "import { Queue } from 'bullmq';\nconst queues = new Map<string, Queue>();\nexport function getQueue(name: string): Queue {\n  if (!queues.has(name)) queues.set(name, new Queue(name));\n  return queues.get(name)!;\n}\n";

describe('valid: the queue is known at every producer', () => {
  it.each([
    {
      name: 'a Map cache filled by a getter: each call site names its queue',
      lib: CACHE,
      api: "import { getQueue } from './queues';\ngetQueue('a').add('one', {});\ngetQueue('b').add('two', {});\n",
      expected: ['a:one apps/api/src/main.ts:2', 'b:two apps/api/src/main.ts:3'],
    },
    {
      name: 'every queue of the cache (Map#values): one producer per queue set anywhere',
      lib: `${CACHE}export function pauseAll() { for (const q of queues.values()) void q.add('pause', {}); }\n`,
      api: "import { getQueue, pauseAll } from './queues';\ngetQueue('a');\ngetQueue('b');\npauseAll();\n",
      // Reported where each queue entered the cache (the name is supplied there), as a
      // `jobManager.register(workload)` that a later `start()` loop runs is.
      expected: ['a:pause apps/api/src/main.ts:2', 'b:pause apps/api/src/main.ts:3'],
    },
    {
      name: 'a lazy singleton (??=) made on first use',
      lib: "import { Queue } from 'bullmq';\nlet queue: Queue | undefined;\nexport const emails = () => (queue ??= new Queue('emails'));\n",
      api: "import { emails } from './queues';\nawait emails().add('welcome', {});\n",
      expected: ['emails:welcome apps/api/src/main.ts:2'],
    },
    {
      name: 'a cache-or-create let: `let q = cache[name]; if (!q) { q = new Queue(name); cache[name] = q }`',
      lib: "import { Queue } from 'bullmq';\nconst cache: Record<string, Queue> = {};\nexport function queueFor(name: string) {\n  let q = cache[name];\n  if (!q) {\n    q = new Queue(name);\n    cache[name] = q;\n  }\n  return q;\n}\n",
      api: "import { queueFor } from './queues';\nqueueFor('emails').add('welcome', {});\n",
      expected: ['emails:welcome apps/api/src/main.ts:2'],
    },
  ])('$name', ({ lib, api, expected }) => {
    expect(producersOf(api, lib)).toEqual(expected);
  });
});

describe('invalid: a name from outside the code is reported, not dropped', () => {
  it('a queue named by a request body', () => {
    const result = producersOf("import { getQueue } from './queues';\nexport const handler = (req: { body: { queue: string } }) => getQueue(req.body.queue).add('x', {});\n", CACHE);
    expect(result.some((s) => s.startsWith('unresolved ') || s.startsWith('<'))).toBe(true);
  });
});
