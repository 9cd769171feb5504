import type { WorkspacePackage } from '../packages.js';
import type { Candidate } from './candidates.js';
import { type FileIndex, joinRel } from './file-index.js';
import { jsonLines } from './json-lines.js';
import { bootstrapLine, isScriptByName } from './nest-bootstrap.js';
import { deploymentTargets, type NxProject } from './nx.js';
import { deploymentScripts } from './package-scripts.js';
import type { Resolver } from './resolve.js';

/** A package's deployment scripts (package-scripts.ts) and `bin` entries. */
export function scriptDeployments(pkg: WorkspacePackage, resolver: Resolver, readText: (rel: string) => string | undefined): void {
  const manifestFile = pkg.root === '.' ? 'package.json' : `${pkg.root}/package.json`;
  const scripts = pkg.manifest?.scripts;
  const lines = jsonLines(readText(manifestFile) ?? '{}');
  for (const d of deploymentScripts(scripts)) {
    const text = scripts![d.script]!;
    resolver.resolveCommand(text, {
      pkg,
      hostCwd: pkg.root,
      source: 'script',
      foundAt: [{ file: manifestFile, line: lines(['scripts', d.script]) ?? 1 }],
      command: text,
      ...(d.processName ? { name: d.processName } : {}),
      tier: d.tier,
      chain: [`${pkg.root}#${d.script}`],
    });
  }
  // A `bin` is a command someone runs — a CLI more often than a service: secondary.
  const bin = pkg.manifest?.bin;
  const bins: [string, string][] = typeof bin === 'string' ? [[(pkg.packageName ?? pkg.name).replace(/^@[^/]+\//, ''), bin]] : bin && typeof bin === 'object' ? Object.entries(bin).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
  for (const [name, file] of bins) {
    const ctx = {
      pkg,
      hostCwd: pkg.root,
      source: 'bin' as const,
      foundAt: [{ file: manifestFile, line: (typeof bin === 'string' ? lines(['bin']) : lines(['bin', name])) ?? 1 }],
      command: file,
      name,
      tier: 'secondary' as const,
      chain: [],
    };
    resolver.addFile(joinRel(pkg.root, file), file, ctx);
  }
}

/** Nx `serve`/`start` targets of a project.json. */
export function nxDeployments(project: NxProject, packages: readonly WorkspacePackage[], resolver: Resolver): void {
  const pkg = packages.find((p) => p.root === project.root);
  if (!pkg) return;
  for (const { target, tier, processName } of deploymentTargets(project)) {
    resolver.nxTarget(project, target.name, {
      pkg,
      hostCwd: pkg.root,
      source: 'nx',
      foundAt: [{ file: project.file, line: target.line }],
      command: `nx run ${project.name}:${target.name}`,
      ...(processName ? { name: processName } : {}),
      tier,
      chain: [],
    });
  }
}

/**
 * The Nest fallback (nest-bootstrap.ts) for a package nothing deploys: a package that is no
 * Nx library and depends on `@nestjs/core` (itself, or the root for hoisted monorepos).
 */
export function nestBootstrapCandidates(
  pkg: WorkspacePackage,
  root: WorkspacePackage | undefined,
  files: FileIndex,
  ownerOf: (rel: string) => string | undefined,
  readText: (rel: string) => string | undefined,
  notes: Set<string>,
): Candidate[] {
  if (pkg.nx?.projectType === 'library') return [];
  const depends = (p: WorkspacePackage | undefined): boolean => Boolean(p?.manifest?.dependencies?.['@nestjs/core'] ?? p?.manifest?.devDependencies?.['@nestjs/core']);
  if (!depends(pkg) && !depends(root)) return [];
  const out: Candidate[] = [];
  for (const file of files.filesUnder(pkg.root)) {
    if (!files.isSource(file) || ownerOf(file) !== pkg.root) continue;
    const text = readText(file);
    if (text === undefined || !text.includes('NestFactory')) continue;
    const line = bootstrapLine(file, text);
    if (line === undefined) {
      if (isScriptByName(file) && /NestFactory\s*\.\s*create/.test(text)) notes.add(`${file}: bootstraps NestJS but is named like a script (seed, migration, CLI, REPL); not a process`);
      continue;
    }
    out.push({ pkgRoot: pkg.root, entry: file, command: text.split('\n')[line - 1]!.trim(), foundAt: [{ file, line }], source: 'nest-bootstrap', tier: 'primary', nest: true });
  }
  if (out.length > 0) notes.add(`${pkg.root}: nothing found deploys this package; ${out.map((c) => c.entry).join(', ')} bootstrap${out.length === 1 ? 's' : ''} NestJS and ${out.length === 1 ? 'is' : 'are'} taken as its process${out.length === 1 ? '' : 'es'}`);
  return out;
}
