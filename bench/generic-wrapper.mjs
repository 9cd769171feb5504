// The "generic wrapper method name" case of `npm run bench` (issue 11.3): a queue wrapper whose
// methods have everyday names (`register`, `queue`), and thousands of unrelated files that call
// methods of the same names on other objects (react-hook-form's `form.register('email')`, a
// plugin registry's `plugins.register(...)`, a scheduler's `queue(...)`). Those files never import
// the wrapper's module, so a sound relevance filter must not parse them: the budget is
//   files parsed ≤ (files importing a queue library or the wrapper's module) × 1.1.
//
//   import { buildGenericWrapperTree } from './generic-wrapper.mjs';
//   const { files, manifest } = buildGenericWrapperTree({ unrelated: 3000, queues: 20 });
//
// The tree is deterministic (no randomness): its shape, not its variety, is what is measured.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The budget: files parsed ≤ importers × this. */
export const PARSED_VS_IMPORTERS = 1.1;

const pkg = (name, extra = {}) => `${JSON.stringify({ name, version: '1.0.0', private: true, ...extra }, null, 2)}\n`;

const WRAPPER = `import { type Job, Queue, Worker } from 'bullmq';

const connection = { host: process.env.REDIS_HOST ?? 'localhost', port: 6379 };

/** One registry per process: \`register\` starts a worker, \`queue\` hands out a cached producer. */
export class JobRegistry {
  private readonly queues = new Map<string, Queue>();

  register(name: string, handler: (job: Job) => Promise<void>): Worker {
    return new Worker(name, handler, { connection });
  }

  queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection });
      this.queues.set(name, q);
    }
    return q;
  }
}

export const jobs = new JobRegistry();
`;

const handler = (i) => `import { jobs } from '@gw/jobs';

export const worker${i} = jobs.register('queue-${i}', async (job) => {
  if (job.name !== 'run-${i}') throw new Error(\`unexpected job \${job.name}\`);
});
`;

const producer = (i) => `import { jobs } from '@gw/jobs';

export async function enqueue${i}(payload: Record<string, unknown>): Promise<void> {
  await jobs.queue('queue-${i}').add('run-${i}', payload);
}
`;

const PLUGIN_REGISTRY = `export type Plugin = { name: string; setup(): void };

/** Unrelated to queues: a UI plugin registry with a \`register\` method. */
export class PluginRegistry {
  private readonly plugins = new Map<string, Plugin>();
  register(plugin: Plugin): void {
    this.plugins.set(plugin.name, plugin);
  }
  queue(name: string): Plugin | undefined {
    return this.plugins.get(name);
  }
}

export const plugins = new PluginRegistry();
`;

const FORM_LIB = `export interface Field { name: string; value: string }
/** A react-hook-form look-alike: \`register\` binds an input, \`queue\` batches validation. */
export function useForm() {
  const fields: Field[] = [];
  return {
    register(name: string) {
      const field = { name, value: '' };
      fields.push(field);
      return field;
    },
    queue(task: () => void) {
      setTimeout(task, 0);
    },
    fields,
  };
}
`;

/** An unrelated web file: calls `register`/`queue` on its own objects, never on the wrapper. */
const unrelatedFile = (i) => {
  const kind = i % 3;
  if (kind === 0) {
    return `import { useForm } from '../lib/form';

export function useProfileForm${i}() {
  const form = useForm();
  form.register('email');
  form.register('display-name-${i}');
  form.queue(() => undefined);
  return form;
}
`;
  }
  if (kind === 1) {
    return `import { plugins } from '../lib/plugins';

plugins.register({ name: 'widget-${i}', setup() {} });
export const widget${i} = plugins.queue('widget-${i}');
`;
  }
  return `const registry = new Map<string, number>();

export function register${i}(name: string): number {
  registry.set(name, registry.size);
  return registry.get(name) ?? -1;
}

export function queue${i}(items: string[]): string[] {
  return items.map((item) => \`\${item}-${i}\`);
}
`;
};

/**
 * Builds the tree: `@gw/jobs` (the wrapper), a `worker` app registering `queues` handlers, an
 * `api` app producing each queue once, and a `web` app of `unrelated` files. Returns
 * `{ files: Map<relPath, text>, manifest }`; the manifest gives the budget's denominator
 * (`importers`: files importing bullmq or `@gw/jobs`) and the expected owners.
 */
export function buildGenericWrapperTree({ unrelated = 3000, queues = 20 } = {}) {
  const files = new Map();
  files.set('package.json', pkg('generic-wrapper-bench', { workspaces: ['apps/*', 'libs/*'] }));
  files.set('tsconfig.json', `${JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true } }, null, 2)}\n`);
  files.set('node_modules/bullmq/package.json', pkg('bullmq', { main: 'index.js', types: 'index.d.ts' }));
  files.set('node_modules/bullmq/index.js', '');
  files.set('node_modules/bullmq/index.d.ts', 'export declare class Job { name: string }\nexport declare class Queue { constructor(name: string, opts?: object); add(name: string, data: unknown): Promise<Job> }\nexport declare class Worker { constructor(name: string, fn: (job: Job) => Promise<void>, opts?: object) }\n');
  files.set('libs/jobs/package.json', pkg('@gw/jobs', { main: 'src/index.ts', dependencies: { bullmq: '5.0.0' } }));
  files.set('libs/jobs/src/index.ts', WRAPPER);

  files.set('apps/worker/package.json', pkg('worker', { scripts: { start: 'node dist/main.js' }, dependencies: { '@gw/jobs': '*' } }));
  files.set('apps/api/package.json', pkg('api', { scripts: { start: 'node dist/main.js' }, dependencies: { '@gw/jobs': '*' } }));
  const handlers = [];
  const producers = [];
  for (let i = 1; i <= queues; i++) {
    files.set(`apps/worker/src/handlers/queue-${i}.ts`, handler(i));
    handlers.push(`import './handlers/queue-${i}';`);
    files.set(`apps/api/src/producers/queue-${i}.ts`, producer(i));
    producers.push(`export { enqueue${i} } from './producers/queue-${i}';`);
  }
  files.set('apps/worker/src/main.ts', `${handlers.join('\n')}\n`);
  files.set('apps/api/src/main.ts', `${producers.join('\n')}\n`);

  files.set('apps/web/package.json', pkg('web', { scripts: { start: 'node dist/main.js' } }));
  files.set('apps/web/src/lib/plugins.ts', PLUGIN_REGISTRY);
  files.set('apps/web/src/lib/form.ts', FORM_LIB);
  const views = [];
  for (let i = 1; i <= unrelated; i++) {
    files.set(`apps/web/src/views/view-${i}.ts`, unrelatedFile(i));
    views.push(`import './views/view-${i}';`);
  }
  files.set('apps/web/src/main.ts', `${views.join('\n')}\n`);

  const sourceFiles = [...files.keys()].filter((f) => f.endsWith('.ts') && !f.startsWith('node_modules/')).length;
  const manifest = {
    sourceFiles,
    // The wrapper (imports bullmq) and every handler and producer (import the wrapper).
    importers: 1 + 2 * queues,
    queues: Array.from({ length: queues }, (_, k) => ({ name: `queue-${k + 1}`, job: `run-${k + 1}`, owner: 'worker', producer: 'api' })),
  };
  return { files, manifest };
}

/** Writes a tree built above under `dir`. */
export function writeTree(dir, files) {
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** The file counts `--timings` prints (`files N listed, R relevant (S import …)[, C more read for their calls], P parsed`), or undefined. */
export function fileCounts(stderr) {
  const m = /files\s+(\d+) listed, (\d+) relevant \((\d+) import a queue library\)(?:, (\d+) more read for their calls)?, (\d+) parsed/.exec(stderr);
  return m ? { listed: Number(m[1]), relevant: Number(m[2]), seeds: Number(m[3]), callers: Number(m[4] ?? 0), parsed: Number(m[5]) } : undefined;
}
