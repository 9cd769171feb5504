import path from 'node:path';
import { classifyProgram } from './programs.js';
import type { ParsedCommand, Run } from './runs.js';
import { type Operator, tokenizeShell } from './shell-words.js';

/**
 * Reads a command — a package script, a Dockerfile shell-form `CMD`, a Procfile line, or an
 * exec-form argv — into the runs it starts (runs.ts). It looks nothing up: which script
 * `npm start` means, and which source file `dist/main.js` was built from, is the resolver's job.
 *
 * Which step is the process: in a sequence (`a && b`, `a; b`) each step must finish before the
 * next starts, so only the last step that runs something is long-running; earlier ones
 * (migrations, builds, seeds) are marked `oneOff`. Background steps (`a & b`) and every command
 * of a pipeline run concurrently. A fallback after `||` runs only on failure and is ignored.
 */
export function parseCommand(command: string | readonly string[], options: { positional?: readonly string[] } = {}): ParsedCommand {
  if (typeof command !== 'string') return { runs: classifyWords([...command], { env: {} }) };
  const { tokens, error } = tokenizeShell(command, options.positional);
  const pipelines = toPipelines(tokens);
  const state: CommandState = { env: {} };
  const perPipeline: { runs: Run[]; background: boolean }[] = [];
  for (const p of pipelines) {
    if (p.fallback) continue;
    perPipeline.push({ runs: p.commands.flatMap((words) => classifyWords(words, state)), background: p.background });
  }
  const foreground = perPipeline.filter((p) => !p.background && p.runs.length > 0);
  const last = foreground[foreground.length - 1];
  for (const p of foreground) if (p !== last) for (const run of p.runs) run.oneOff = true;
  const runs = perPipeline.flatMap((p) => p.runs);
  return error ? { runs, problem: error } : { runs };
}

/** What earlier commands of the same text changed: `cd dir`, `export X=1`. */
interface CommandState {
  cwd?: string;
  env: Record<string, string>;
}

interface Pipeline {
  commands: string[][];
  background: boolean;
  /** After `||`: runs only when the previous step failed. */
  fallback: boolean;
}

function toPipelines(tokens: ReturnType<typeof tokenizeShell>['tokens']): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let andOr: Pipeline[] = [];
  let current: Pipeline = { commands: [], background: false, fallback: false };
  let words: string[] = [];
  const endCommand = (): void => {
    if (words.length > 0) current.commands.push(words);
    words = [];
  };
  const endPipeline = (fallbackNext: boolean): void => {
    endCommand();
    if (current.commands.length > 0) andOr.push(current);
    current = { commands: [], background: false, fallback: fallbackNext };
  };
  const endList = (background: boolean): void => {
    endPipeline(false);
    for (const p of andOr) p.background = background;
    pipelines.push(...andOr);
    andOr = [];
  };
  for (const token of tokens) {
    if (token.kind === 'word') {
      words.push(token.value);
      continue;
    }
    const op: Operator = token.value;
    if (op === '|') endCommand();
    else if (op === '&&') endPipeline(false);
    else if (op === '||') endPipeline(true);
    else if (op === '&') endList(true);
    else if (op === '(') endCommand();
    else endList(false); // ';', newline, ')'
  }
  endList(false);
  return pipelines;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Commands that never start a process of their own (and the shell's control words). */
const NO_OP = new Set([
  'echo', 'printf', 'sleep', 'wait', 'true', 'false', 'exit', 'set', 'unset', 'trap', 'source', '.', ':', 'rm', 'mkdir',
  'cp', 'mv', 'chmod', 'chown', 'ln', 'touch', 'test', '[', '[[', 'fi', 'done', 'esac', 'umask', 'ulimit', 'shift', 'return',
  'cat', 'ls', 'pwd', 'whoami', 'date', 'read', 'local', 'declare', 'typeset', 'alias', 'case', 'for', 'function',
]);
/** Control words followed by a command (`then node a.js`, `if node check.js`). */
const LEADING_KEYWORDS = new Set(['then', 'else', 'elif', 'do', 'if', 'while', 'until', '!', '{', '}']);

/** One simple command: assignments and wrappers (`env`, `cross-env`, `dotenv --`, `npx`, `exec`…) peeled off. */
function classifyWords(input: string[], state: CommandState): Run[] {
  let words = [...input];
  const env = { ...state.env };
  const text = input.join(' ');
  for (let guard = 0; guard < 20 && words.length > 0; guard++) {
    const head = words[0]!;
    if (ASSIGNMENT.test(head)) {
      assign(env, head);
      words.shift();
      continue;
    }
    if (LEADING_KEYWORDS.has(head)) {
      words.shift();
      continue;
    }
    const peeled = peelWrapper(head, words.slice(1), env);
    if (peeled === undefined) break;
    if (typeof peeled === 'string') {
      // A wrapper that takes its command as one shell string (`cross-env-shell "…"`, `npx -c "…"`).
      return parseCommand(peeled).runs.map((run) => withBase(run, state, env));
    }
    words = peeled;
  }
  if (words.length === 0) {
    Object.assign(state.env, env); // `FOO=1` alone sets a shell variable
    return [];
  }
  const program = words[0]!;
  if (program === 'cd') {
    const dir = words[1];
    if (dir && dir !== '-' && !dir.startsWith('$') && !dir.startsWith('~')) {
      state.cwd = state.cwd === undefined || dir.startsWith('/') ? dir : path.posix.join(state.cwd, dir);
    }
    return [];
  }
  if (program === 'export') {
    for (const w of words.slice(1)) if (ASSIGNMENT.test(w)) assign(state.env, w);
    return [];
  }
  if (NO_OP.has(program)) return [];
  const runs = classifyProgram(words, { text, env }, (nested, positional) => parseCommand(nested, { positional }).runs);
  return runs.map((run) => withBase(run, state, env));
}

/** The cwd and env of this command, under whatever a nested command set itself. */
function withBase(run: Run, state: CommandState, env: Record<string, string>): Run {
  const cwd = state.cwd === undefined ? run.cwd : run.cwd === undefined ? state.cwd : run.cwd.startsWith('/') ? run.cwd : path.posix.join(state.cwd, run.cwd);
  const out: Run = { ...run, env: { ...env, ...run.env } };
  if (cwd !== undefined) out.cwd = cwd;
  return out;
}

function assign(env: Record<string, string>, word: string): void {
  const eq = word.indexOf('=');
  env[word.slice(0, eq)] = word.slice(eq + 1);
}

/**
 * A wrapper around the real command: the words left once it is peeled off, a shell string to
 * parse, or undefined when `head` is no wrapper.
 */
function peelWrapper(head: string, rest: string[], env: Record<string, string>): string[] | string | undefined {
  const name = binName(head);
  switch (name) {
    case 'env': {
      let i = 0;
      while (i < rest.length) {
        const w = rest[i]!;
        if (w === '-u' || w === '--unset' || w === '-C' || w === '--chdir') i += 2;
        else if (w === '--') {
          i++;
          break;
        } else if (w.startsWith('-')) i++;
        else if (ASSIGNMENT.test(w)) {
          assign(env, w);
          i++;
        } else break;
      }
      return rest.slice(i);
    }
    case 'cross-env':
      return rest[0] === '--' ? rest.slice(1) : rest;
    case 'cross-env-shell':
      return rest.filter((w) => !ASSIGNMENT.test(w) || (assign(env, w), false)).join(' ');
    case 'dotenv':
    case 'dotenv-cli':
    case 'dotenvx':
    case 'doppler':
    case 'infisical':
    case 'op':
    case 'chamber':
    case 'aws-vault':
    case 'env-cmd': {
      const dash = rest.indexOf('--');
      if (dash >= 0) return rest.slice(dash + 1);
      const valued = name === 'env-cmd' ? ['-f', '--file', '-e', '--environments', '-r', '--rc-file'] : ['-e', '-v', '-p', '-f', '--env-file', '-c'];
      let i = name === 'dotenvx' && rest[0] === 'run' ? 1 : 0;
      while (i < rest.length && rest[i]!.startsWith('-')) i += valued.includes(rest[i]!) && !rest[i]!.includes('=') ? 2 : 1;
      return rest.slice(i);
    }
    case 'npx':
    case 'bunx':
    case 'pnpx': {
      let i = 0;
      while (i < rest.length && rest[i]!.startsWith('-')) {
        const w = rest[i]!;
        if (w === '-c' || w === '--call') return rest[i + 1] ?? '';
        i += w === '-p' || w === '--package' ? 2 : 1;
      }
      return rest.slice(i);
    }
    case 'exec':
    case 'nohup':
    case 'time':
    case 'command':
    case 'setsid':
      return rest[0] === '-a' ? rest.slice(2) : rest;
    case 'nice':
      return rest[0] === '-n' ? rest.slice(2) : rest[0]?.startsWith('-') ? rest.slice(1) : rest;
    case 'tini':
    case 'dumb-init': {
      let i = 0;
      while (i < rest.length && rest[i]!.startsWith('-')) {
        if (rest[i] === '--') {
          i++;
          break;
        }
        i += ['-e', '-p', '-r', '--rewrite'].includes(rest[i]!) ? 2 : 1;
      }
      return rest.slice(i);
    }
    case 'su-exec':
    case 'gosu':
      return rest.slice(1);
    default:
      return undefined;
  }
}

/** `/usr/local/bin/node` → `node`, `./node_modules/.bin/ts-node` → `ts-node`; other paths stay. */
export function binName(word: string): string {
  const m = /^(?:\.\/)?(?:node_modules\/\.bin\/|\/usr\/(?:local\/)?bin\/|\/bin\/|\/sbin\/|\/usr\/sbin\/)([^/]+)$/.exec(word);
  return m ? m[1]! : word;
}
