import { parseCompose } from './compose.js';
import { containerMap, guessContext, type Mount } from './container-paths.js';
import { deploymentTier, dockerfileProcessName } from './deployment-files.js';
import { type DockerCommand, type DockerStage, effectiveArgv, type ParsedDockerfile, parseDockerfile } from './dockerfile.js';
import type { EntryMapper } from './entry-mapping.js';
import { type FileIndex, joinRel, parent } from './file-index.js';
import type { Context, Resolver } from './resolve.js';
import { tokenizeShell } from './shell-words.js';
import type { DiscoveryWarning } from './types.js';

export interface DockerEnv {
  files: FileIndex;
  mapper: EntryMapper;
  resolver: Resolver;
  readText(rel: string): string | undefined;
  warnings: DiscoveryWarning[];
  notes: Set<string>;
}

/**
 * A compose file's services: each runs its `command`/`entrypoint`, or else the image's (the
 * Dockerfile its `build` names, or that of another service building the same `image`), in the
 * image's filesystem (COPYs plus bind mounts). Returns the build context of every Dockerfile it
 * builds, so the Dockerfile read on its own maps paths the same way.
 */
export function composeDeployments(file: string, env: DockerEnv): Map<string, string> {
  const contexts = new Map<string, string>();
  const tier = deploymentTier(file);
  const text = env.readText(file);
  if (text === undefined || tier === 'skip') {
    if (tier === 'skip') env.notes.add(`${file}: a test or CI compose file; not a deployment`);
    return contexts;
  }
  const parsed = parseCompose(text);
  for (const w of parsed.warnings) env.warnings.push({ file, ...w });
  const dir = parent(file);
  const builtImages = new Map(parsed.services.filter((s) => s.build && s.image).map((s) => [s.image!, s.build!]));
  for (const service of parsed.services) {
    const build = service.build ?? (service.image ? builtImages.get(service.image) : undefined);
    if (!build && !service.command && !service.entrypoint) continue; // someone else's image (redis, postgres)
    const context = build ? joinRel(dir, build.context) : dir;
    if (context === undefined) {
      env.notes.add(`${file}:${service.line}: service "${service.name}" builds from outside the repository`);
      continue;
    }
    const mounts: Mount[] = service.mounts.flatMap((m) => {
      const host = joinRel(dir, m.host);
      return host === undefined || m.host.startsWith('/') ? [] : [{ container: m.container, host }];
    });
    let image: ParsedDockerfile = { stages: [{ index: 0, base: service.image ?? '', line: 1, workdir: '/', env: {}, copies: [] }], warnings: [] };
    let stage = image.stages[0]!;
    if (build) {
      const dockerfile = joinRel(context, build.dockerfile ?? 'Dockerfile');
      const dockerText = dockerfile === undefined ? undefined : env.readText(dockerfile);
      if (dockerfile === undefined || dockerText === undefined) {
        env.notes.add(`${file}:${service.line}: service "${service.name}" builds ${dockerfile ?? build.dockerfile}, which cannot be read`);
      } else {
        contexts.set(dockerfile, context);
        image = parseDockerfile(dockerText, build.args);
        const picked = build.target ? image.stages.find((s) => s.name === build.target) : image.stages[image.stages.length - 1];
        if (picked) stage = picked;
      }
    }
    const entrypoint = service.entrypoint ? asExec(service.entrypoint.value, service.entrypoint.line) : stage.entrypoint;
    const command = service.command ? asExec(service.command.value, service.command.line) : service.entrypoint ? undefined : stage.cmd;
    const run = shellText(service.command?.value) && !entrypoint ? (service.command!.value as string) : effectiveArgv(entrypoint, command)?.argv;
    if (!run) {
      env.notes.add(`${file}:${service.line}: service "${service.name}" has no command, and its image none either`);
      continue;
    }
    const map = containerMap(image, stage, context, env.files, mounts);
    const workdir = service.workingDir ?? stage.workdir;
    const hostCwd = map.hostDirOf(workdir) ?? context;
    const raw = service.command?.value ?? service.entrypoint?.value;
    const ctx: Context = {
      pkg: env.mapper.packageOf(hostCwd) ?? env.mapper.packageOf('.')!,
      hostCwd,
      container: { map, cwd: workdir },
      source: 'compose',
      foundAt: [{ file, line: service.command?.line ?? service.entrypoint?.line ?? service.line }],
      command: raw === undefined ? commandText(stage) : Array.isArray(raw) ? JSON.stringify(raw) : raw,
      name: service.name,
      tier: tier === 'dev' ? 'secondary' : 'primary',
      chain: [],
    };
    env.resolver.resolveCommand(run, ctx);
  }
  return contexts;
}

/** A Dockerfile on its own: its final stage's CMD/ENTRYPOINT, in its build context. */
export function dockerfileDeployment(file: string, contextHint: string | undefined, env: DockerEnv): void {
  const tier = deploymentTier(file);
  if (tier === 'skip') {
    env.notes.add(`${file}: a test or CI image; not a deployment`);
    return;
  }
  const text = env.readText(file);
  if (text === undefined) return;
  const parsed = parseDockerfile(text);
  for (const w of parsed.warnings) env.warnings.push({ file, ...w });
  const stage = parsed.stages[parsed.stages.length - 1];
  if (!stage) {
    env.warnings.push({ file, line: 1, message: 'no FROM instruction; not a Dockerfile job-owners can read' });
    return;
  }
  const argv = effectiveArgv(stage.entrypoint, stage.cmd);
  if (!argv) {
    if (!contextHint) env.notes.add(`${file}: no CMD or ENTRYPOINT in its final stage (the base image's command runs); no process from it`);
    return;
  }
  const context = contextHint ?? guessContext(parsed, file, env.files);
  const map = containerMap(parsed, stage, context, env.files);
  const own = parent(file);
  const hostCwd = map.hostDirOf(stage.workdir) ?? (env.mapper.packageOf(own)?.root === own ? own : context);
  const pkg = env.mapper.packageOf(hostCwd) ?? env.mapper.packageOf('.')!;
  if (pkg.root === '.' && own === '.' && !map.hostDirOf(stage.workdir)) {
    env.notes.add(`${file}: no COPY or WORKDIR says which package it runs; its paths are read from the repository root`);
  }
  const name = dockerfileProcessName(file);
  env.resolver.resolveCommand(argv.argv, {
    pkg,
    hostCwd,
    container: { map, cwd: stage.workdir },
    source: 'dockerfile',
    foundAt: [{ file, line: argv.line }],
    command: commandText(stage),
    ...(name ? { name } : {}),
    tier: tier === 'dev' ? 'secondary' : 'primary',
    chain: [],
  });
}

function asExec(value: string | string[], line: number): DockerCommand {
  return { form: 'exec', argv: Array.isArray(value) ? value : words(value), line };
}

/** Compose splits a string command into words (no shell) — unless it plainly needs one. */
function shellText(value: string | string[] | undefined): boolean {
  return typeof value === 'string' && /&&|\|\||;|\|/.test(value);
}

function words(text: string): string[] {
  return tokenizeShell(text).tokens.flatMap((t) => (t.kind === 'word' ? [t.value] : []));
}

function commandText(stage: DockerStage): string {
  const show = (c: DockerCommand | undefined): string | undefined => (c ? (c.form === 'exec' ? JSON.stringify(c.argv) : c.text) : undefined);
  return [show(stage.entrypoint), show(stage.cmd)].filter(Boolean).join(' ');
}
