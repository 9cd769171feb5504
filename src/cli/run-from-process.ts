import { TOOL_VERSION } from '../model/to-result.js';
import { main } from './main.js';

/** Binds the CLI to the real process: streams, env, cwd; sets process.exitCode (never exits). */
export async function runFromProcess(): Promise<void> {
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug');
  let crashed = false;
  let stdoutClosed = false;
  // Errors that escape `main` (an async throw, a rejected promise nobody awaited) still get the
  // one-line crash report and exit 2, never Node's default stack dump and exit 1.
  const crash = (error: unknown): void => {
    crashed = true;
    process.exitCode = 2;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    try {
      process.stderr.write(`job-owners ${TOOL_VERSION} crashed: ${message}\n`);
      if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      else process.stderr.write('Rerun with --debug for the stack trace, and please report it with that output.\n');
    } catch {
      // stderr is gone too: the exit code is all that is left
    }
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // `job-owners check --format json | head -1`: the reader left; that is not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stdoutClosed = true;
    else crash(error);
  });
  process.stderr.on('error', () => {
    // nowhere left to report to
  });
  const code = await main(argv, {
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    stderrColumns: process.stderr.columns,
  });
  process.exitCode = crashed ? 2 : code;
}
