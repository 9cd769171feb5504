import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Loaders for JS and TS config files. We do not use cosmiconfig's: on a failed `import()`
 * its JS loader retries with `require()`, which on Node ≥ 20.19 (require(esm)) runs a
 * throwing config twice, and its TS loader goes through that same path.
 * `MissingTypescriptError` is kept for callers that still catch it; jiti needs no compiler.
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
 * Loads a TS config with jiti (what ESLint 9 and knip use): types are stripped, not checked,
 * and the config may import sibling `.ts` files, packages and JSON like any module. Nothing is
 * written next to the config (no file-system cache), so a read-only checkout works, and every
 * load reads the files again, so a config edited between two loads in one process is seen.
 */
export async function loadTsModule(filepath: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(pathToFileURL(filepath).href, { fsCache: false, moduleCache: false, interopDefault: false });
  const module = (await jiti.import(filepath)) as { default?: unknown; __esModule?: boolean } | undefined;
  // An ES module (`export default x`; named exports only is "exports nothing") is marked
  // __esModule; CommonJS-style `export = x` / `module.exports = x` arrives as x itself.
  return module !== null && typeof module === 'object' && module.__esModule ? module.default : module;
}

export class MissingTypescriptError extends Error {
  constructor(readonly filepath: string) {
    super('loading a TypeScript config needs the "typescript" package; install it, or write the config as .mjs or .json');
  }
}
