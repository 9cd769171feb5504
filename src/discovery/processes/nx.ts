import type { OutputRule } from './build-outputs.js';
import { jsonLines } from './json-lines.js';
import { scriptWords } from './package-scripts.js';
import { parent } from './file-index.js';

/**
 * Nx `project.json` targets that run a process: `serve`/`start` (and `serve-worker`…), with
 * the node executor (`@nx/js:node`, `@nx/node:node`, `@nrwl/node:execute` → its build target's
 * `main`), a `main` of their own, `nx:run-commands` (commands run from the workspace root or
 * `options.cwd`) or `nx:run-script`. Paths in Nx options are relative to the workspace root.
 */
export interface NxTarget {
  name: string;
  executor?: string;
  options: Record<string, unknown>;
  line: number;
}

export interface NxProject {
  name: string;
  root: string;
  file: string;
  projectType?: string;
  targets: NxTarget[];
}

export type NxTargetRun =
  | { kind: 'main'; main: string }
  | { kind: 'commands'; commands: string[]; cwd: string; parallel: boolean }
  | { kind: 'script'; script: string }
  | { kind: 'none'; reason: string };

export function readNxProject(file: string, text: string, fallbackName: string): NxProject | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { error: `invalid JSON (${(error as Error).message.split('\n')[0]})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a JSON object' };
  const v = value as { name?: unknown; projectType?: unknown; targets?: unknown };
  const lines = jsonLines(text);
  const targets: NxTarget[] = [];
  if (v.targets && typeof v.targets === 'object') {
    for (const [name, t] of Object.entries(v.targets as Record<string, unknown>)) {
      if (!t || typeof t !== 'object') continue;
      const target = t as { executor?: unknown; options?: unknown; command?: unknown };
      const options = (target.options && typeof target.options === 'object' ? target.options : {}) as Record<string, unknown>;
      // The `command` shorthand is `nx:run-commands` with one command.
      const executor = typeof target.executor === 'string' ? target.executor : typeof target.command === 'string' ? 'nx:run-commands' : undefined;
      if (typeof target.command === 'string' && options.command === undefined) options.command = target.command;
      targets.push({ name, ...(executor ? { executor } : {}), options, line: lines(['targets', name]) ?? 1 });
    }
  }
  return {
    name: typeof v.name === 'string' ? v.name : fallbackName,
    root: parent(file),
    file,
    ...(typeof v.projectType === 'string' ? { projectType: v.projectType } : {}),
    targets,
  };
}

/** Targets that deploy: a `serve`/`start` word in the name; dev words make them secondary. */
export function deploymentTargets(project: NxProject): { target: NxTarget; tier: 'primary' | 'secondary'; processName?: string }[] {
  return project.targets.flatMap((target) => {
    const words = scriptWords(target.name.replace(/-/g, ':'));
    if (!words.some((w) => w === 'serve' || w === 'start')) return [];
    if (words.some((w) => ['test', 'e2e', 'build', 'storybook', 'static'].includes(w))) return [];
    const dev = words.some((w) => ['dev', 'watch', 'debug', 'local'].includes(w));
    const rest = words.filter((w) => !['serve', 'start', 'dev', 'watch', 'debug', 'local', 'prod', 'production'].includes(w));
    return [{ target, tier: dev ? ('secondary' as const) : ('primary' as const), ...(rest.length ? { processName: rest.join(':') } : {}) }];
  });
}

const NODE_EXECUTOR = /^@(?:nx|nrwl)\/(?:js|node):(?:node|execute)$/;

export function targetRun(project: NxProject, target: NxTarget, projects: readonly NxProject[]): NxTargetRun {
  const o = target.options;
  const executor = target.executor ?? '';
  if (typeof o.main === 'string' && !/dev-server|serve-static/.test(executor)) return { kind: 'main', main: o.main };
  if (NODE_EXECUTOR.test(executor)) {
    const buildTarget = typeof o.buildTarget === 'string' ? o.buildTarget : undefined;
    if (!buildTarget) return { kind: 'none', reason: `${executor} names no buildTarget` };
    const [p, t] = buildTarget.includes(':') ? buildTarget.split(':') : [project.name, buildTarget];
    const other = projects.find((x) => x.name === p);
    const build = other?.targets.find((x) => x.name === t);
    const main = build?.options.main;
    return typeof main === 'string' ? { kind: 'main', main } : { kind: 'none', reason: `build target ${buildTarget} has no options.main` };
  }
  if (executor === 'nx:run-commands' || executor === '@nrwl/workspace:run-commands' || executor === '@nx/workspace:run-commands') {
    const list = Array.isArray(o.commands) ? o.commands : [o.command];
    const commands = list.flatMap((c) => (typeof c === 'string' ? [c] : c && typeof c === 'object' && typeof (c as { command?: unknown }).command === 'string' ? [(c as { command: string }).command] : []));
    if (commands.length === 0) return { kind: 'none', reason: 'run-commands has no command' };
    return { kind: 'commands', commands, cwd: typeof o.cwd === 'string' ? o.cwd : '.', parallel: o.parallel !== false };
  }
  if (/:run-script$/.test(executor) && typeof o.script === 'string') return { kind: 'script', script: o.script };
  return { kind: 'none', reason: executor ? `the ${executor} executor does not run a Node process` : 'it has no executor' };
}

/** Build targets write one bundle (`outputPath`/main.js) from `main`: the way back from dist. */
export function nxBundles(projects: readonly NxProject[]): OutputRule[] {
  return projects.flatMap((p) =>
    p.targets.flatMap((t) => {
      const { outputPath, main } = t.options;
      return typeof outputPath === 'string' && typeof main === 'string' ? [{ kind: 'bundle' as const, outDir: outputPath.replace(/^\.\//, '').replace(/\/$/, ''), main, from: p.file }] : [];
    }),
  );
}
