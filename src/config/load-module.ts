import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Loaders for JS and TS config files. We do not use cosmiconfig's: on a failed `import()`
 * its JS loader retries with `require()`, which on Node ≥ 20.19 (require(esm)) runs a
 * throwing config twice, and its TS loader goes through that same path.
 */

let generation = 0;

/** The default export (ESM) or `module.exports` (CJS) of a JS config. */
export async function loadJsModule(filepath: string): Promise<unknown> {
  // CommonJS: require() returns module.exports as is, so `module.exports = undefined` is
  // "exports nothing" (import() throws a TypeError on it instead). Evict it from the cache
  // so an edited config is read again.
  if (filepath.endsWith('.cjs')) {
    const require = createRequire(import.meta.url);
    delete require.cache[filepath];
    return require(filepath) as unknown;
  }
  // A query string makes Node treat every load as a new module, so a config edited between
  // two loads in one process (tests, watch mode) is read again instead of served from cache.
  const url = `${pathToFileURL(filepath).href}?load=${++generation}`;
  const module = (await import(url)) as { default?: unknown };
  return module.default;
}

/**
 * Transpiles a TS config (types are stripped, not checked) and imports the result from a
 * `data:` URL, so nothing is ever written next to the config (a read-only checkout works, and
 * a watcher sees no temporary file). Its import specifiers are resolved first — relative ones
 * against the config's folder, package names from there with Node's resolver — because a
 * `data:` module has no folder of its own to resolve them from.
 */
export async function loadTsModule(filepath: string): Promise<unknown> {
  const ts = await importTypescript(filepath);
  const source = await readFile(filepath, 'utf8');
  const output = ts.transpileModule(source, {
    fileName: filepath,
    compilerOptions: {
      module: ts.ModuleKind.ES2022,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      verbatimModuleSyntax: false,
    },
  }).outputText;
  const rewritten = resolveSpecifiers(ts, output, filepath);
  const url = `data:text/javascript;base64,${Buffer.from(rewritten).toString('base64')}#${++generation}`;
  const module = (await import(url)) as { default?: unknown };
  return module.default;
}

function resolveSpecifiers(ts: TypeScript, code: string, filepath: string): string {
  const require = createRequire(filepath);
  const imports = ts.preProcessFile(code, true, true).importedFiles;
  let out = code;
  for (const { fileName, pos, end } of [...imports].sort((a, b) => b.pos - a.pos)) {
    let target: string | undefined;
    if (fileName.startsWith('.') || fileName.startsWith('/')) target = pathToFileURL(path.resolve(path.dirname(filepath), fileName)).href;
    else if (!fileName.startsWith('node:') && !fileName.includes(':')) {
      try {
        target = pathToFileURL(require.resolve(fileName)).href;
      } catch {
        target = undefined; // left as written: resolved from job-owners' own location
      }
    }
    if (!target) continue;
    // The reported span starts at or just before the literal: find the quoted specifier itself.
    const start = [`'${fileName}'`, `"${fileName}"`].map((q) => out.indexOf(q, Math.max(0, pos - 1))).filter((i) => i !== -1 && i <= end).sort((a, b) => a - b)[0];
    if (start === undefined) continue;
    out = out.slice(0, start) + JSON.stringify(target) + out.slice(start + fileName.length + 2);
  }
  return out;
}

type TypeScript = typeof import('typescript');

async function importTypescript(filepath: string): Promise<TypeScript> {
  try {
    // ts-morph (a dependency) bundles the compiler: no separate `typescript` install is needed.
    const { ts } = await import('ts-morph');
    return ts as unknown as TypeScript;
  } catch {
    throw new MissingTypescriptError(filepath);
  }
}

export class MissingTypescriptError extends Error {
  constructor(readonly filepath: string) {
    super('loading a TypeScript config needs the "typescript" package; install it, or write the config as .mjs or .json');
  }
}
