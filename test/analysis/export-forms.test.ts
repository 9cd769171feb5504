/**
 * Queue names reached through every way a module can export a name. The binder answers these
 * from a per-file export table; the first statement exporting a name wins over later ones and
 * over `export *`, as in TypeScript.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { writeFiles } from '../support/repo-files.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-exports-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'libs/*'] }),
  'apps/worker/package.json': JSON.stringify({ name: 'worker', scripts: { start: 'node dist/main.js' } }),
  'libs/names/package.json': JSON.stringify({ name: '@acme/names', main: 'src/index.ts' }),
  'libs/names/src/index.ts': [
    "export const FIRST = 'first';",
    "export { SECOND as RENAMED } from './second';",
    "export * from './third';",
    "export * as ns from './fourth';",
    "const local = 'local';",
    'export { local as LOCAL };',
    "export default 'default-name';",
    "export const { DESTRUCTURED } = { DESTRUCTURED: 'destructured' };",
    "export const FIRST_AGAIN = 'shadowed';",
    "export { FIRST_AGAIN as FIRST } from './second';",
  ].join('\n'),
  'libs/names/src/second.ts': "export const SECOND = 'second';\nexport const FIRST_AGAIN = 'also-shadowed';\n",
  'libs/names/src/third.ts': "export const THIRD = 'third';\nexport const FIRST = 'shadowed-by-index';\n",
  'libs/names/src/fourth.ts': "export const FOURTH = 'fourth';\n",
  'libs/names/src/legacy.cjs': "module.exports = { CJS_A: 'cjs-a' };\nexports.CJS_B = 'cjs-b';\n",
  'apps/worker/src/main.ts': [
    "import { Worker } from 'bullmq';",
    "import defaultName, { FIRST, RENAMED, THIRD, ns, LOCAL, DESTRUCTURED } from '@acme/names';",
    "const { CJS_A, CJS_B } = require('../../../libs/names/src/legacy.cjs');",
    'const run = async () => undefined;',
    ...['FIRST', 'RENAMED', 'THIRD', 'ns.FOURTH', 'LOCAL', 'defaultName', 'DESTRUCTURED', 'CJS_A', 'CJS_B'].map((n) => `new Worker(${n}, run, { connection: {} });`),
  ].join('\n'),
};
writeFiles(dir, files);

it('resolves every export form, the first export of a name winning', () => {
  const result = analyze({ root: dir });
  expect(result.queues.map((q) => q.queue).sort()).toEqual(
    ['cjs-a', 'cjs-b', 'default-name', 'destructured', 'first', 'fourth', 'local', 'second', 'third'].sort(),
  );
  expect(result.findings.filter((f) => f.rule === 'unresolved-name')).toEqual([]);
});
