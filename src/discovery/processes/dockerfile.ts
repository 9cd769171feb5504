import path from 'node:path';

/**
 * A Dockerfile read into its stages: for each, the working directory, the environment, the
 * `COPY`/`ADD`s (to map container paths back to the repository) and the `CMD`/`ENTRYPOINT`.
 * Multi-stage builds run their *last* stage; a stage `FROM` an earlier one inherits its files,
 * workdir, env, CMD and ENTRYPOINT. Variables from `ARG` defaults and `ENV` are substituted where
 * Docker substitutes them (WORKDIR, COPY, ADD, ENV, ARG). Text is never executed.
 */

export type DockerCommand = { form: 'exec'; argv: string[]; line: number } | { form: 'shell'; text: string; line: number };

export interface DockerCopy {
  /** `--from=<stage or image>`. */
  from?: string;
  sources: string[];
  /** Absolute container path (resolved against the WORKDIR of that moment). */
  dest: string;
  /** Whether `dest` is a directory the sources go into (`./`, several sources, the WORKDIR). */
  destIsDir: boolean;
  line: number;
}

export interface DockerStage {
  index: number;
  name?: string;
  base: string;
  line: number;
  /** Stage this one is built `FROM`, when it is an earlier stage. */
  parent?: number;
  workdir: string;
  env: Record<string, string>;
  copies: DockerCopy[];
  cmd?: DockerCommand;
  entrypoint?: DockerCommand;
}

export interface ParsedDockerfile {
  stages: DockerStage[];
  warnings: { line: number; message: string }[];
}

const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** `buildArgs`: compose `build.args`, which override `ARG` defaults. */
export function parseDockerfile(text: string, buildArgs: Record<string, string> = {}): ParsedDockerfile {
  const warnings: ParsedDockerfile['warnings'] = [];
  const stages: DockerStage[] = [];
  const globalArgs: Record<string, string> = {};
  let stage: DockerStage | undefined;
  let stageArgs: Record<string, string> = {};
  const vars = (): Record<string, string> => ({ ...globalArgs, ...stageArgs, ...(stage?.env ?? {}) });
  for (const { keyword, args, line } of logicalLines(text, warnings)) {
    const upper = keyword.toUpperCase();
    if (!INSTRUCTIONS.has(upper)) {
      warnings.push({ line, message: `unknown instruction "${keyword}"; the line is ignored` });
      continue;
    }
    if (upper === 'ARG') {
      for (const [k, v] of assignments(args, true)) {
        const value = buildArgs[k] ?? (v === undefined ? undefined : substitute(v, vars()));
        const target = stage ? stageArgs : globalArgs;
        if (value !== undefined) target[k] = value;
        else if (stage && globalArgs[k] !== undefined) stageArgs[k] = globalArgs[k]!;
      }
      continue;
    }
    if (upper === 'FROM') {
      const words = args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const base = substitute(words[0] ?? '', globalArgs);
      const asIndex = words.findIndex((w) => w.toLowerCase() === 'as');
      const name = asIndex >= 0 ? words[asIndex + 1] : undefined;
      const parent = stages.find((s) => s.name !== undefined && s.name.toLowerCase() === base.toLowerCase()) ?? (/^\d+$/.test(base) ? stages[Number(base)] : undefined);
      stage = {
        index: stages.length,
        ...(name ? { name } : {}),
        base,
        line,
        ...(parent ? { parent: parent.index } : {}),
        workdir: parent?.workdir ?? '/',
        env: { ...(parent?.env ?? {}) },
        copies: [],
        ...(parent?.cmd ? { cmd: parent.cmd } : {}),
        ...(parent?.entrypoint ? { entrypoint: parent.entrypoint } : {}),
      };
      stageArgs = {};
      stages.push(stage);
      continue;
    }
    if (!stage) {
      warnings.push({ line, message: `${upper} before any FROM; the line is ignored` });
      continue;
    }
    switch (upper) {
      case 'WORKDIR':
        stage.workdir = path.posix.resolve(stage.workdir, substitute(unquote(args.trim()), vars()));
        break;
      case 'ENV':
        for (const [k, v] of assignments(args, false)) if (v !== undefined) stage.env[k] = substitute(v, vars());
        break;
      case 'COPY':
      case 'ADD': {
        const copy = parseCopy(args, stage, vars(), line);
        if (copy) stage.copies.push(copy);
        else warnings.push({ line, message: `${upper} needs a source and a destination` });
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const command = parseCommandForm(args, line, warnings, upper);
        const withEnv: DockerCommand = command.form === 'shell' ? { ...command, text: substitute(command.text, stage.env) } : command;
        if (upper === 'CMD') stage.cmd = withEnv;
        else {
          stage.entrypoint = withEnv;
          // Docker: a new ENTRYPOINT drops the CMD the stage inherited.
          if (stage.cmd && stage.cmd.line < stage.line) delete stage.cmd;
        }
        break;
      }
    }
  }
  return { stages, warnings };
}

/** Instructions with continuation lines joined, comments and heredoc bodies skipped. */
function logicalLines(text: string, warnings: ParsedDockerfile['warnings']): { keyword: string; args: string; line: number }[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  const out: { keyword: string; args: string; line: number }[] = [];
  let i = 0;
  // Parser directives come first: `# escape=\``.
  while (i < lines.length) {
    const m = /^#\s*(\w+)\s*=\s*(\S+)\s*$/.exec(lines[i]!);
    if (!m) break;
    if (m[1]!.toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
    i++;
  }
  while (i < lines.length) {
    const start = i;
    const first = lines[i]!;
    i++;
    if (/^\s*(#|$)/.test(first)) continue;
    let joined = first;
    while (endsWithEscape(joined, escape)) {
      joined = joined.replace(/\s*$/, '').slice(0, -1);
      // Comment and empty lines inside a continuation are dropped (BuildKit does the same).
      while (i < lines.length && /^\s*(#|$)/.test(lines[i]!)) i++;
      if (i >= lines.length) {
        warnings.push({ line: start + 1, message: 'the instruction ends with a line continuation at the end of the file' });
        break;
      }
      joined += ` ${lines[i]!.trim()}`;
      i++;
    }
    const m = /^\s*(\S+)\s*(.*)$/.exec(joined);
    if (!m) continue;
    const keyword = m[1]!;
    const args = m[2]!.trim();
    out.push({ keyword, args, line: start + 1 });
    // Heredocs (`RUN <<EOF … EOF`): skip the body.
    const heredoc = /<<-?\s*["']?([A-Za-z_]\w*)["']?/.exec(args);
    if (heredoc && /^(RUN|COPY|ADD)$/i.test(keyword)) {
      while (i < lines.length && lines[i]!.trim() !== heredoc[1]) i++;
      i++;
    }
  }
  return out;
}

function endsWithEscape(line: string, escape: string): boolean {
  const trimmed = line.replace(/\s+$/, '');
  return trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape);
}

/** Exec form when the text is a JSON array of strings; anything else is shell form (Docker's rule). */
function parseCommandForm(args: string, line: number, warnings: ParsedDockerfile['warnings'], keyword: string): DockerCommand {
  if (args.startsWith('[')) {
    try {
      const value = JSON.parse(args) as unknown;
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { form: 'exec', argv: value, line };
    } catch {
      // falls through: Docker runs it as a shell command, which is almost never what was meant
    }
    warnings.push({ line, message: `${keyword} looks like exec form but is not a JSON array of strings; Docker runs it through /bin/sh` });
  }
  return { form: 'shell', text: args, line };
}

function parseCopy(args: string, stage: DockerStage, vars: Record<string, string>, line: number): DockerCopy | undefined {
  let words: string[];
  let rest = args;
  let from: string | undefined;
  for (;;) {
    const m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
    if (!m) break;
    if (m[1] === 'from') from = m[2];
    rest = rest.slice(m[0].length);
  }
  if (rest.startsWith('[')) {
    try {
      const value = JSON.parse(rest) as unknown;
      words = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      words = rest.split(/\s+/);
    }
  } else words = rest.split(/\s+/).filter(Boolean).map(unquote);
  words = words.map((w) => substitute(w, vars));
  if (words.length < 2) return undefined;
  const destRaw = words[words.length - 1]!;
  const sources = words.slice(0, -1);
  const dest = path.posix.resolve(stage.workdir, destRaw);
  const destIsDir = sources.length > 1 || destRaw.endsWith('/') || destRaw === '.' || dest === stage.workdir;
  return { ...(from !== undefined ? { from: substitute(from, vars) } : {}), sources, dest, destIsDir, line };
}

/** `ENV A=1 B="two"`, legacy `ENV A 1`, `ARG A` / `ARG A=1`. */
function assignments(args: string, isArg: boolean): [string, string | undefined][] {
  const legacy = /^([A-Za-z_][\w.-]*)\s+(?!\S*=)(.*)$/.exec(args);
  if (!isArg && legacy && !args.includes('=')) return [[legacy[1]!, unquote(legacy[2]!.trim())]];
  const out: [string, string | undefined][] = [];
  const re = /([A-Za-z_][\w.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (const m of args.matchAll(re)) out.push([m[1]!, m[2] === undefined ? undefined : unquote(m[2])]);
  return out;
}

function unquote(word: string): string {
  if (word.length >= 2 && ((word.startsWith('"') && word.endsWith('"')) || (word.startsWith("'") && word.endsWith("'")))) return word.slice(1, -1);
  return word;
}

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`; unknown variables stay as written. */
export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g, (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    const value = vars[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    return value ?? whole;
  });
}

/** The argv Docker runs for a stage: ENTRYPOINT + CMD with the exec/shell rules. */
export function effectiveArgv(entrypoint: DockerCommand | undefined, cmd: DockerCommand | undefined): { argv: string[]; line: number } | undefined {
  const shell = (text: string): string[] => ['/bin/sh', '-c', text];
  if (entrypoint?.form === 'shell') return { argv: shell(entrypoint.text), line: entrypoint.line };
  const cmdArgv = cmd ? (cmd.form === 'exec' ? cmd.argv : shell(cmd.text)) : [];
  if (entrypoint) return { argv: [...entrypoint.argv, ...cmdArgv], line: cmd && cmd.line > entrypoint.line ? cmd.line : entrypoint.line };
  if (cmd) return { argv: cmdArgv, line: cmd.line };
  return undefined;
}
