import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cosmiconfig, type CosmiconfigResult, type Loader } from 'cosmiconfig';
import { ERROR_CODES, UsageError, errorMessage } from '../errors/job-owners-error.js';
import { displayPath } from './display-path.js';
import { directoriesUpTo, findRepoRoot } from './find-repo-root.js';
import { MissingTypescriptError, loadJsModule, loadTsModule } from './load-module.js';
import { parseJsonc } from './load-jsonc.js';
import { EXPLICIT_NULL, SyntaxProblem, parseJsonOrYaml, parseYamlText } from './parse-text.js';
import { CODE_EXTENSIONS, PACKAGE_PROP, SEARCH_PLACES } from './search-places.js';
import { EMPTY_CONFIG, type ResolvedConfig } from './types.js';

export interface LoadConfigOptions {
  /** The analysed directory; the search starts here. */
  cwd: string;
  /** `-c/--config`: load exactly this file (resolved against process.cwd()) and search nothing. */
  configFile?: string;
  /** `--no-config`: use the defaults, read no file. */
  noConfig?: boolean;
  /** Last directory searched; defaults to the nearest ancestor with `.git`, else the filesystem root. */
  stopDir?: string;
}

const loaders: Record<string, Loader> = {
  // JSONC: comments and trailing commas are fine in a hand-edited config (as in tsconfig.json);
  // a `null` document is kept apart from "no config" (it is an error, as any non-object is).
  '.json': (_file, content) => {
    const value = parseJsonc(content);
    return value === null ? EXPLICIT_NULL : value;
  },
  '.yaml': (_file, content) => parseYamlText(content),
  '.yml': (_file, content) => parseYamlText(content),
  noExt: (_file, content) => parseRc(content),
  default: (_file, content) => parseRc(content),
  // `export default null` counts as exporting nothing (cosmiconfig would treat null as "no config here").
  '.js': async (file) => (await loadJsModule(file)) ?? undefined,
  '.cjs': async (file) => (await loadJsModule(file)) ?? undefined,
  '.mjs': async (file) => (await loadJsModule(file)) ?? undefined,
  '.ts': async (file) => (await loadTsModule(file)) ?? undefined,
};

/** `.jobownershiprc`: JSON(C) when it starts with `{`, else YAML (as ESLint's old rc did). */
function parseRc(content: string): unknown {
  return content.trimStart().startsWith('{') ? parseJsonc(content) : parseYamlText(content);
}

export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  if (options.noConfig) return emptyConfig();
  const explorer = createExplorer();

  const result = options.configFile
    ? await loadExplicit(explorer, path.resolve(options.configFile))
    : await search(explorer, options.cwd, options.stopDir ?? findRepoRoot(options.cwd));
  if (result === null) return emptyConfig();
  // Imported only when there is a config to check: validation takes zod (~90 ms to load), and a
  // repository without a config (the defaults) should not pay for it on every warm run.
  const { validateConfig } = await import('./validate.js');
  return validateConfig(configObject(result), result.filepath);
}

/**
 * The top level of a config must be an object of settings. An empty file is an empty config;
 * `null`, a number, a string or a list is a mistake named in one sentence (`null` too: left to
 * cosmiconfig it would be taken for "no config here", and the file silently ignored).
 */
function configObject(result: NonNullable<CosmiconfigResult>): unknown {
  const config: unknown = result.config;
  if (config === undefined || (config === null && result.isEmpty)) return {};
  if (config !== null && config !== EXPLICIT_NULL && typeof config === 'object' && !Array.isArray(config)) return config;
  const found =
    config === null || config === EXPLICIT_NULL ? 'null'
    : Array.isArray(config) ? 'a list'
    : typeof config === 'function' ? 'a function (export the object itself, not a function returning it)'
    : `a ${typeof config} (${JSON.stringify(config)})`;
  throw new UsageError(
    ERROR_CODES.CONFIG_INVALID,
    `Config file ${displayPath(result.filepath)} holds ${found}, not an object of settings: write { "owners": { … } } and the like, or {} for none.`,
  );
}

/**
 * cosmiconfig skips a search place it cannot read as if it were not there, so an unreadable
 * `.jobownershiprc.json` (its `rules` never applied) went unnoticed. Every search place that
 * exists must open: otherwise exit 2, naming the file.
 */
function assertReadableSearchPlaces(dir: string): void {
  for (const name of SEARCH_PLACES) {
    const file = path.join(dir, name);
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw unreadableConfig(file, error);
    }
    if (!isFile) continue;
    try {
      closeSync(openSync(file, 'r'));
    } catch (error) {
      throw unreadableConfig(file, error);
    }
  }
}

/** One sentence for a config file that exists but cannot be read. */
function unreadableConfig(file: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? errorMessage(error));
  return new UsageError(ERROR_CODES.CONFIG_LOAD, `Cannot read config file ${displayPath(file)}: ${why}. Make it readable, or pass --no-config.`, { cause: error });
}

function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof (error as { syscall?: unknown }).syscall === 'string';
}

type Explorer = ReturnType<typeof cosmiconfig>;

/**
 * cosmiconfig() itself reads its "meta config" (package.json, .config/config.*) in
 * process.cwd() with its own parsers, so a package.json with a syntax error in the folder the
 * user runs from throws here — as parse-json's multi-line JSONError, outside any loader. Say
 * which file and where, like every other syntax error, instead of crashing.
 */
function createExplorer(): Explorer {
  try {
    return cosmiconfig('job-owners', explorerOptions);
  } catch (error) {
    const named = (error as { fileName?: unknown; filepath?: unknown }).fileName ?? (error as { filepath?: unknown }).filepath;
    const file = typeof named === 'string' ? named : /^JSON Error in (.+?):?\s*$/m.exec(errorMessage(error))?.[1];
    if (file !== undefined) {
      try {
        parseJsonOrYaml(readFileSync(file, 'utf8'));
      } catch (problem) {
        if (problem instanceof SyntaxProblem) throw syntaxError(problem, displayPath(file));
      }
    }
    throw new UsageError(ERROR_CODES.CONFIG_LOAD, `Cannot read the configuration: ${errorMessage(error).split('\n')[0]}`, { cause: error });
  }
}

const explorerOptions: Parameters<typeof cosmiconfig>[1] = {
  searchPlaces: [...SEARCH_PLACES],
  packageProp: PACKAGE_PROP,
  loaders,
  cache: false,
  // An empty JS config is an error we want to report, not a reason to keep searching.
  ignoreEmptySearchPlaces: false,
  // We walk the directories ourselves (below) with 'none' per directory: the 'global'
  // strategy would also read ~/.config/job-owners/, and a per-user file must not change
  // what CI and a laptop report for the same commit.
  searchStrategy: 'none',
};

async function search(explorer: Explorer, cwd: string, stopDir: string): Promise<NonNullable<CosmiconfigResult> | null> {
  for (const dir of directoriesUpTo(cwd, stopDir)) {
    assertReadableSearchPlaces(dir);
    const result = await guard(() => explorer.search(dir));
    if (result) return checkNotEmpty(result);
  }
  return null;
}

async function loadExplicit(explorer: Explorer, file: string): Promise<NonNullable<CosmiconfigResult>> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new UsageError(ERROR_CODES.CONFIG_NOT_FOUND, `Config file not found: ${displayPath(file)}`);
  if (info.isDirectory()) {
    throw new UsageError(ERROR_CODES.CONFIG_NOT_FOUND, `Config file ${displayPath(file)} is a directory; pass the file itself, e.g. ${displayPath(path.join(file, '.jobownershiprc.json'))}`);
  }
  const result = await guard(() => explorer.load(file), file);
  if (result === null) {
    // Only package.json without the key (or a JSON/YAML file holding `null`) gets here.
    const what = path.basename(file) === 'package.json' ? `has no "${PACKAGE_PROP}" key` : 'holds no configuration object';
    throw new UsageError(ERROR_CODES.CONFIG_INVALID, `Config file ${displayPath(file)} ${what}.`);
  }
  return checkNotEmpty(result);
}

/** An empty JSON/YAML file is an empty config; a JS/TS config without a default export is a mistake. */
function checkNotEmpty(result: NonNullable<CosmiconfigResult>): NonNullable<CosmiconfigResult> {
  if (result.isEmpty && CODE_EXTENSIONS.includes(path.extname(result.filepath))) {
    throw new UsageError(
      ERROR_CODES.CONFIG_LOAD,
      `Config file ${displayPath(result.filepath)} exports nothing. Export the config as the default export: \`export default { … }\` (or \`module.exports = { … }\` in CommonJS).`,
    );
  }
  return result;
}

/** Turns loader failures into UsageErrors that name the file. cosmiconfig tags them with `filepath`. */
async function guard<T>(load: () => Promise<T>, given?: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const file = (error as { filepath?: string }).filepath ?? given;
    // The file itself could not be read (EACCES, EIO…), as opposed to a config that threw.
    if (file && isFileSystemError(error) && path.resolve((error as { path?: string }).path ?? '') === path.resolve(file)) throw unreadableConfig(file, error);
    const shown = file ? displayPath(file) : 'the config file';
    if (error instanceof SyntaxProblem) throw syntaxError(error, shown);
    if (error instanceof MissingTypescriptError) {
      throw new UsageError(ERROR_CODES.CONFIG_LOAD, `Cannot load ${shown}: ${error.message}`, { cause: error });
    }
    throw new UsageError(ERROR_CODES.CONFIG_LOAD, `Config file ${shown} threw an error while loading: ${errorMessage(error)}`, { cause: error });
  }
}

function syntaxError(error: SyntaxProblem, shown: string): UsageError {
  const where = error.line === undefined ? '' : ` at line ${error.line}, column ${error.column}`;
  return new UsageError(ERROR_CODES.CONFIG_SYNTAX, `Invalid ${error.format} in ${shown}${where}: ${error.detail}`, { cause: error });
}

function emptyConfig(): ResolvedConfig {
  return structuredClone(EMPTY_CONFIG);
}
