/**
 * Issue 15: the published types typecheck without @types/node and with skipLibCheck off, as a
 * project that only writes `job-owners.config.ts` has them. dist/ is built by `pretest`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-types-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('dist/index.d.ts needs no @types/node (types: [], skipLibCheck: false)', () => {
  expect(fs.existsSync(path.join(ROOT, 'dist/index.d.ts'))).toBe(true);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [],
      paths: { 'job-owners': [path.join(ROOT, 'dist/index.d.ts')] },
    },
    files: ['job-owners.config.ts'],
  }));
  fs.writeFileSync(path.join(dir, 'job-owners.config.ts'), [
    "import { defineConfig, type JobOwnersResult, type Reporter, type CustomFormatter } from 'job-owners';",
    "export default defineConfig({ owners: { 'audio-processing': 'workers' }, rules: { 'silent-completion': 'error' } });",
    'export const formatter: CustomFormatter = (result: JobOwnersResult) => `${result.summary.errors}`;',
    'export type R = Reporter;',
    '',
  ].join('\n'));
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
  expect(run.stdout + run.stderr).toBe('');
  expect(run.status).toBe(0);
});
