import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { ERROR_CODES, isUsageError, UsageError } from '../errors/job-owners-error.js';
import type { JobOwnersResult } from '../model/result.js';
import { TOOL_VERSION } from '../model/to-result.js';
import { type Baseline, createBaseline, DEFAULT_BASELINE_FILE, pruneBaseline, writeBaseline } from '../suppress/baseline.js';
import { formatTimings, type Timings } from '../util/timings.js';
import { shouldColor } from './color.js';
import { EXIT, type CliIO } from './io.js';
import { parseOutputs, relativeLink, renderOutputs } from './outputs.js';
import { analyzeInScope } from './scoped-analysis.js';
import { progressAllowed, startProgress } from './progress.js';
import { displayPath as displayRawPath } from '../util/raw-path.js';

interface CommonOptions {
  config?: string | false;
  format?: string[];
  output?: string;
  outputFile?: string;
  printConfig?: boolean;
  quiet?: boolean;
  maxWarnings?: string;
  color?: boolean;
  baseline?: string | false;
  updateBaseline?: boolean;
  pruneBaseline?: boolean;
  timings?: boolean;
  cache?: boolean;
  changedSince?: string;
  staged?: boolean;
  debug?: boolean;
  check?: boolean;
}

/**
 * The CLI. Returns the exit code — 0 clean, 1 error findings (or too many warnings), 2 bad usage,
 * bad config or an internal error — and never calls process.exit, so output is always flushed.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  let debug = argv.includes('--debug');
  const program = buildProgram(io, async (command, dir, options) => {
    debug = !!options.debug;
    exitCode = await command(dir, options);
  });
  try {
    rejectConflictingFlags(argv);
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isUsageError(error)) {
      io.stderr(`job-owners: ${typoedCommand(argv, error.message) ?? error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr(`job-owners ${TOOL_VERSION} crashed: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr('Rerun with --debug for the stack trace, and please report it with that output.\n');
    return EXIT.usage;
  }
}

/**
 * `job-owners repotr`: with no command, the word is taken as the default command's folder, and
 * "No such directory" would hide the real mistake. Name it as a possible command instead.
 */
function typoedCommand(argv: string[], message: string): string | undefined {
  const word = argv[0];
  if (!word || !/^[a-z][a-z-]*$/.test(word) || message !== `No such directory: ${word}`) return undefined;
  return `Unknown command or folder "${word}". Commands: check, report, init, explain (see job-owners --help).`;
}

type Runner = (dir: string | undefined, options: CommonOptions) => Promise<number>;

function buildProgram(io: CliIO, run: (command: Runner, dir: string | undefined, options: CommonOptions) => Promise<void>): Command {
  const program = new Command('job-owners')
    .description('Static linter for job-queue ownership (BullMQ, Bull, NestJS) in monorepos.')
    .version(TOOL_VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`job-owners: ${s.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', `
Exit codes: 0 no error findings, 1 error findings (or more warnings than --max-warnings),
            2 bad usage, invalid config or internal error.

Examples:
  job-owners check                          check the repository in the current folder
  job-owners check -f github -f markdown:OWNERSHIP.md
  job-owners report -o OWNERSHIP.md         write the ownership report
  job-owners report --check -o OWNERSHIP.md fail (and show the diff) when the committed report is stale
  job-owners explain audio-processing:parse-epub
  job-owners explain-rule multiple-owners   what a rule catches and how to fix it
  job-owners check -f ./my-formatter.js     a custom formatter: export default (result) => string`);

  const withCommon = (cmd: Command): Command =>
    cmd
      .option('-c, --config <file>', 'use this config file instead of searching for one')
      .option('--no-config', 'ignore config files')
      .option('-f, --format <name[:path]>', 'stylish | json | markdown | github | sarif | ./formatter.js; repeatable, with :path to write a file', collect)
      .option('-o, --output <file>', 'write the (single) format to this file')
      .option('--output-file <file>', 'same as -o')
      .option('--quiet', 'report errors only (warnings still count for --max-warnings)')
      .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
      .option('--color', 'force colour')
      .option('--no-color', 'disable colour (also NO_COLOR)')
      .option('--baseline <file>', `known findings to suppress (default: ${DEFAULT_BASELINE_FILE} when it exists)`)
      .option('--no-baseline', 'ignore the baseline file')
      .option('--update-baseline', 'write every current finding to the baseline file')
      .option('--prune-baseline', 'remove baseline entries that no longer match')
      .option('--timings', 'print per-phase times to stderr')
      .option('--cache', 'reuse the result in node_modules/.cache/job-owners when nothing it depends on changed (default)')
      .option('--no-cache', 'ignore and do not write node_modules/.cache/job-owners')
      .option('--changed-since <ref>', 'report only findings on queues touched since the merge base with <ref> (the work tree compared with that base; the analysis stays whole-repo)')
      .option('--staged', 'report only findings on queues the staged changes touch (the index compared with HEAD; pre-commit)')
      .option('--print-config', 'print the resolved configuration as JSON and exit')
      .option('--debug', 'print stack traces of internal errors');

  withCommon(program.command('check', { isDefault: true }).argument('[dir]', 'repository folder', '.').description('check ownership and fail on errors'))
    .action((dir: string, options: CommonOptions) => run((d, o) => runCheck(d, o, io, 'check'), dir, options));
  withCommon(program.command('report').argument('[dir]', 'repository folder', '.').description('write the ownership report (markdown by default)'))
    .option('--check', 'exit 1 when the file given with -o is not up to date')
    .action((dir: string, options: CommonOptions) => run((d, o) => runCheck(d, o, io, 'report'), dir, options));
  program.command('init').argument('[dir]', 'repository folder', '.').option('--force', 'overwrite an existing config').description('write a starter .jobownershiprc.json')
    .action((dir: string, options: { force?: boolean }) => run(async () => (await import('./init.js')).runInit(resolveDir(io.cwd, dir), !!options.force, io), dir, {} as CommonOptions));
  program.command('explain').argument('<target>', 'queue or queue:job').argument('[dir]', 'repository folder', '.')
    .option('-c, --config <file>', 'use this config file').option('--no-config', 'ignore config files')
    .option('--cache', 'reuse the cached result when nothing it depends on changed (default)')
    .option('--no-cache', 'ignore and do not write node_modules/.cache/job-owners')
    .option('--color', 'force colour (explain prints plain text; accepted like check)')
    .option('--no-color', 'disable colour (also NO_COLOR)')
    .option('--debug', 'print stack traces of internal errors')
    .description('show every producer, consumer and piece of evidence behind one verdict')
    .action((target: string, dir: string, options: CommonOptions) =>
      run(async (d, o) => {
        const { result, root } = await analyzeDir(d, o, io);
        return (await import('./explain.js')).runExplain(result, target, root, io);
      }, dir, options));
  program.command('explain-rule').argument('<rule>', 'rule id, e.g. multiple-owners')
    .description('print the documentation of one rule: what it catches, why, examples, how to fix or suppress')
    .action((rule: string) => run(async () => (await import('./explain-rule.js')).runExplainRule(rule, io), undefined, {} as CommonOptions));
  return program;
}

async function runCheck(dir: string | undefined, options: CommonOptions, io: CliIO, mode: 'check' | 'report'): Promise<number> {
  if (options.updateBaseline && options.pruneBaseline) throw new UsageError(ERROR_CODES.CLI_USAGE, '--update-baseline and --prune-baseline cannot be used together.');
  if (options.output !== undefined && options.outputFile !== undefined) throw new UsageError(ERROR_CODES.CLI_USAGE, '-o/--output and --output-file are the same option; give one.');
  options.output ??= options.outputFile;
  if (options.printConfig) return printConfig(dir, options, io);
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  const fallback = mode === 'report' ? 'markdown' : io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish';
  const targets = parseOutputs(options.format ?? [], mode === 'report' && options.check ? undefined : options.output, fallback, io.cwd);
  const { result, root, baselineFile, baselineSuppressed, stale, beforeBaseline } = await analyzeDir(dir, options, io);
  const baselineName = path.relative(io.cwd, baselineFile) || baselineFile;

  if (options.updateBaseline || options.pruneBaseline) {
    const next = options.updateBaseline ? createBaseline(beforeBaseline) : pruneBaseline(await readBaselineFile(baselineFile), beforeBaseline);
    await writeBaseline(baselineFile, next);
    const pruned = options.pruneBaseline ? `removed ${stale.length} stale entr${stale.length === 1 ? 'y' : 'ies'}, kept ` : 'wrote ';
    io.stderr(`job-owners: ${pruned}${countFindings(next.findings.length)} in ${baselineName}\n`);
    return EXIT.ok;
  }

  const color = shouldColor(options.color, io.env, io.stdoutIsTTY);
  // Only what the baseline accepted: directive and `ignore` suppressions are visible in the code and config.
  const baselineNote = baselineSuppressed > 0 ? `${countFindings(baselineSuppressed)} suppressed (${baselineName})` : undefined;
  // The staleness check renders exactly what `report -o` writes, baseline note included.
  if (mode === 'report' && options.check) return checkReportFresh(result, options, root, io, baselineNote);
  await renderOutputs(result, targets, { color, quiet: !!options.quiet, baselineNote, githubWorkspace: io.env.GITHUB_WORKSPACE }, root, io.cwd, io.stdout);
  await appendStepSummary(result, io, root);

  if (stale.length > 0) {
    const one = stale.length === 1;
    const entries = stale.map((s) => [s.rule, [s.queue, s.job].filter((x) => x !== null).join(':'), s.services.length ? `(${s.services.join(', ')})` : ''].filter(Boolean).join(' '));
    io.stderr(`job-owners: ${stale.length} ${one ? 'entry' : 'entries'} in ${baselineName} no longer match${one ? 'es' : ''} any finding: ${entries.join('; ')}. Run with --prune-baseline to remove ${one ? 'it' : 'them'}.\n`);
    return EXIT.usage;
  }
  if (mode === 'report') return EXIT.ok;
  if (result.summary.errors > 0) return EXIT.findings;
  if (maxWarnings !== undefined && result.summary.warnings > maxWarnings) {
    io.stderr(`job-owners: ${result.summary.warnings} warnings exceed --max-warnings ${maxWarnings}.\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

function loadConfigFor(root: string, options: CommonOptions, io: CliIO): Promise<ResolvedConfig> {
  return loadConfig({
    cwd: root,
    configFile: typeof options.config === 'string' ? path.resolve(io.cwd, options.config) : undefined,
    noConfig: options.config === false,
  });
}

/**
 * `--print-config`: the configuration the analysis of `dir` would use, after search, loading
 * and validation (defaults filled in), as JSON on stdout; `filepath` is relative to the cwd.
 */
async function printConfig(dir: string | undefined, options: CommonOptions, io: CliIO): Promise<number> {
  const root = resolveDir(io.cwd, dir ?? '.');
  const config = await loadConfigFor(root, options, io);
  const shown = { ...config, filepath: config.filepath === null ? null : path.relative(io.cwd, config.filepath).split(path.sep).join('/') };
  io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  return EXIT.ok;
}

/** Config → analysis → suppressions, shared by every command. */
async function analyzeDir(dir: string | undefined, options: CommonOptions, io: CliIO) {
  const root = resolveDir(io.cwd, dir ?? '.');
  const config: ResolvedConfig = await loadConfigFor(root, options, io);
  const baselineFile = typeof options.baseline === 'string' ? path.resolve(io.cwd, options.baseline) : path.join(root, DEFAULT_BASELINE_FILE);
  let baseline: Baseline | undefined;
  const wantsBaseline = options.baseline !== false && !options.updateBaseline;
  if (wantsBaseline && (typeof options.baseline === 'string' || fs.existsSync(baselineFile))) baseline = await readBaselineFile(baselineFile);
  const timings: Timings | undefined = options.timings ? new Map() : undefined;
  const started = performance.now();
  const progress = startProgress({ enabled: progressAllowed(io, options.format ?? []), fd: io.progress?.fd, delayMs: io.progress?.delayMs, columns: io.stderrColumns });
  let scoped: Awaited<ReturnType<typeof analyzeInScope>>;
  try {
    scoped = await analyzeInScope(root, config, { cache: options.cache !== false, staged: options.staged, changedSince: options.changedSince }, baseline, timings, (text) => progress.phase(text), path.relative(root, baselineFile).split(path.sep).join('/'));
  } finally {
    progress.stop(); // before anything is written to stderr or stdout
  }
  const { result, stale, beforeBaseline, baselineSuppressed, compared } = scoped;
  // The contract names services of the whole repository; a subfolder run sees only some of them.
  const configAtRoot = !config.filepath || path.dirname(config.filepath) === root;
  if (Object.keys(config.owners).length > 0 && configAtRoot) (await import('../config/validate-owners.js')).validateOwnersAgainstServices(config, result.services.map((s) => s.name));
  for (const skipped of result.skipped) io.stderr(`job-owners: skipped ${displayRawPath(skipped.file)}: ${skipped.reason}\n`);
  if (timings) {
    timings.set('total', performance.now() - started);
    if (compared) io.stderr(`job-owners: ${compared}; the base:* phases are the extra cost\n`);
    io.stderr(formatTimings(timings));
  }
  return { result, root, baselineFile, baselineSuppressed, stale, beforeBaseline };
}

/**
 * `report --check -o FILE`: renders what `report -o FILE` would write and compares. Stale (or
 * missing): the unified diff from the committed file to the current report on stdout, a hint
 * on stderr, exit 1. Nothing is written.
 */
async function checkReportFresh(result: JobOwnersResult, options: CommonOptions, root: string, io: CliIO, baselineNote: string | undefined): Promise<number> {
  if (!options.output) throw new UsageError(ERROR_CODES.CLI_USAGE, 'report --check needs -o FILE: the committed report to compare with.');
  const file = path.resolve(io.cwd, options.output);
  const targets = parseOutputs(options.format ?? [], undefined, 'markdown', io.cwd);
  let expected = '';
  await renderOutputs(result, targets.map((t) => ({ ...t, file: undefined })), { color: false, quiet: !!options.quiet, baselineNote }, root, path.dirname(file), (text) => (expected += text));
  let actual: string | undefined;
  try {
    actual = fs.readFileSync(file, 'utf8');
  } catch {
    actual = undefined;
  }
  if (actual === expected) return EXIT.ok;
  const name = path.relative(io.cwd, file).split(path.sep).join('/') || options.output;
  io.stdout(await unifiedDiff(name, actual, expected));
  // The hint must regenerate the same report when pasted in the same folder: keep the analysed dir.
  const dir = path.relative(io.cwd, root);
  const command = `job-owners report${dir ? ` ${shellWord(dir)}` : ''} -o ${shellWord(options.output)}`;
  io.stderr(`job-owners: ${options.output} is ${actual === undefined ? 'missing' : 'out of date'}; run \`${command}\` and commit it.\n`);
  return EXIT.findings;
}

/** Under GitHub Actions, the markdown report goes to the job summary as well. */
async function appendStepSummary(result: JobOwnersResult, io: CliIO, root: string): Promise<void> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const server = io.env.GITHUB_SERVER_URL;
  const repo = io.env.GITHUB_REPOSITORY;
  const sha = io.env.GITHUB_SHA;
  const workspace = io.env.GITHUB_WORKSPACE;
  const sub = workspace ? relativeLink(workspace, root) : '';
  const linkBase = server && repo && sha ? `${server}/${repo}/blob/${sha}${sub ? `/${sub}` : ''}` : relativeLink(io.cwd, root);
  try {
    const { stepSummary } = await import('../reporters/github.js');
    fs.appendFileSync(file, stepSummary(result, { color: false, quiet: false, linkBase }));
  } catch (error) {
    io.stderr(`job-owners: could not append to GITHUB_STEP_SUMMARY (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`);
  }
}

/** `--- a/FILE` (committed) → `+++ b/FILE` (current), three lines of context; a missing file is /dev/null. */
async function unifiedDiff(name: string, actual: string | undefined, expected: string): Promise<string> {
  // Imported here: only a stale report needs a diff, and every other run skips loading it.
  const { createTwoFilesPatch } = await import('diff');
  const patch = createTwoFilesPatch(actual === undefined ? '/dev/null' : `a/${name}`, `b/${name}`, actual ?? '', expected, undefined, undefined, { context: 3 });
  // The `====` (and `Index:`) preamble is jsdiff's, not git's; drop it so the output reads like `git diff`.
  return patch.replace(/^(Index: .*\n)?=+\n/, '').replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2');
}

/** Quotes a path for a copy-pasteable hint when it holds anything but safe characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function resolveDir(cwd: string, dir: string): string {
  const abs = path.resolve(cwd, dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `No such directory: ${dir}`);
  }
  if (!stat.isDirectory()) throw new UsageError(ERROR_CODES.CLI_USAGE, `Not a directory: ${dir} (pass the repository folder, not a file)`);
  try {
    fs.readdirSync(abs);
  } catch {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `Cannot read directory: ${dir}`);
  }
  return abs;
}

/** Flags that contradict each other: one clear sentence instead of "the last one wins". */
const CONFLICTS: Array<[string[], string[], string]> = [
  [['-c', '--config'], ['--no-config'], '--config and --no-config cannot be used together.'],
  [['--baseline'], ['--no-baseline'], '--baseline and --no-baseline cannot be used together.'],
  [['--update-baseline', '--prune-baseline'], ['--no-baseline'], '--update-baseline/--prune-baseline need a baseline; drop --no-baseline.'],
  [['--color'], ['--no-color'], '--color and --no-color cannot be used together.'],
  [['--cache'], ['--no-cache'], '--cache and --no-cache cannot be used together.'],
  [['--staged'], ['--changed-since'], '--staged and --changed-since cannot be used together.'],
  [['-o', '--output'], ['--output-file'], '-o/--output and --output-file are the same option; give one.'],
];

function rejectConflictingFlags(argv: string[]): void {
  const given = (flags: string[]): boolean => argv.some((a) => flags.some((f) => a === f || a.startsWith(`${f}=`)));
  for (const [a, b, message] of CONFLICTS) if (given(a) && given(b)) throw new UsageError(ERROR_CODES.CLI_USAGE, message);
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(ERROR_CODES.CLI_USAGE, `--max-warnings takes a whole number ≥ 0, got "${value}".`);
  return n;
}

/** `1 known finding`, `2 known findings`: the baseline's unit in messages. */
function countFindings(n: number): string {
  return `${n} known finding${n === 1 ? '' : 's'}`;
}

/** Repeatable `-f`; no default value, so `--help` shows none (commander would print "(default: [])"). */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The baseline file's findings; its reader (and zod, ~90 ms to load) is imported only when there is a baseline. */
async function readBaselineFile(file: string): Promise<Baseline> {
  return (await import('../suppress/baseline-file.js')).readBaseline(file);
}
