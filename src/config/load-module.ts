import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
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
 * Transpiles a TS config with `typescript` (types are stripped, not checked) to an `.mjs`
 * file next to the original, so its relative imports and node_modules resolve the same,
 * imports it, and removes the temporary file.
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
  const compiled = `${filepath}.${randomUUID()}.mjs`;
  await writeFile(compiled, output);
  try {
    return await loadJsModule(compiled);
  } finally {
    await rm(compiled, { force: true });
  }
}

type TypeScript = typeof import('typescript');

async function importTypescript(filepath: string): Promise<TypeScript> {
  try {
    const module = (await import('typescript')) as TypeScript & { default?: TypeScript };
    return module.default ?? module;
  } catch {
    throw new MissingTypescriptError(filepath);
  }
}

export class MissingTypescriptError extends Error {
  constructor(readonly filepath: string) {
    super('loading a TypeScript config needs the "typescript" package; install it, or write the config as .mjs or .json');
  }
}
