import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { makeDirs } from '../util/make-dirs.js';

// This module must not import the compiler (util/typescript.ts): it loads it.

const require = createRequire(import.meta.url);

/** The file util/typescript.ts requires: the compiler ts-morph bundles. */
const COMPILER = require.resolve('@ts-morph/common/dist/typescript.js');

export interface CompilerCodeCache {
  /** Stores V8's compiled code for the compiler when the cache did not hold it (after the analysis: its functions are compiled by then). */
  save(): void;
}

const NONE: CompilerCodeCache = { save() {} };

/**
 * Loads the TypeScript compiler with V8's code cache kept in the result cache's folder.
 * Compiling its 9 MB of JavaScript is ~300 ms of every run that analyses — on a laptop, each
 * pre-commit run after queue code changed (the result cache then misses, this cache does not).
 * From the cache it loads in ~130 ms, and the functions the last analysis compiled come with it. A run with the cache off (`--no-cache`, no `node_modules`)
 * and a first run compile as before: nothing is written anywhere else.
 *
 * Node 22.1+ has this built in (`module.enableCompileCache`), which also covers the tool's own
 * modules; on Node 20 the compiler file alone is compiled through `vm.Script` with `cachedData`
 * and put in `require.cache`, so util/typescript.ts's `require` gets the same module. V8
 * rejects a cache from another V8 version or other flags (`cachedDataRejected`), but of the
 * source it compares only the length, and it does not check the bytes themselves: a cache
 * corrupted on disk aborts the process inside V8, and one made from another compiler of the same
 * length runs that compiler's code. So the file starts with a header naming the compiler file
 * (size, mtime, ctime, inode), the V8 version and the data's SHA-1; a file whose header does not
 * match is never handed to V8, and is written again. Any failure here falls back to a plain
 * `require`.
 */
export function loadCompilerWithCodeCache(dir: string | undefined): CompilerCodeCache {
  if (!dir || require.cache[COMPILER]) return NONE;
  const builtIn = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (builtIn) {
    try {
      builtIn(path.join(dir, 'node-compile-cache'));
    } catch {
      // no cache: the same modules, compiled as usual
    }
    return NONE;
  }
  const file = path.join(dir, `compiler-${process.version}-${process.arch}.v8cache`);
  let compilerStamp: string;
  try {
    const stat = fs.statSync(COMPILER);
    // ctime and inode cannot be set back with `touch`, and change when a package manager
    // rewrites or renames the file: a compiler replaced with the same size and mtime is seen.
    compilerStamp = `${stat.size} ${stat.mtimeMs} ${stat.ctimeMs} ${stat.ino} ${process.versions.v8}`;
  } catch {
    return NONE;
  }
  const cachedData = readChecked(file, compilerStamp);
  let script: vm.Script;
  const module = new Module(COMPILER);
  try {
    script = new vm.Script(Module.wrap(fs.readFileSync(COMPILER, 'utf8')), { filename: COMPILER, cachedData });
    module.filename = COMPILER;
    require.cache[COMPILER] = module;
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(COMPILER), module, COMPILER, path.dirname(COMPILER));
    module.loaded = true;
  } catch {
    delete require.cache[COMPILER];
    return NONE;
  }
  if (cachedData && !script.cachedDataRejected) return NONE;
  return {
    save() {
      const temp = `${file}.${process.pid}.tmp`;
      try {
        makeDirs(dir);
        const data = script.createCachedData();
        fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${header(compilerStamp, data)}\n`), data]));
        fs.renameSync(temp, file);
      } catch {
        try {
          fs.rmSync(temp, { force: true });
        } catch {
          // read-only tree: no cache, same answer
        }
      }
    },
  };
}

const MAGIC = 'job-owners-code-cache 1';

/** The first line of a cache file: what it was made from, and a digest of the data after it. */
function header(compilerStamp: string, data: Buffer): string {
  return `${MAGIC} ${compilerStamp} ${createHash('sha1').update(data).digest('hex')}`;
}

/** The cached data, when the file is whole and made from this compiler file; otherwise nothing. */
function readChecked(file: string, compilerStamp: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    // Anything but a regular file (a FIFO would block the read forever) is not a cache.
    if (!fs.statSync(file).isFile()) return undefined;
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || newline > 200) return undefined;
  const data = bytes.subarray(newline + 1);
  return bytes.subarray(0, newline).toString('latin1') === header(compilerStamp, data) ? data : undefined;
}
