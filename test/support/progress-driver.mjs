// Runs the built CLI's main() with the progress line allowed after `delayMs` (argv[2]), the rest of
// argv as the CLI's arguments, and stderr's real TTY state: for the progress tests, run under a
// pseudo-terminal (`script`) or a pipe.
import { main } from '../../dist/cli/main.js';

const [delay, ...argv] = process.argv.slice(2);
const code = await main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: !!process.stdout.isTTY,
  stderrIsTTY: !!process.stderr.isTTY,
  stderrColumns: process.stderr.columns,
  progress: { delayMs: Number(delay) },
});
process.exitCode = code;
