import path from 'node:path';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import type { JobOwnersResult } from '../model/result.js';
import { type FormatName, isFormatName, reporters, type ReporterContext } from '../reporters/index.js';
import { writeFileAtomic } from '../util/write-file.js';

export interface OutputTarget {
  format: FormatName;
  /** Absolute path, or undefined for stdout. */
  file?: string;
}

/**
 * `-f name` / `-f name:path` (repeatable) and `-o FILE` for the single-format case.
 * `name:-` means stdout. A Windows drive letter is not a format, so only the first `:` splits.
 */
export function parseOutputs(formats: string[], output: string | undefined, fallback: FormatName, cwd: string): OutputTarget[] {
  const targets: OutputTarget[] = (formats.length > 0 ? formats : [fallback]).map((spec) => {
    const colon = spec.indexOf(':');
    const name = colon === -1 ? spec : spec.slice(0, colon);
    const file = colon === -1 ? undefined : spec.slice(colon + 1);
    if (!isFormatName(name)) {
      throw new UsageError(ERROR_CODES.CLI_USAGE, `Unknown format "${name}". Use one of: stylish, json, markdown, github, sarif.`);
    }
    if (file === '') throw new UsageError(ERROR_CODES.CLI_USAGE, `-f ${spec} has no path after ":"; use -f ${name} for stdout or -f ${name}:FILE.`);
    return { format: name, file: file && file !== '-' ? path.resolve(cwd, file) : undefined };
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

/**
 * Renders each target; files get links relative to their own folder, stdout relative to cwd.
 * GitHub resolves annotation paths from the workspace root, not from the step's
 * `working-directory`, so the `github` format is relative to `githubWorkspace` when given.
 */
export function renderOutputs(result: JobOwnersResult, targets: OutputTarget[], base: Omit<ReporterContext, 'linkBase' | 'color'> & { color: boolean; githubWorkspace?: string }, root: string, cwd: string, write: (text: string) => void): void {
  const { githubWorkspace, ...shared } = base;
  for (const target of targets) {
    const from = target.format === 'github' && githubWorkspace ? path.resolve(cwd, githubWorkspace) : target.file ? path.dirname(target.file) : cwd;
    const context: ReporterContext = { ...shared, color: target.file ? false : shared.color, linkBase: relativeLink(from, root) };
    const text = reporters[target.format](result, context);
    if (target.file) writeFileAtomic(target.file, text);
    else write(text);
  }
}

export function relativeLink(from: string, root: string): string {
  return path.relative(from, root).split(path.sep).join('/');
}
