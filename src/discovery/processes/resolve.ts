import path from 'node:path';
import type { WorkspacePackage } from '../packages.js';
import { type NestCli, nestEntryBase } from './build-outputs.js';
import type { Candidate } from './candidates.js';
import { parseCommand } from './command.js';
import type { ContainerMap } from './container-paths.js';
import { deploymentKind } from './deployment-files.js';
import type { EntryMapper } from './entry-mapping.js';
import { type FileIndex, joinRel, parent } from './file-index.js';
import { type NxProject, targetRun } from './nx.js';
import { isDevScript, scriptProcessName } from './package-scripts.js';
import { dependsOnNext, frameworkEntries, frameworkOf } from './frameworks.js';
import { parsePm2, type Pm2App } from './pm2.js';
import type { FileRun, NestRun, Run, ScriptRun } from './runs.js';
import type { DiscoveryWarning, FoundAt, ProcessSource } from './types.js';

/** Where a command runs and who deployed it; passed down through script indirections. */
export interface Context {
  pkg: WorkspacePackage;
  /** Best-known repository folder the command runs in. */
  hostCwd: string;
  /** Inside an image: the container's working directory and how its paths map back. */
  container?: { map: ContainerMap; cwd?: string };
  source: ProcessSource;
  foundAt: FoundAt[];
  /** The command as written at `foundAt`. */
  command: string;
  name?: string;
  tier: 'primary' | 'secondary';
  /** Scripts followed so far (`root#start`), against cycles. */
  chain: string[];
}

export interface ResolverEnv {
  files: FileIndex;
  mapper: EntryMapper;
  packages: readonly WorkspacePackage[];
  readText(rel: string): string | undefined;
  nestCliIn(dir: string): NestCli | undefined;
  nxProjects: readonly NxProject[];
  candidates: Candidate[];
  notes: Set<string>;
  warnings: DiscoveryWarning[];
}

const MAX_DEPTH = 12;

/**
 * Follows what a deployment runs down to files: scripts through `npm run`/`pnpm`/`yarn`, `nest
 * start` through nest-cli.json, pm2 ecosystem files, Nx targets, shell scripts (with `"$@"`).
 * Every file run becomes a candidate with its entry (or the reason there is none); whatever is
 * not followed is a note.
 */
export class Resolver {
  constructor(private readonly env: ResolverEnv) {}

  resolveCommand(command: string | readonly string[], ctx: Context, positional?: readonly string[]): void {
    const parsed = parseCommand(command, positional ? { positional } : {});
    if (parsed.problem) this.note(ctx, `${parsed.problem} in \`${typeof command === 'string' ? command : command.join(' ')}\`; read as far as it goes`);
    for (const run of parsed.runs) this.run(run, ctx);
  }

  private run(run: Run, ctx: Context): void {
    if (ctx.chain.length > MAX_DEPTH) return;
    if (run.oneOff) {
      if (run.kind === 'file' && run.path) this.note(ctx, `\`${run.text}\` runs before the process starts (a one-off step), not as a process`);
      return;
    }
    // A name the command gives (`concurrently -n`, `pm2 --name`) wins: it splits one deployment in several.
    const named = run.name ? { ...ctx, name: run.name } : ctx;
    const c = run.cwd !== undefined ? this.moveTo(named, run.cwd) : named;
    switch (run.kind) {
      case 'file':
        return this.file(run, c);
      case 'script':
        return this.script(run, c);
      case 'nest':
        return this.nest(run, c);
      case 'pm2':
        return this.pm2(run.target, run.only, c);
      case 'nx':
        return this.nx(run.project, run.target, c);
      case 'shell-script':
        return this.shellScript(run.path, run.args, c);
      case 'delegate':
        return this.note(c, `\`${run.text}\` starts other deployments (${run.tool}); those are found on their own`);
      case 'framework':
        return this.framework(run.program, c);
      case 'os-script':
        return this.osScript(run, c);
      case 'unknown': {
        // `flowise start`: the bin of a package of the repository (installed on the PATH).
        const bin = this.packageBin(run.program);
        if (bin) return this.file({ kind: 'file', runner: 'exec', path: bin.file, ...(run.args?.length ? { args: run.args } : {}), text: run.text, env: run.env, oneOff: false }, { ...c, pkg: bin.pkg, hostCwd: bin.pkg.root, ...(c.container ? { container: { map: c.container.map } } : {}) });
        return this.note(c, `\`${run.text}\` ${run.reason ?? 'is not a JavaScript file job-owners can follow'}; no process from it`);
      }
    }
  }

  /** A file run: the entry it maps to, or a candidate that says why there is none. */
  private file(run: FileRun, ctx: Context): void {
    if (run.path === undefined) return this.nodemonDefault(ctx);
    if (run.path.startsWith('$')) return this.note(ctx, `\`${run.text}\` runs a file named by a variable (${run.path}); no process from it`);
    const host = this.hostPath(run.path, ctx);
    const command = host !== undefined ? this.oclifCommand(host, run.args ?? []) : undefined;
    if (command) return this.addFile(command, command, ctx.name ? ctx : { ...ctx, name: path.posix.basename(command).replace(/\.[^.]+$/, '') });
    this.addFile(host, run.path, ctx);
  }

  /**
   * `./bin/run worker` of an oclif CLI (package.json `oclif.commands`): the command's file under
   * the commands folder (`dist/commands/worker.js`, mapped back to its source) is the entry.
   */
  private oclifCommand(host: string, args: readonly string[]): string | undefined {
    const pkg = this.env.mapper.packageOf(host);
    const oclif = pkg?.manifest && (pkg.manifest as { oclif?: { commands?: unknown } }).oclif;
    const dir = oclif && typeof oclif.commands === 'string' ? oclif.commands : undefined;
    const command = args.find((a) => !a.startsWith('-'));
    if (!pkg || !dir || !command || /[^\w:-]/.test(command)) return undefined;
    const bins = typeof pkg.manifest?.bin === 'string' ? [pkg.manifest.bin] : Object.values(pkg.manifest?.bin ?? {});
    const isBin = bins.some((b) => joinRel(pkg.root, b) === host) || /(^|\/)bin\/(run|dev)(\.[cm]?js)?$/.test(host);
    if (!isBin) return undefined;
    const file = joinRel(pkg.root, path.posix.join(dir, ...command.split(':')));
    if (!file) return undefined;
    const mapped = this.env.mapper.map(`${file}.js`);
    if ('entry' in mapped) return mapped.entry;
    for (const ext of ['.ts', '.js']) if (this.env.files.isSource(file + ext)) return file + ext;
    return undefined;
  }

  /** `run-script-os` in script `x` runs `x:default` (or `x:linux`, `x:nix`): the image is Linux. */
  private osScript(run: Run, ctx: Context): void {
    const last = ctx.chain[ctx.chain.length - 1];
    const name = last?.slice(last.indexOf('#') + 1);
    const scripts = ctx.pkg.manifest?.scripts ?? {};
    const variant = name && ['default', 'linux', 'nix', 'unix', 'nux'].map((v) => `${name}:${v}`).find((v) => typeof scripts[v] === 'string');
    if (!variant) return this.note(ctx, `\`${run.text}\` has no :default or :linux variant of the script to run; no process from it`);
    this.script({ kind: 'script', manager: 'npm', script: variant, text: `npm run ${variant}`, env: run.env, oneOff: false }, ctx);
  }

  /** The package of the repository whose `bin` is this command name, and the bin's file. */
  private packageBin(program: string): { pkg: WorkspacePackage; file: string } | undefined {
    for (const pkg of this.env.packages) {
      const bin = pkg.manifest?.bin;
      if (typeof bin === 'string' && pkg.packageName && (pkg.packageName.split('/').pop() === program)) return { pkg, file: bin.startsWith('.') ? bin : `./${bin}` };
      if (bin && typeof bin === 'object' && typeof bin[program] === 'string') {
        const file = bin[program]!;
        return { pkg, file: file.startsWith('.') ? file : `./${file}` };
      }
    }
    return undefined;
  }

  /** `next start` and friends: the process starts from every file the framework loads. */
  private framework(program: string, ctx: Context, pkg0?: WorkspacePackage): void {
    const pkg = pkg0 ?? this.env.mapper.packageOf(ctx.hostCwd) ?? ctx.pkg;
    const framework = frameworkOf(program, pkg);
    if (!framework) return this.note(ctx, `\`${ctx.command}\` is a frontend or bundler server, not a file job-owners can follow; no process from it`);
    const entries = frameworkEntries(framework, pkg.root, this.env.files);
    if (entries.length === 0) return this.note(ctx, `\`${ctx.command}\` starts ${framework} in ${pkg.root}, which has none of the files ${framework} loads; no process from it`);
    this.env.candidates.push({
      pkgRoot: pkg.root,
      entry: entries[0]!,
      entries,
      framework,
      command: ctx.command,
      foundAt: ctx.foundAt,
      source: ctx.source,
      ...(ctx.name ? { name: ctx.name } : {}),
      tier: ctx.tier,
    });
  }

  /** `node apps/web/server.js`, `node .next/standalone/server.js`: Next's standalone server of a Next package. */
  private standaloneNext(host: string, written: string): WorkspacePackage | undefined {
    const file = host.replace(/^(\.\/)+/, '');
    if (!/(^|\/)server\.js$/.test(file)) return undefined;
    const dir = file.replace(/(^|\/)(\.next\/standalone\/)?server\.js$/, '');
    const candidates = this.env.packages.filter((p) => p.root !== '.' && dependsOnNext(p) && (dir === p.root || dir.endsWith(`/${p.root}`) || written.replace(/^\/+/, '').replace(/\/server\.js$/, '').endsWith(p.root)));
    if (candidates.length > 0) return candidates.sort((a, b) => b.root.length - a.root.length)[0];
    const here = this.env.mapper.packageOf(host);
    return here && dependsOnNext(here) ? here : undefined;
  }

  addFile(host: string | undefined, written: string, ctx: Context): void {
    if (host !== undefined && !('entry' in this.env.mapper.map(host))) {
      const next = this.standaloneNext(host, written);
      if (next) return this.framework('next', ctx, next);
    }
    if (host === undefined) {
      this.add(ctx, { target: written, entryReason: `${written} is outside the repository (no COPY, mount or folder of the repository matches it)` });
      return;
    }
    const mapped = this.env.mapper.map(host);
    if ('entry' in mapped) this.add(ctx, { entry: mapped.entry });
    else {
      this.add(ctx, { target: host, entryReason: mapped.reason });
      this.note(ctx, `\`${ctx.command}\` runs ${host}: ${mapped.reason}`);
    }
  }

  /** `nodemon` with no script: nodemon.json `exec`, else the package's `main`. */
  private nodemonDefault(ctx: Context): void {
    const text = this.env.readText(joinRel(ctx.hostCwd, 'nodemon.json') ?? 'nodemon.json');
    if (text !== undefined) {
      try {
        const config = JSON.parse(text) as { exec?: unknown; script?: unknown };
        if (typeof config.exec === 'string') return this.resolveCommand(config.exec, ctx);
      } catch {
        this.note(ctx, `${joinRel(ctx.hostCwd, 'nodemon.json')} is not valid JSON`);
      }
    }
    const main = ctx.pkg.manifest?.main;
    if (typeof main === 'string') return this.addFile(joinRel(ctx.pkg.root, main), main, ctx);
    this.note(ctx, '`nodemon` has no script, no nodemon.json exec and no package main; no process from it');
  }

  private script(run: ScriptRun, ctx: Context): void {
    const pkg = run.workspace !== undefined ? this.workspace(run.workspace, ctx) : this.env.mapper.packageOf(ctx.hostCwd) ?? ctx.pkg;
    if (!pkg) return this.note(ctx, `\`${run.text}\` names a workspace package (${run.workspace}) that is not in this repository`);
    const scripts = pkg.manifest?.scripts ?? {};
    const names = run.script.includes('*')
      ? Object.keys(scripts).filter((n) => new RegExp(`^${run.script.split('*').map(escapeRegExp).join('.*')}$`).test(n)).sort()
      : [run.script];
    for (const name of names) {
      const text = scripts[name];
      if (typeof text !== 'string' && run.binArgs !== undefined && !run.script.includes('*')) {
        // No script of that name: the package manager runs the binary (`yarn ts-node src/main.ts`).
        this.resolveCommand([run.script, ...run.binArgs], { ...ctx, pkg, hostCwd: pkg.root });
        continue;
      }
      if (typeof text !== 'string') {
        this.note(ctx, `\`${run.text}\`: ${pkg.root === '.' ? '' : `${pkg.root}/`}package.json has no "${name}" script`);
        continue;
      }
      const key = `${pkg.root}#${name}`;
      if (ctx.chain.includes(key)) {
        this.note(ctx, `script "${name}" of ${pkg.root} runs itself (${[...ctx.chain, key].join(' → ')})`);
        continue;
      }
      const same = pkg.root === ctx.pkg.root;
      const next: Context = {
        ...ctx,
        pkg,
        hostCwd: pkg.root,
        // npm runs a script in its package's folder; inside an image that is the same folder
        // only when the script belongs to the package the image's WORKDIR holds.
        ...(ctx.container ? { container: same ? ctx.container : { map: ctx.container.map } } : {}),
        name: ctx.name ?? scriptProcessName(name),
        tier: isDevScript(name) ? 'secondary' : ctx.tier,
        chain: [...ctx.chain, key],
      };
      if (next.name === undefined) delete next.name;
      this.resolveCommand(text, next);
    }
  }

  /** `--filter @acme/api`, `-w apps/api`, `./apps/api`, `{apps/api}`, `api...`. */
  private workspace(selector: string, ctx: Context): WorkspacePackage | undefined {
    const s = selector.replace(/^\{(.*)\}$/, '$1').replace(/\.\.\.$/, '').replace(/^\.\.\./, '').replace(/^\^/, '');
    const packages = this.env.packages;
    if (s === '.') return packages.find((p) => p.root === '.');
    if (s.startsWith('./') || s.startsWith('../') || s.startsWith('/')) {
      const dir = joinRel(ctx.hostCwd, s);
      return packages.find((p) => p.root === dir);
    }
    return packages.find((p) => p.packageName === s) ?? packages.find((p) => p.name === s) ?? packages.find((p) => p.root === s.replace(/\/$/, ''));
  }

  private nest(run: NestRun, ctx: Context): void {
    const cwd = ctx.hostCwd;
    let cli: NestCli | undefined;
    if (run.config) {
      const rel = joinRel(cwd, run.config);
      cli = rel ? this.env.nestCliIn(rel) : undefined;
      if (!cli) return this.add({ ...ctx }, { target: run.config, entryReason: `nest start --config ${run.config}: ${rel ?? run.config} cannot be read`, nest: true });
    } else {
      cli = this.env.nestCliIn(cwd) ?? this.env.nestCliIn(ctx.pkg.root);
    }
    const base = cli ? nestEntryBase(cli, run.project, run) : joinRel(cwd, path.posix.join(run.sourceRoot ?? 'src', run.entryFile ?? 'main'));
    const named = !ctx.name && run.project ? { ...ctx, name: run.project } : ctx;
    if (!base) return this.add(named, { target: `nest:${run.project}`, entryReason: `nest start ${run.project}: ${cli?.file ?? 'nest-cli.json'} has no project "${run.project}"`, nest: true });
    const mapped = this.env.mapper.map(base);
    if ('entry' in mapped) this.add(named, { entry: mapped.entry, nest: true });
    else this.add(named, { target: base, entryReason: mapped.reason, nest: true });
  }

  /** An ecosystem file's apps, or a script pm2 runs directly. */
  pm2(target: string, only: string | undefined, ctx: Context): void {
    const host = this.hostPath(target, ctx);
    const isEcosystem = /\.(json|ya?ml)$/.test(target) || /config\.[cm]?js$/.test(target) || (host !== undefined && deploymentKind(host) === 'pm2');
    if (!isEcosystem) return this.addFile(host, target, { ...ctx, source: ctx.source });
    const text = host === undefined ? undefined : this.env.readText(host);
    if (host === undefined || text === undefined) return this.note(ctx, `\`${ctx.command}\` starts the pm2 file ${target}, which cannot be read`);
    const parsed = parsePm2(host, text);
    for (const w of parsed.warnings) this.env.warnings.push({ file: host, ...w });
    for (const app of parsed.apps) {
      if (only !== undefined && !only.split(',').includes(app.name ?? '')) continue;
      this.pm2App(app, host, ctx);
    }
  }

  /** One pm2 app: `script` (with `interpreter`, `args`) run in `cwd`, relative to the file. */
  pm2App(app: Pm2App, file: string, ctx: Context): void {
    const dir = parent(file);
    const cwd = app.cwd === undefined ? dir : path.posix.isAbsolute(app.cwd) ? (ctx.container?.map.hostDirOf(app.cwd) ?? this.stripDir(app.cwd, ctx)) : (joinRel(dir, app.cwd) ?? dir);
    const script = app.script!;
    const words = (s: string | undefined): string => s ?? '';
    const interpreter = app.interpreter && app.interpreter !== 'node' ? app.interpreter : undefined;
    const command = ['npm', 'yarn', 'pnpm', 'bun'].includes(script)
      ? `${script} ${words(app.args)}`
      : interpreter === 'none'
        ? `${quote(script)} ${words(app.args)}`
        : `${interpreter ?? 'node'} ${words(app.interpreterArgs)} ${quote(script)} ${words(app.args)}`;
    const next: Context = {
      ...ctx,
      pkg: this.env.mapper.packageOf(cwd) ?? ctx.pkg,
      hostCwd: cwd,
      ...(ctx.container ? { container: { map: ctx.container.map } } : {}),
      source: 'pm2',
      foundAt: [...ctx.foundAt, { file, line: app.line }],
      // The app's own script: pm2 is the strongest place that deploys it, even under a CMD.
      command: `${script}${app.args ? ` ${app.args}` : ''}`,
      ...(app.name ? { name: app.name } : {}),
    };
    this.resolveCommand(command, next);
  }

  private nx(projectName: string, targetName: string, ctx: Context): void {
    const project = this.env.nxProjects.find((p) => p.name === projectName);
    const target = project?.targets.find((t) => t.name === targetName);
    if (!project || !target) return this.note(ctx, `\`${ctx.command}\`: no Nx project "${projectName}" with a "${targetName}" target`);
    this.nxTarget(project, target.name, ctx);
  }

  nxTarget(project: NxProject, targetName: string, ctx: Context): void {
    const target = project.targets.find((t) => t.name === targetName)!;
    const run = targetRun(project, target, this.env.nxProjects);
    const next: Context = { ...ctx, chain: [...ctx.chain, `nx:${project.name}:${targetName}`] };
    if (ctx.chain.includes(`nx:${project.name}:${targetName}`)) return;
    switch (run.kind) {
      case 'main':
        return this.addFile(joinRel('.', run.main), run.main, next);
      case 'commands':
        for (const command of run.commands) this.resolveCommand(command, { ...next, hostCwd: joinRel('.', run.cwd) ?? '.', pkg: this.env.mapper.packageOf(joinRel('.', run.cwd) ?? '.') ?? ctx.pkg });
        return;
      case 'script': {
        const pkg = this.env.packages.find((p) => p.root === project.root) ?? ctx.pkg;
        return this.script({ kind: 'script', manager: 'npm', script: run.script, text: `nx:run-script ${run.script}`, env: {}, oneOff: false }, { ...next, pkg, hostCwd: pkg.root });
      }
      case 'none':
        return this.note(ctx, `Nx target ${project.name}:${targetName}: ${run.reason}; no process from it`);
    }
  }

  /** A shell script is read and parsed, with its arguments for `"$@"`. */
  private shellScript(written: string, args: string[], ctx: Context): void {
    const host = this.hostPath(written, ctx);
    const text = host === undefined ? undefined : this.env.readText(host);
    if (text !== undefined) return this.resolveCommand(text, ctx, args);
    if (args.length > 0) {
      // An entrypoint we cannot read (the base image's docker-entrypoint.sh): such scripts end
      // in `exec "$@"`, so the arguments are the command.
      this.note(ctx, `${written} cannot be read; assumed to run its arguments (\`exec "$@"\`)`);
      return this.resolveCommand(args, ctx);
    }
    this.note(ctx, `\`${ctx.command}\` runs the shell script ${written}, which cannot be read; no process from it`);
  }

  /** A path as the command wrote it, as a repository path. */
  hostPath(p: string, ctx: Context): string | undefined {
    const container = ctx.container;
    if (path.posix.isAbsolute(p)) return container?.map.toHost(path.posix.normalize(p)) ?? this.stripFile(p, ctx);
    if (container?.cwd) {
      const inImage = container.map.toHost(path.posix.resolve(container.cwd, p));
      if (inImage !== undefined) return inImage;
    }
    return joinRel(ctx.hostCwd, p);
  }

  /** `cd dir` before the command. */
  private moveTo(ctx: Context, dir: string): Context {
    const container = ctx.container;
    if (container?.cwd !== undefined) {
      const cwd = path.posix.resolve(container.cwd, dir);
      const host = container.map.hostDirOf(cwd) ?? (path.posix.isAbsolute(dir) ? this.stripDir(dir, ctx) : joinRel(ctx.hostCwd, dir));
      return { ...ctx, container: { ...container, cwd }, hostCwd: host ?? ctx.hostCwd };
    }
    const host = path.posix.isAbsolute(dir) ? this.stripDir(dir, ctx) : joinRel(ctx.hostCwd, dir);
    return { ...ctx, hostCwd: host ?? ctx.hostCwd };
  }

  /**
   * An absolute path with no image to map it (supervisord's `/app/dist/main.js`): drop leading
   * folders until what is left names a file of the package, or of the repository.
   */
  private stripFile(p: string, ctx: Context): string | undefined {
    const segments = p.split('/').filter(Boolean);
    for (let i = 0; i < segments.length; i++) {
      const rest = segments.slice(i).join('/');
      for (const base of [ctx.pkg.root, '.']) {
        const rel = joinRel(base, rest);
        if (rel !== undefined && 'entry' in this.env.mapper.map(rel)) return rel;
      }
    }
    return undefined;
  }

  stripDir(p: string, ctx: Context): string {
    const segments = p.split('/').filter(Boolean);
    for (let i = 0; i < segments.length; i++) {
      const rest = segments.slice(i).join('/');
      for (const base of [ctx.pkg.root, '.']) {
        const rel = joinRel(base, rest);
        if (rel !== undefined && rel !== '.' && this.env.files.isDir(rel)) return rel;
      }
    }
    return ctx.pkg.root;
  }

  private add(ctx: Context, found: { entry?: string; target?: string; entryReason?: string; nest?: boolean }): void {
    const pkgRoot = found.entry ? (this.env.mapper.packageOf(found.entry)?.root ?? ctx.pkg.root) : ctx.pkg.root;
    const nest = found.nest || (found.entry !== undefined && /NestFactory\s*\./.test(this.env.readText(found.entry) ?? ''));
    this.env.candidates.push({
      pkgRoot,
      ...(found.entry !== undefined ? { entry: found.entry } : {}),
      ...(found.entry === undefined && found.entryReason ? { entryReason: found.entryReason } : {}),
      ...(found.entry === undefined && found.target ? { target: found.target } : {}),
      command: ctx.command,
      foundAt: ctx.foundAt,
      source: ctx.source,
      ...(ctx.name ? { name: ctx.name } : {}),
      tier: ctx.tier,
      ...(nest ? { nest: true } : {}),
    });
  }

  note(ctx: Context, message: string): void {
    const at = ctx.foundAt[0];
    this.env.notes.add(at ? `${at.file}:${at.line}: ${message}` : message);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
