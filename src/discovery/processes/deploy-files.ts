import type { ContainerMap } from './container-paths.js';
import { deploymentTier } from './deployment-files.js';
import type { EntryMapper } from './entry-mapping.js';
import { type FileIndex, joinRel, parent } from './file-index.js';
import { parsePlatform, platformKind } from './platforms.js';
import { parsePm2 } from './pm2.js';
import { parseProcfile } from './procfile.js';
import type { Context, Resolver } from './resolve.js';
import { parseSupervisord } from './supervisord.js';
import type { DiscoveryWarning } from './types.js';

const HERE = '/%(here)s';

export interface FileEnv {
  files: FileIndex;
  mapper: EntryMapper;
  resolver: Resolver;
  readText(rel: string): string | undefined;
  warnings: DiscoveryWarning[];
  notes: Set<string>;
}

/** The context a deployment file sets: its folder, its package, its tier. */
function base(file: string, env: FileEnv, source: Context['source']): Context | undefined {
  const tier = deploymentTier(file);
  if (tier === 'skip') {
    env.notes.add(`${file}: a test or CI file; not a deployment`);
    return undefined;
  }
  const dir = parent(file);
  const pkg = env.mapper.packageOf(dir);
  if (!pkg) return undefined;
  return { pkg, hostCwd: dir, source, foundAt: [], command: '', tier: tier === 'dev' ? 'secondary' : 'primary', chain: [] };
}

/** Procfile: each process type runs its command from the Procfile's folder (the app root). */
export function procfileDeployments(file: string, env: FileEnv): void {
  const ctx = base(file, env, 'procfile');
  const text = env.readText(file);
  if (!ctx || text === undefined) return;
  const parsed = parseProcfile(text);
  for (const w of parsed.warnings) env.warnings.push({ file, ...w });
  for (const e of parsed.oneOff) env.notes.add(`${file}:${e.line}: "${e.type}" runs once per release, not as a process`);
  for (const e of parsed.entries) env.resolver.resolveCommand(e.command, { ...ctx, foundAt: [{ file, line: e.line }], command: e.command, name: e.type });
}

/** pm2 ecosystem file: every app (pm2 resolves relative paths from the file's folder). */
export function pm2Deployments(file: string, env: FileEnv): void {
  const ctx = base(file, env, 'pm2');
  const text = env.readText(file);
  if (!ctx || text === undefined) return;
  const parsed = parsePm2(file, text);
  for (const w of parsed.warnings) env.warnings.push({ file, ...w });
  for (const app of parsed.apps) env.resolver.pm2App(app, file, ctx);
}

/** supervisord: every `[program:x]` that starts on its own, run in its `directory`. */
export function supervisordDeployments(file: string, env: FileEnv): void {
  const ctx = base(file, env, 'supervisord');
  const text = env.readText(file);
  if (!ctx || text === undefined) return;
  const dir = parent(file);
  // `%(here)s` is the config's folder: an absolute path of its own, mapped back like an image's.
  const parsed = parseSupervisord(text, HERE);
  const here: ContainerMap = {
    toHost: (p) => (p === HERE ? dir : p.startsWith(`${HERE}/`) ? joinRel(dir, p.slice(HERE.length + 1)) : undefined),
    hostDirOf: (p) => (p === HERE ? dir : p.startsWith(`${HERE}/`) ? joinRel(dir, p.slice(HERE.length + 1)) : undefined),
  };
  for (const w of parsed.warnings) env.warnings.push({ file, ...w });
  for (const program of parsed.programs) {
    if (!program.autostart) {
      env.notes.add(`${file}:${program.line}: program "${program.name}" has autostart=false; not a process`);
      continue;
    }
    // Absolute folders are the image's (`/app`): the repository folder they stand for.
    const directory = program.directory;
    const hostCwd = directory === undefined ? dir : directory.startsWith('/') ? (here.hostDirOf(directory) ?? env.resolver.stripDir(directory, ctx)) : (joinRel(dir, directory) ?? dir);
    env.resolver.resolveCommand(program.command, {
      ...ctx,
      container: { map: here },
      pkg: env.mapper.packageOf(hostCwd) ?? ctx.pkg,
      hostCwd,
      foundAt: [{ file, line: program.line }],
      command: program.command,
      name: program.name,
    });
  }
}

/**
 * A hosting platform's spec (platforms.ts): each service, worker, job or Fly process runs its
 * command in its folder of the repository (paths in these specs are repository-relative).
 */
export function platformDeployments(file: string, env: FileEnv): void {
  const kind = platformKind(file);
  const ctx = base(file, env, 'platform');
  const text = env.readText(file);
  if (!kind || !ctx || text === undefined) return;
  const parsed = parsePlatform(kind, text);
  for (const w of parsed.warnings) env.warnings.push({ file, ...w });
  // Render and DigitalOcean resolve folders from the repository root; fly.toml from its own folder.
  const from = kind === 'fly' ? parent(file) : '.';
  for (const p of parsed.processes) {
    const hostCwd = (p.dir ? joinRel(from, p.dir) : from) ?? from;
    const pkg = env.mapper.packageOf(hostCwd);
    if (!pkg) continue;
    env.resolver.resolveCommand(p.command, { ...ctx, pkg, hostCwd, foundAt: [{ file, line: p.line }], command: p.command, name: p.name });
  }
}
