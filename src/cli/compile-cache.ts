/**
 * V8's code cache for the CommonJS modules the CLI loads, above all the 8.8 MB TypeScript
 * compiler bundled in ts-morph: parsing it is ~0.2 s of every run, and a pre-commit hook runs the
 * tool many times a day on the same install. Node ≥ 22.1 has this built in
 * (`module.enableCompileCache`); on Node 20 `v8-compile-cache-lib` (what ts-node uses) does the
 * same for `require`. The cache lives in the OS temp folder, per user and V8 version, outside
 * any repository; V8 rejects an entry whose source or V8 build differs, so a stale or torn
 * entry costs only the compile it was meant to save. `--no-cache` (no cache of any kind) and
 * `DISABLE_V8_COMPILE_CACHE=1` turn it off.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function enableCompileCache(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (argv.includes('--no-cache') || env.DISABLE_V8_COMPILE_CACHE) return;
  try {
    const builtin = (require('node:module') as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
    if (builtin) {
      builtin();
      return;
    }
    const uid = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
    const cacheDir = path.join(os.tmpdir(), `job-owners-compile-cache${uid}`, process.versions.v8);
    (require('v8-compile-cache-lib') as { install(opts: { cacheDir: string; prefix: string }): unknown }).install({ cacheDir, prefix: 'job-owners' });
  } catch {
    // A speed-up only: an unwritable temp folder or a missing package leaves the normal compile.
  }
}
