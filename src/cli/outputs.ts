import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import type { JobOwnersResult } from '../model/result.js';
import { isFormatName, loadReporter } from '../reporters/load.js';
import type { FormatName, ReporterContext } from '../reporters/types.js';
import { writeFileAtomic } from '../util/write-file.js';

export interface OutputTarget {
  /** A built-in format, or the path of a custom formatter module as the user wrote it. */
  format: string;
  /** Absolute path of a custom formatter module; undefined for built-in formats. */
  module?: string;
  /** Absolute path, or undefined for stdout. */
  file?: string;
}

const BUILT_IN = 'stylish, json, markdown, github, sarif';

/** `./fmt.js`, `../x/fmt.mjs`, `/abs/fmt.cjs`, `C:\fmt.js`: a path, so a custom formatter module. */
function isModulePath(name: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(name) || /\.[cm]?js$/.test(name);
}

/** The `:` that separates `name:path`; a drive letter's colon (`C:\fmt.js`) is part of the name. */
function separatorIndex(spec: string): number {
  return spec.indexOf(':', /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0);
}

/**
 * `-f name` / `-f name:path` (repeatable) and `-o FILE` for the single-format case.
 * `name:-` means stdout. `name` is a built-in format or the path of a custom formatter module.
 */
export function parseOutputs(formats: string[], output: string | undefined, fallback: FormatName, cwd: string): OutputTarget[] {
  const targets: OutputTarget[] = (formats.length > 0 ? formats : [fallback]).map((spec) => {
    const colon = separatorIndex(spec);
    const name = colon === -1 ? spec : spec.slice(0, colon);
    const file = colon === -1 ? undefined : spec.slice(colon + 1);
    const custom = !isFormatName(name) && isModulePath(name);
    if (!isFormatName(name) && !custom) {
      throw new UsageError(ERROR_CODES.CLI_USAGE, `Unknown format "${name}". Use one of: ${BUILT_IN}, or the path of a formatter module (-f ./my-formatter.js).`);
    }
    if (file === '') throw new UsageError(ERROR_CODES.CLI_USAGE, `-f ${spec} has no path after ":"; use -f ${name} for stdout or -f ${name}:FILE.`);
    return {
      format: name,
      ...(custom ? { module: path.resolve(cwd, name) } : {}),
      file: file && file !== '-' ? path.resolve(cwd, file) : undefined,
    };
  });
  if (output !== undefined) {
    const toStdout = targets.filter((t) => !t.file);
    if (toStdout.length !== 1) throw new UsageError(ERROR_CODES.CLI_USAGE, '-o/--output needs exactly one format without a path; use -f name:path for several outputs.');
    toStdout[0]!.file = path.resolve(cwd, output);
  }
  const stdoutCount = targets.filter((t) => !t.file).length;
  if (stdoutCount > 1) throw new UsageError(ERROR_CODES.CLI_USAGE, 'Only one format can go to stdout; give the others a path (-f name:path).');
  return targets;
}

/** A custom formatter: `(result, context) => string` (or a promise of one), ESLint's contract. */
export type CustomFormatter = (result: JobOwnersResult, context: ReporterContext) => string | Promise<string>;

/**
 * Loads a formatter module: its default export (ESM `export default`, CommonJS
 * `module.exports =`), or a named `format` export, must be a function.
 */
async function loadFormatter(target: OutputTarget): Promise<CustomFormatter> {
  let module: { default?: unknown; format?: unknown };
  try {
    module = (await import(pathToFileURL(target.module!).href)) as typeof module;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ERR_MODULE_NOT_FOUND' && (error as Error).message.includes(target.module!) ? 'no such file' : (error as Error).message.split('\n')[0];
    throw new UsageError(ERROR_CODES.CLI_USAGE, `Cannot load formatter ${target.format}: ${why}.`, { cause: error });
  }
  const candidate = typeof module.default === 'function' ? module.default : module.format;
  if (typeof candidate !== 'function') {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `Formatter ${target.format} exports no function; export one as default: \`export default (result) => string\`.`);
  }
  return candidate as CustomFormatter;
}

async function render(target: OutputTarget, result: JobOwnersResult, context: ReporterContext): Promise<string> {
  if (!target.module) return (await loadReporter(target.format as FormatName))(result, context);
  const formatter = await loadFormatter(target);
  let text: unknown;
  try {
    text = await formatter(result, context);
  } catch (error) {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `Formatter ${target.format} threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (typeof text !== 'string') throw new UsageError(ERROR_CODES.CLI_USAGE, `Formatter ${target.format} returned ${text === null ? 'null' : typeof text}, not a string.`);
  return text;
}

/**
 * Renders each target. Every format names files relative to the analysed folder; markdown
 * link targets start from the file's own folder (stdout: the cwd), so the links work where
 * the report is. GitHub resolves annotation paths from the workspace root, not from the
 * analysed folder, so under Actions (`githubWorkspace`) the `github` format is relative to it.
 * Everything is rendered before anything is written, so a failing formatter writes nothing.
 */
export async function renderOutputs(result: JobOwnersResult, targets: OutputTarget[], base: Omit<ReporterContext, 'linkBase' | 'color'> & { color: boolean; githubWorkspace?: string }, root: string, cwd: string, write: (text: string) => void): Promise<void> {
  const { githubWorkspace, ...shared } = base;
  const rendered: { target: OutputTarget; text: string }[] = [];
  for (const target of targets) {
    const linkBase =
      target.format === 'github' ? (githubWorkspace ? relativeLink(path.resolve(cwd, githubWorkspace), root) : '')
        : relativeLink(target.file ? path.dirname(target.file) : cwd, root);
    const context: ReporterContext = { ...shared, color: target.file ? false : shared.color, linkBase };
    rendered.push({ target, text: await render(target, result, context) });
  }
  for (const { target, text } of rendered) {
    if (target.file) writeFileAtomic(target.file, text);
    else write(text);
  }
}

export function relativeLink(from: string, root: string): string {
  return path.relative(from, root).split(path.sep).join('/');
}
