import { binName } from './command.js';
import type { Run } from './runs.js';

/**
 * What one program invocation runs, after command.ts peeled assignments and wrappers off:
 * node and the TypeScript runners, the package managers, `nest start`, pm2, `concurrently`,
 * `npm-run-all`, nx, shells. Everything else is an `unknown` run (a frontend server, a binary).
 */

type Base = { text: string; env: Record<string, string> };
/** Parses a nested command (`sh -c "…"`, `concurrently "…"`, `nodemon --exec "…"`). */
type Parse = (command: string, positional?: readonly string[]) => Run[];

const SOURCE_EXT = /\.(?:[cm]?[jt]sx?)$/;

/** Flags that take the next word as their value, per runner; every other flag is a switch. */
const NODE_VALUED = ['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file', '--env-file-if-exists', '--watch-path', '--title', '--input-type', '--inspect-port', '--debug-port', '--redirect-warnings', '--icu-data-dir', '--openssl-config', '--diagnostic-dir', '--report-dir', '--cpu-prof-dir', '--heap-prof-dir'];
const TS_NODE_VALUED = ['-r', '--require', '-P', '--project', '-O', '--compiler-options', '-C', '--compiler', '-D', '--ignore-diagnostics', '-I', '--ignore', '--cwd', '--dir', '--scope-dir', '--transpiler', '--ignore-watch', '--watch', '--interval', '--debounce', '--cache-directory'];
const TSX_VALUED = ['--tsconfig', '--env-file', '--ignore', '--include', '--import', '-r', '--require', '--input-type', '-C', '--conditions'];
const NODEMON_VALUED = ['-w', '--watch', '-e', '--ext', '-i', '--ignore', '-x', '--exec', '-d', '--delay', '--signal', '--config', '--cwd', '-r', '--require'];
const BUN_VALUED = ['--cwd', '--filter', '-F', '--env-file', '--tsconfig-override', '-r', '--preload', '--config', '-c', '--conditions'];
const DENO_VALUED = ['-c', '--config', '--import-map', '--location', '--seed', '--cert', '--lock', '--env-file'];
const NEST_VALUED = ['-c', '--config', '-p', '--path', '--entryFile', '--sourceRoot', '-e', '--exec', '-b', '--builder', '--webpackPath', '--env-file'];
const PM2_VALUED = ['--name', '-n', '-i', '--instances', '--only', '--env', '--interpreter', '--interpreter-args', '--node-args', '--max-memory-restart', '-l', '--log', '-o', '--output', '-e', '--error', '--cwd', '--cron', '--namespace', '--restart-delay', '--max-restarts', '--kill-timeout', '--listen-timeout', '--exp-backoff-restart-delay', '--log-date-format', '--user', '-u', '--pid', '--instance-var'];
const CONCURRENTLY_VALUED = ['-n', '--names', '-c', '--prefix-colors', '-p', '--prefix', '-l', '--prefix-length', '-t', '--timestamp-format', '--restart-tries', '--restart-after', '-m', '--max-processes', '-s', '--success', '--default-input-target', '--name-separator', '--pad-prefix', '--kill-signal'];
const NPM_RUN_ALL_VALUED = ['--npm-path', '--max-parallel'];

/** Runners that take a script file as their first positional argument. */
const FILE_RUNNERS: Record<string, readonly string[]> = {
  node: NODE_VALUED,
  nodejs: NODE_VALUED,
  'ts-node': TS_NODE_VALUED,
  'ts-node-esm': TS_NODE_VALUED,
  'ts-node-script': TS_NODE_VALUED,
  'ts-node-transpile-only': TS_NODE_VALUED,
  'ts-node-dev': TS_NODE_VALUED,
  tsnd: TS_NODE_VALUED,
  tsx: TSX_VALUED,
  esno: TSX_VALUED,
  esr: TSX_VALUED,
  esrun: TSX_VALUED,
  'babel-node': ['--config-file', '-x', '--extensions', '--presets', '--plugins', '-r', '--require'],
  'swc-node': NODE_VALUED,
  'vite-node': ['-r', '--root', '-c', '--config', '--mode', '-w'],
  jiti: [],
  'sucrase-node': [],
  'node-dev': NODE_VALUED,
  'ts-node-maintained': TS_NODE_VALUED,
};

/** Flags of `node` and friends after which there is no script file. */
const NO_SCRIPT_FLAGS: Record<string, string> = {
  '-e': 'evaluates inline code',
  '--eval': 'evaluates inline code',
  '-p': 'evaluates inline code',
  '--print': 'evaluates inline code',
  '--test': 'runs tests',
  '-v': 'prints the version',
  '--version': 'prints the version',
  '-h': 'prints help',
  '--help': 'prints help',
  '-c': 'only checks syntax',
  '--check': 'only checks syntax',
};

const FRONTEND = new Set(['next', 'nuxt', 'nuxi', 'vite', 'remix', 'remix-serve', 'astro', 'react-scripts', 'webpack-dev-server', 'webpack', 'serve', 'http-server', 'ng', 'vue-cli-service', 'gatsby', 'storybook', 'start-storybook', 'expo', 'react-native', 'parcel', 'svelte-kit', 'docusaurus', 'vitepress', 'electron', 'electron-forge']);
/** Programs that run a server framework's app (frameworks.ts); `vite` only in a SvelteKit package. */
const FRAMEWORK_SERVERS = new Set(['next', 'nuxt', 'nuxi', 'remix', 'remix-serve', 'astro', 'vite']);
/** Their subcommands that build, check or generate, and exit. */
const NOT_A_SERVER = new Set(['build', 'lint', 'export', 'generate', 'typegen', 'info', 'telemetry', 'check', 'sync', 'prepare', 'analyze', 'add', 'init', 'upgrade', 'cleanup', 'routes', 'optimize']);
const DELEGATES = new Set(['supervisord', 'docker', 'docker-compose', 'podman', 'podman-compose', 'turbo', 'lerna', 'kubectl', 'skaffold', 'tilt', 'foreman', 'overmind', 'honcho', 'heroku', 'wireit', 'moon']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh']);

const PNPM_BUILTINS = new Set(['install', 'i', 'add', 'remove', 'rm', 'uninstall', 'update', 'up', 'upgrade', 'list', 'ls', 'll', 'link', 'ln', 'unlink', 'import', 'rebuild', 'rb', 'prune', 'fetch', 'audit', 'outdated', 'why', 'publish', 'pack', 'create', 'init', 'store', 'server', 'setup', 'env', 'deploy', 'patch', 'patch-commit', 'config', 'c', 'root', 'bin', 'licenses', 'ci', 'install-test', 'it', 'dedupe', 'approve-builds']);
const YARN_BUILTINS = new Set(['install', 'add', 'remove', 'upgrade', 'up', 'info', 'init', 'why', 'config', 'cache', 'set', 'plugin', 'version', 'npm', 'pack', 'publish', 'link', 'unlink', 'patch', 'patch-commit', 'constraints', 'dedupe', 'explain', 'bin', 'global', 'import', 'policies', 'tag', 'team', 'unplug', 'rebuild', 'login', 'logout', 'owner', 'licenses', 'check', 'autoclean', 'generate-lock-entry', 'outdated', 'list', 'audit', 'create']);
const BUN_BUILTINS = new Set(['install', 'i', 'add', 'a', 'remove', 'rm', 'update', 'build', 'test', 'init', 'create', 'c', 'upgrade', 'pm', 'link', 'unlink', 'patch', 'outdated', 'publish', 'repl', 'completions', 'discord', 'help']);

export function classifyProgram(words: string[], base: Base, parse: Parse): Run[] {
  const program = binName(words[0]!);
  const args = words.slice(1);
  const unknown = (reason?: string): Run[] => [{ kind: 'unknown', program, ...(reason ? { reason } : {}), ...(args.length ? { args } : {}), text: base.text, env: base.env, oneOff: false }];

  const valued = FILE_RUNNERS[program];
  if (valued) return fileRunner(program, args, valued, base, unknown);
  switch (program) {
    case 'nodemon':
      return nodemon(args, base, parse);
    case 'bun':
      return bun(args, base, parse, unknown);
    case 'deno': {
      if (args[0] !== 'run') return unknown('is not a deno run');
      return fileRunner('deno', args.slice(1), DENO_VALUED, base, unknown);
    }
    case 'forever':
      return fileRunner('forever', args[0] === 'start' ? args.slice(1) : args, ['-l', '-o', '-e', '--uid', '-a', '--sourceDir', '-p', '-c', '--command'], base, unknown);
    case 'npm':
      return npm(args, base, parse, unknown);
    case 'pnpm':
      return pnpm(args, base, parse, unknown);
    case 'yarn':
      return yarn(args, base, parse, unknown);
    case 'nest':
      return nest(args, base, unknown);
    case 'pm2':
    case 'pm2-runtime':
    case 'pm2-docker':
    case 'pm2-dev':
      return pm2(program, args, base, parse, unknown);
    case 'concurrently':
      return concurrently(args, base, parse);
    case 'npm-run-all':
    case 'npm-run-all2':
    case 'run-p':
    case 'run-s':
      return npmRunAll(program, args, base);
    case 'nx':
      return nx(args, base, unknown);
    case 'run-script-os':
      return [{ kind: 'os-script', text: base.text, env: base.env, oneOff: false }];
  }
  if (SHELLS.has(program)) return shell(args, base, parse, unknown);
  if (DELEGATES.has(program)) return [{ kind: 'delegate', tool: program, text: base.text, env: base.env, oneOff: false }];
  if (FRAMEWORK_SERVERS.has(program)) {
    const sub = args.find((a) => !a.startsWith('-'));
    if (sub !== undefined && NOT_A_SERVER.has(sub)) return unknown('builds, checks or generates and exits; it is not the server');
    return [{ kind: 'framework', program, text: base.text, env: base.env, oneOff: false }];
  }
  if (FRONTEND.has(program)) return unknown('is a frontend or bundler server, not a file job-owners can follow');
  if (program.endsWith('.sh') || /entrypoint/i.test(program)) return [{ kind: 'shell-script', path: program, args, text: base.text, env: base.env, oneOff: false }];
  if (SOURCE_EXT.test(program) && (program.includes('/') || program.startsWith('.'))) return [{ kind: 'file', runner: 'exec', path: program, ...(args.length ? { args } : {}), text: base.text, env: base.env, oneOff: false }];
  // `./run worker`, `bin/cli start`: an executable file of the repository (a `#!/usr/bin/env node` script).
  const written = words[0]!;
  if (/^\.{1,2}\/[^=\s]+$/.test(written) || /^[\w@][\w@.-]*\/[\w@./-]+$/.test(written)) return [{ kind: 'file', runner: 'exec', path: written, ...(args.length ? { args } : {}), text: base.text, env: base.env, oneOff: false }];
  return unknown();
}

/** The index of the first positional argument (the script), skipping flags and their values. */
export function firstPositional(args: readonly string[], valued: readonly string[]): { index: number; flags: Map<string, string | true> } {
  const flags = new Map<string, string | true>();
  let i = 0;
  while (i < args.length) {
    const a = args[i]!;
    if (a === '--') return { index: i + 1, flags };
    if (!a.startsWith('-') || a === '-') return { index: i, flags };
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags.set(a.slice(0, eq), a.slice(eq + 1));
      i++;
    } else if (valued.includes(a)) {
      flags.set(a, args[i + 1] ?? '');
      i += 2;
    } else {
      flags.set(a, true);
      i++;
    }
  }
  return { index: args.length, flags };
}

function fileRunner(runner: string, args: string[], valued: readonly string[], base: Base, unknown: (r?: string) => Run[]): Run[] {
  let rest = args;
  if ((runner === 'tsx' || runner === 'esno') && rest[0] === 'watch') rest = rest.slice(1);
  const { index, flags } = firstPositional(rest, valued);
  for (const flag of flags.keys()) {
    const why = NO_SCRIPT_FLAGS[flag];
    if (why && !(flag === '-c' && runner !== 'node' && runner !== 'nodejs')) return unknown(why);
  }
  const script = rest[index];
  if (script === undefined) return unknown('has no script file');
  const after = rest.slice(index + 1);
  return [{ kind: 'file', runner, path: script, ...(after.length ? { args: after } : {}), text: base.text, env: base.env, oneOff: false }];
}

/** `nodemon [script]` or `nodemon --exec "ts-node" src/main.ts`: the exec command runs the script. */
function nodemon(args: string[], base: Base, parse: Parse): Run[] {
  const { index, flags } = firstPositional(args, NODEMON_VALUED);
  const exec = flags.get('--exec') ?? flags.get('-x');
  const script = args.slice(index);
  if (typeof exec === 'string' && exec !== '') return parse([exec, ...script.map(quote)].join(' '));
  if (script[0] === undefined) return [{ kind: 'file', runner: 'nodemon', text: base.text, env: base.env, oneOff: false }];
  return [{ kind: 'file', runner: 'nodemon', path: script[0], text: base.text, env: base.env, oneOff: false }];
}

function looksLikeFile(word: string): boolean {
  return SOURCE_EXT.test(word) || word.startsWith('./') || word.startsWith('../') || word.startsWith('/') || word === '.';
}

function bun(args: string[], base: Base, parse: Parse, unknown: (r?: string) => Run[]): Run[] {
  const { index, flags } = firstPositional(args, BUN_VALUED);
  const command = args[index];
  const workspace = stringFlag(flags, '--filter', '-F');
  const cwd = stringFlag(flags, '--cwd');
  if (command === undefined) return unknown('has no script');
  if (command === 'x') return parse(args.slice(index + 1).map(quote).join(' '));
  if (BUN_BUILTINS.has(command)) return unknown(`bun ${command} is not a process`);
  const target = command === 'run' ? args[index + 1 + firstPositional(args.slice(index + 1), BUN_VALUED).index] : command;
  if (target === undefined) return unknown('has no script');
  const run: Run = looksLikeFile(target)
    ? { kind: 'file', runner: 'bun', path: target, text: base.text, env: base.env, oneOff: false }
    : { kind: 'script', manager: 'bun', script: target, ...(workspace ? { workspace } : {}), text: base.text, env: base.env, oneOff: false };
  if (cwd) run.cwd = cwd;
  return [run];
}

function npm(args: string[], base: Base, parse: Parse, unknown: (r?: string) => Run[]): Run[] {
  const { positionals, flags, afterDash } = allArgs(args, ['--prefix', '-C', '-w', '--workspace', '--loglevel', '--userconfig', '--cache']);
  const [command, ...rest] = positionals;
  if (flags.has('--ws') || flags.has('--workspaces')) return delegate('npm --workspaces', base);
  const workspace = stringFlag(flags, '-w', '--workspace') ?? prefixWorkspace(stringFlag(flags, '--prefix', '-C'));
  if (command === 'exec' || command === 'x') return parse([...rest, ...afterDash].map(quote).join(' '));
  let script: string | undefined;
  if (command === 'start' || command === 'test' || command === 'restart' || command === 'stop') script = command === 'restart' ? 'start' : command;
  else if (command === 't' || command === 'tst') script = 'test';
  else if (command === 'run' || command === 'run-script' || command === 'rum' || command === 'urn') script = rest[0];
  if (command === 'stop') return [];
  if (script === undefined) return unknown(command ? `npm ${command} is not a process` : 'has no command');
  return [{ kind: 'script', manager: 'npm', script, ...(workspace ? { workspace } : {}), text: base.text, env: base.env, oneOff: false }];
}

function pnpm(args: string[], base: Base, parse: Parse, unknown: (r?: string) => Run[]): Run[] {
  const { positionals, flags, afterDash } = allArgs(args, ['--filter', '-F', '-C', '--dir', '--reporter', '--workspace-concurrency', '--filter-prod', '--test-pattern', '--changed-files-ignore-pattern']);
  if (flags.has('-r') || flags.has('--recursive')) return delegate('pnpm --recursive', base);
  const filter = stringFlag(flags, '--filter', '-F', '--filter-prod');
  if (filter && /[*]/.test(filter.replace(/\.\.\.$/, ''))) return delegate(`pnpm --filter ${filter}`, base);
  const dir = stringFlag(flags, '-C', '--dir');
  const workspace = filter ?? prefixWorkspace(dir) ?? (flags.has('-w') || flags.has('--workspace-root') ? '.' : undefined);
  const [command, ...rest] = positionals;
  if (command === undefined) return unknown('has no command');
  if (command === 'exec' || command === 'dlx') return parse([...rest, ...afterDash].map(quote).join(' '));
  if (PNPM_BUILTINS.has(command)) return unknown(`pnpm ${command} is not a process`);
  const script = command === 'run' || command === 'run-script' ? rest[0] : command;
  if (script === undefined) return unknown('has no script');
  const binArgs = command === 'run' || command === 'run-script' ? undefined : args.slice(args.indexOf(command) + 1);
  return [{ kind: 'script', manager: 'pnpm', script, ...(workspace ? { workspace } : {}), ...(binArgs ? { binArgs } : {}), text: base.text, env: base.env, oneOff: false }];
}

function yarn(args: string[], base: Base, parse: Parse, unknown: (r?: string) => Run[]): Run[] {
  const { positionals, flags, afterDash } = allArgs(args, ['--cwd']);
  const [command, ...rest] = positionals;
  const cwd = stringFlag(flags, '--cwd');
  if (command === undefined) return unknown('yarn install is not a process');
  if (command === 'workspace' && rest[0]) {
    const inner = yarn([...rest.slice(1), ...(afterDash.length ? ['--', ...afterDash] : [])], base, parse, unknown);
    return inner.map((run) => (run.kind === 'script' ? { ...run, workspace: rest[0]! } : run));
  }
  if (command === 'workspaces') return delegate('yarn workspaces', base);
  if (command === 'node') return fileRunner('node', [...rest, ...afterDash], NODE_VALUED, base, unknown);
  if (command === 'exec' || command === 'dlx') return parse([...rest, ...afterDash].map(quote).join(' '));
  if (YARN_BUILTINS.has(command)) return unknown(`yarn ${command} is not a process`);
  const script = command === 'run' ? rest[0] : command;
  if (script === undefined) return unknown('has no script');
  const workspace = prefixWorkspace(cwd);
  const binArgs = command === 'run' ? undefined : args.slice(args.indexOf(command) + 1);
  return [{ kind: 'script', manager: 'yarn', script, ...(workspace ? { workspace } : {}), ...(binArgs ? { binArgs } : {}), text: base.text, env: base.env, oneOff: false }];
}

/** `nest start [project] [--config file] [--entryFile x] [--sourceRoot x]`. */
function nest(args: string[], base: Base, unknown: (r?: string) => Run[]): Run[] {
  if (args[0] !== 'start') return unknown(args[0] ? `nest ${args[0]} is not a process` : 'has no command');
  const rest = args.slice(1);
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') break;
    if (!a.startsWith('-')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
    else if (NEST_VALUED.includes(a)) flags.set(a, rest[++i] ?? '');
    else if ((a === '-d' || a === '--debug') && /^[\d.:]+$/.test(rest[i + 1] ?? '')) i++;
    else flags.set(a, true);
  }
  const config = stringFlag(flags, '-c', '--config');
  const entryFile = stringFlag(flags, '--entryFile');
  const sourceRoot = stringFlag(flags, '--sourceRoot');
  return [{
    kind: 'nest',
    ...(positionals[0] ? { project: positionals[0] } : {}),
    ...(config ? { config } : {}),
    ...(entryFile ? { entryFile } : {}),
    ...(sourceRoot ? { sourceRoot } : {}),
    text: base.text,
    env: base.env,
    oneOff: false,
  }];
}

const PM2_NO_PROCESS = new Set(['stop', 'restart', 'reload', 'delete', 'del', 'logs', 'save', 'resurrect', 'monit', 'list', 'ls', 'l', 'status', 'kill', 'flush', 'describe', 'show', 'install', 'update', 'startup', 'unstartup', 'ping', 'link', 'set']);

/** `pm2 start <file|ecosystem> [--name x] [--only x] [-- args]`, `pm2-runtime [start] <…>`. */
function pm2(program: string, args: string[], base: Base, parse: Parse, unknown: (r?: string) => Run[]): Run[] {
  let rest = args;
  if (program === 'pm2' || rest[0] === 'start') {
    if (rest[0] !== 'start') return PM2_NO_PROCESS.has(rest[0] ?? '') ? [] : unknown(`pm2 ${rest[0] ?? ''} is not a process`.trim());
    rest = rest.slice(1);
  }
  const dash = rest.indexOf('--');
  const own = dash >= 0 ? rest.slice(0, dash) : rest;
  const passed = dash >= 0 ? rest.slice(dash + 1) : [];
  // pm2 takes its options before and after the target (`pm2 start dist/main.js --name api`).
  const { positionals, flags } = allArgs(own, PM2_VALUED);
  const target = positionals[0];
  if (target === undefined) return unknown('has no script or ecosystem file');
  const name = stringFlag(flags, '--name', '-n');
  const named = (runs: Run[]): Run[] => (name ? runs.map((r) => ({ ...r, name })) : runs);
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(target)) return named(parse([target, ...passed].map(quote).join(' ')));
  const interpreter = stringFlag(flags, '--interpreter');
  if (interpreter && interpreter !== 'node' && interpreter !== 'none') return named(parse([interpreter, target, ...passed].map(quote).join(' ')));
  const only = stringFlag(flags, '--only');
  return named([{ kind: 'pm2', target, ...(only ? { only } : {}), text: base.text, env: base.env, oneOff: false }]);
}

/** `concurrently -n api,worker "npm:start:api" "node dist/worker.js"`: every argument is a process. */
function concurrently(args: string[], base: Base, parse: Parse): Run[] {
  const commands: string[] = [];
  let names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const flag = eq > 0 ? a.slice(0, eq) : a;
      const value = eq > 0 ? a.slice(eq + 1) : CONCURRENTLY_VALUED.includes(a) ? args[++i] : undefined;
      if ((flag === '-n' || flag === '--names') && value) names = value.split(',');
      continue;
    }
    commands.push(a);
  }
  return commands.flatMap((command, i) => {
    const shorthand = /^(npm|pnpm|yarn|bun):(.+)$/.exec(command);
    const runs: Run[] = shorthand
      ? [{ kind: 'script', manager: shorthand[1] as 'npm', script: shorthand[2]!, text: command, env: base.env, oneOff: false }]
      : parse(command);
    const name = names[i];
    return name ? runs.map((r) => ({ ...r, name })) : runs;
  });
}

/** `run-p a b`, `run-s build start`, `npm-run-all -s build -p start:*`. */
function npmRunAll(program: string, args: string[], base: Base): Run[] {
  let parallel = program === 'run-p';
  const items: { script: string; parallel: boolean }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '-p' || a === '--parallel') parallel = true;
    else if (a === '-s' || a === '--sequential' || a === '--serial') parallel = false;
    else if (NPM_RUN_ALL_VALUED.includes(a)) i++;
    else if (!a.startsWith('-')) items.push({ script: a, parallel });
  }
  const last = items[items.length - 1];
  return items.map((item) => ({ kind: 'script', manager: 'npm', script: item.script, text: base.text, env: base.env, oneOff: !item.parallel && item !== last }));
}

/** `nx serve api`, `nx run api:serve[:production]`, `nx start api`; `nx run-many`/`affected` fan out. */
function nx(args: string[], base: Base, unknown: (r?: string) => Run[]): Run[] {
  const positionals = args.filter((a) => !a.startsWith('-'));
  const [command, arg] = positionals;
  if (command === undefined) return unknown('has no command');
  if (command === 'run-many' || command === 'affected') return delegate(`nx ${command}`, base);
  if (command === 'run' && arg) {
    const [project, target] = arg.split(':');
    if (project && target) return [{ kind: 'nx', project, target, text: base.text, env: base.env, oneOff: false }];
    return unknown('names no project:target');
  }
  if (command.includes(':')) {
    const [project, target] = command.split(':');
    return [{ kind: 'nx', project: project!, target: target!, text: base.text, env: base.env, oneOff: false }];
  }
  if (arg) return [{ kind: 'nx', project: arg, target: command, text: base.text, env: base.env, oneOff: false }];
  return unknown(`nx ${command} names no project`);
}

/** `sh -c "…" [arg0 args…]` parses the string; `sh ./start.sh args` reads the script. */
function shell(args: string[], base: Base, parse: Parse, unknown: (r?: string) => Run[]): Run[] {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && !a.startsWith('--') && a.includes('c')) {
      const command = args[i + 1];
      return command === undefined ? unknown('has no command') : parse(command, args.slice(i + 3));
    }
    if (a.startsWith('-')) continue;
    return [{ kind: 'shell-script', path: a, args: args.slice(i + 1), text: base.text, env: base.env, oneOff: false }];
  }
  return unknown('is an interactive shell');
}

function delegate(tool: string, base: Base): Run[] {
  return [{ kind: 'delegate', tool, text: base.text, env: base.env, oneOff: false }];
}

/** Flags anywhere (npm accepts `npm run start -w api`), positionals, and what follows `--`. */
function allArgs(args: readonly string[], valued: readonly string[]): { positionals: string[]; flags: Map<string, string | true>; afterDash: string[] } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return { positionals, flags, afterDash: args.slice(i + 1) };
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
      else if (valued.includes(a)) flags.set(a, args[++i] ?? '');
      else flags.set(a, true);
    } else positionals.push(a);
  }
  return { positionals, flags, afterDash: [] };
}

function stringFlag(flags: Map<string, string | true>, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = flags.get(n);
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/** `--prefix apps/api` / `-C apps/api` names a package by folder: `./apps/api`. */
function prefixWorkspace(dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  return dir.startsWith('.') || dir.startsWith('/') ? dir : `./${dir}`;
}

/** Quotes a word for re-parsing, when it needs it. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
