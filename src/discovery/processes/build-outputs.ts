import path from 'node:path';
import { ts } from '../../util/typescript.js';
import { type FileIndex, joinRel, parent } from './file-index.js';

/**
 * Where a package's build puts its files, so `dist/worker.js` can be traced to `src/worker.ts`:
 * - `tree`: a compiler that mirrors the source tree (tsc with `outDir`/`rootDir`);
 * - `bundle`: a bundler that writes one file for one entry (Nest monorepo webpack, Nx builds).
 */
export type OutputRule =
  | { kind: 'tree'; outDir: string; rootDir?: string; pkgRoot: string; from: string }
  | { kind: 'bundle'; outDir: string; main: string; from: string };

const TSCONFIG_NAMES = ['tsconfig.build.json', 'tsconfig.app.json', 'tsconfig.prod.json', 'tsconfig.json'];

/**
 * The `outDir`/`rootDir` of a package's tsconfigs, read by TypeScript itself (so `extends`
 * chains, package configs and `${configDir}` behave as in tsc). Files are read through
 * `readText`; the include globs are never expanded (only the options matter here).
 */
export function tsconfigOutputs(pkgRoot: string, files: FileIndex, readText: (rel: string) => string | undefined, root: string, extra: string[] = []): OutputRule[] {
  const names = [...extra, ...TSCONFIG_NAMES.map((n) => joinRel(pkgRoot, n)!)];
  const seen = new Set<string>();
  const rules: OutputRule[] = [];
  for (const rel of names) {
    if (seen.has(rel) || !files.isFile(rel)) continue;
    seen.add(rel);
    const options = compilerOptions(rel, readText, root);
    if (!options?.outDir) continue;
    const outDir = toRel(root, options.outDir);
    if (outDir === undefined) continue;
    const rootDir = options.rootDir ? toRel(root, options.rootDir) : undefined;
    rules.push({ kind: 'tree', outDir, ...(rootDir !== undefined ? { rootDir } : {}), pkgRoot, from: rel });
  }
  return rules;
}

function compilerOptions(rel: string, readText: (rel: string) => string | undefined, root: string): ts.CompilerOptions | undefined {
  const toRepo = (abs: string): string | undefined => toRel(root, abs);
  const read = (abs: string): string | undefined => {
    const r = toRepo(abs);
    return r === undefined ? undefined : readText(r);
  };
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    readDirectory: () => [],
    fileExists: (abs) => read(abs) !== undefined,
    readFile: read,
  };
  const abs = path.join(root, rel);
  const text = read(abs);
  if (text === undefined) return undefined;
  const parsed = ts.parseConfigFileTextToJson(abs, text);
  if (!parsed.config || typeof parsed.config !== 'object') return undefined;
  try {
    return ts.parseJsonConfigFileContent(parsed.config, host, path.dirname(abs), undefined, abs).options;
  } catch {
    return undefined; // a config TypeScript cannot read contributes no mapping
  }
}

function toRel(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel;
}

/** A nest-cli.json: where `nest start` finds its entry, per project in monorepo mode. */
export interface NestCli {
  file: string;
  sourceRoot: string;
  entryFile: string;
  tsConfigPath?: string;
  monorepo: boolean;
  projects: Record<string, { sourceRoot?: string; entryFile?: string; tsConfigPath?: string; type?: string; root?: string }>;
}

export function readNestCli(rel: string, readText: (rel: string) => string | undefined): NestCli | { error: string } | undefined {
  const text = readText(rel);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { error: `invalid JSON (${(error as Error).message.split('\n')[0]})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a JSON object' };
  const v = value as Record<string, unknown>;
  const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);
  const compiler = (v.compilerOptions ?? {}) as Record<string, unknown>;
  const projects: NestCli['projects'] = {};
  if (v.projects && typeof v.projects === 'object') {
    for (const [name, p] of Object.entries(v.projects as Record<string, unknown>)) {
      if (!p || typeof p !== 'object') continue;
      const o = p as Record<string, unknown>;
      const pc = (o.compilerOptions ?? {}) as Record<string, unknown>;
      projects[name] = {
        ...(str(o.sourceRoot) ? { sourceRoot: str(o.sourceRoot) } : {}),
        ...(str(o.entryFile) ? { entryFile: str(o.entryFile) } : {}),
        ...(str(pc.tsConfigPath) ? { tsConfigPath: str(pc.tsConfigPath) } : {}),
        ...(str(o.type) ? { type: str(o.type) } : {}),
        ...(str(o.root) ? { root: str(o.root) } : {}),
      };
    }
  }
  return {
    file: rel,
    sourceRoot: str(v.sourceRoot) ?? 'src',
    entryFile: str(v.entryFile) ?? 'main',
    ...(str(compiler.tsConfigPath) ? { tsConfigPath: str(compiler.tsConfigPath) } : {}),
    monorepo: v.monorepo === true,
    projects,
  };
}

/**
 * The entry `nest start` runs, as a repo-relative path without extension: the project's (or the
 * top-level) `sourceRoot` + `entryFile`, overridden by `--sourceRoot`/`--entryFile`.
 */
export function nestEntryBase(cli: NestCli, project: string | undefined, overrides: { entryFile?: string; sourceRoot?: string }): string | undefined {
  const dir = parent(cli.file);
  const p = project ? cli.projects[project] : undefined;
  if (project && !p) return undefined;
  const sourceRoot = overrides.sourceRoot ?? p?.sourceRoot ?? cli.sourceRoot;
  const entryFile = (overrides.entryFile ?? p?.entryFile ?? cli.entryFile).replace(/\.[cm]?[jt]s$/, '');
  return joinRel(dir, path.posix.join(sourceRoot, entryFile));
}

/** Nest monorepo mode bundles each app to `dist/apps/<name>/main.js` (webpack, the default there). */
export function nestBundles(cli: NestCli): OutputRule[] {
  if (!cli.monorepo) return [];
  const dir = parent(cli.file);
  const rules: OutputRule[] = [];
  for (const [name, p] of Object.entries(cli.projects)) {
    if (p.type && p.type !== 'application') continue;
    const main = nestEntryBase(cli, name, {});
    const outDir = joinRel(dir, `dist/apps/${name}`);
    if (main && outDir) rules.push({ kind: 'bundle', outDir, main, from: cli.file });
  }
  return rules;
}
