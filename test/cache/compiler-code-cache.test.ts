// The compiler's V8 code cache: written into the result cache's folder by a run that compiled
// the compiler, used by the next run, rewritten when V8 rejects it, never written without a
// folder. Each load runs in a fresh Node process (the compiler is loaded once per process), from
// dist/, which `npm test` builds first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../analysis/helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-code-cache-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const moduleUrl = pathToFileURL(path.join(REPO_ROOT, 'dist/cache/compiler-code-cache.js')).href;
const typescriptUrl = pathToFileURL(path.join(REPO_ROOT, 'dist/util/typescript.js')).href;

/** Loads the compiler in a new process with `dir` as the cache folder, parses a line, saves; what it printed. */
function run(dir: string | undefined): string {
  const script = `
    const { loadCompilerWithCodeCache } = await import(${JSON.stringify(moduleUrl)});
    const cache = loadCompilerWithCodeCache(${JSON.stringify(dir)});
    const { ts } = await import(${JSON.stringify(typescriptUrl)});
    const sf = ts.createSourceFile('a.ts', "new Queue('mail')", ts.ScriptTarget.Latest, true);
    cache.save();
    console.log(ts.SyntaxKind[sf.statements[0].kind]);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return child.stdout.trim();
}

const cacheFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

describe('the compiler code cache', () => {
  it('is written by the first run and used, not rewritten, by the next', () => {
    const dir = path.join(tmp, 'first', '.cache', 'job-owners');
    expect(run(dir)).toBe('ExpressionStatement');
    const [name] = cacheFiles(dir);
    expect(name).toBe(`compiler-${process.version}-${process.arch}.v8cache`);
    const file = path.join(dir, name!);
    const written = fs.statSync(file);
    expect(written.size).toBeGreaterThan(100_000);
    expect(run(dir)).toBe('ExpressionStatement');
    // A rewrite renames a new file over it: a new inode.
    expect(fs.statSync(file).ino).toBe(written.ino);
  });

  it('is rewritten when V8 rejects it (a corrupt or foreign cache), and the compiler still loads', () => {
    const dir = path.join(tmp, 'corrupt');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `compiler-${process.version}-${process.arch}.v8cache`);
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    expect(run(dir)).toBe('ExpressionStatement');
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
  });

  it('is never handed to V8 when its bytes were damaged on disk (V8 would abort the process), and is rewritten', () => {
    const dir = path.join(tmp, 'damaged');
    expect(run(dir)).toBe('ExpressionStatement');
    const file = path.join(dir, `compiler-${process.version}-${process.arch}.v8cache`);
    const bytes = fs.readFileSync(file);
    for (let i = 200; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const damaged = fs.statSync(file).ino;
    expect(run(dir)).toBe('ExpressionStatement');
    expect(fs.statSync(file).ino).not.toBe(damaged);
    expect(run(dir)).toBe('ExpressionStatement');
  });

  it.runIf(process.platform !== 'win32')('does not block on a cache path that is not a regular file (a FIFO)', () => {
    const dir = path.join(tmp, 'fifo');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `compiler-${process.version}-${process.arch}.v8cache`);
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    expect(run(dir)).toBe('ExpressionStatement');
  });

  it('writes nothing without a cache folder (--no-cache, or no node_modules)', () => {
    const before = fs.readdirSync(tmp).sort();
    expect(run(undefined)).toBe('ExpressionStatement');
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
  });
});
