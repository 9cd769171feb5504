import { type NestCli, nestBundles, type OutputRule, readNestCli, tsconfigOutputs } from './build-outputs.js';
import type { Candidate } from './candidates.js';
import { composeDeployments, dockerfileDeployment } from './deploy-docker.js';
import { platformDeployments, pm2Deployments, procfileDeployments, supervisordDeployments } from './deploy-files.js';
import { nestBootstrapCandidates, nxDeployments, scriptDeployments } from './deploy-packages.js';
import { type DeploymentKind, deploymentKind } from './deployment-files.js';
import { EntryMapper } from './entry-mapping.js';
import { FileIndex, joinRel } from './file-index.js';
import { toProcesses } from './naming.js';
import { nxBundles, type NxProject, readNxProject } from './nx.js';
import { Resolver } from './resolve.js';
import type { DiscoveredProcesses, DiscoveryInput, DiscoveryWarning, Process } from './types.js';
import type { WorkspacePackage } from '../packages.js';

const NEST_CLI_NAMES = ['nest-cli.json', '.nestcli.json', '.nest-cli.json', 'nest.json'];

/**
 * Every deployed process and its entry source file, from what deploys the code (SPEC §3): package
 * scripts and `bin`, Nx targets, compose services, Dockerfiles, Procfiles, pm2 ecosystem files,
 * supervisord programs — and, for a package none of them deploys, the files that bootstrap
 * NestJS. Pure: it reads files only through `input.readText` and never throws on bad input
 * (an unreadable deployment file is a warning; discovery goes on with the other sources).
 */
export function discoverProcesses(input: DiscoveryInput): DiscoveredProcesses {
  const files = new FileIndex(input.files);
  const texts = new Map<string, string | undefined>();
  const readText = (rel: string): string | undefined => {
    if (!texts.has(rel)) {
      let text: string | undefined;
      try {
        text = input.readText(rel);
      } catch {
        text = undefined;
      }
      texts.set(rel, text);
    }
    return texts.get(rel);
  };
  const packages = [...input.packages].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  const warnings: DiscoveryWarning[] = [];
  const notes = new Set<string>();
  const candidates: Candidate[] = [];
  // Every file's kind once: asked per kind, the filter named each of 20,000 files eight times.
  const filesByKind = new Map<DeploymentKind, string[]>();
  for (const f of input.files) {
    const kind = deploymentKind(f);
    if (!kind) continue;
    const list = filesByKind.get(kind);
    if (list) list.push(f);
    else filesByKind.set(kind, [f]);
  }
  for (const list of filesByKind.values()) list.sort();
  const byKind = (kind: DeploymentKind): readonly string[] => filesByKind.get(kind) ?? [];

  const nestClis = new Map<string, NestCli | undefined>();
  const loadNestCli = (rel: string): NestCli | undefined => {
    if (!nestClis.has(rel)) {
      const cli = readNestCli(rel, readText);
      if (cli && 'error' in cli) warnings.push({ file: rel, line: 1, message: `${cli.error}; nest start cannot be followed through it` });
      nestClis.set(rel, cli && !('error' in cli) ? cli : undefined);
    }
    return nestClis.get(rel);
  };
  const nestCliIn = (p: string): NestCli | undefined => {
    if (p.endsWith('.json')) return loadNestCli(p);
    for (const name of NEST_CLI_NAMES) {
      const rel = joinRel(p, name);
      if (rel && files.isFile(rel)) return loadNestCli(rel);
    }
    return undefined;
  };

  const nxProjects: NxProject[] = input.files
    .filter((f) => f.endsWith('project.json') && (f === 'project.json' || f.endsWith('/project.json')))
    .sort()
    .flatMap((file) => {
      const text = readText(file);
      const pkg = packages.find((p) => p.root === (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.'));
      const project = text === undefined ? undefined : readNxProject(file, text, pkg?.name ?? file);
      return project && !('error' in project) ? [project] : []; // a broken project.json is reported by package discovery
    });

  const rules = new Map<string, OutputRule[]>();
  const rulesOf = (pkg: WorkspacePackage): OutputRule[] => {
    let r = rules.get(pkg.root);
    if (!r) {
      const cli = nestCliIn(pkg.root);
      const extra = cli?.tsConfigPath ? [joinRel(pkg.root, cli.tsConfigPath)].filter((x): x is string => x !== undefined) : [];
      r = tsconfigOutputs(pkg.root, files, readText, input.root, extra);
      rules.set(pkg.root, r);
    }
    return r;
  };
  const globalRules = [...byKind('nest-cli').flatMap((f) => (loadNestCli(f) ? nestBundles(loadNestCli(f)!) : [])), ...nxBundles(nxProjects)];
  const mapper = new EntryMapper(files, packages, rulesOf, globalRules);
  const resolver = new Resolver({ files, mapper, packages, readText, nestCliIn, nxProjects, candidates, notes, warnings });
  const env = { files, mapper, resolver, readText, warnings, notes };

  for (const pkg of packages) scriptDeployments(pkg, resolver, readText);
  for (const project of nxProjects) nxDeployments(project, packages, resolver);
  const contexts = new Map<string, string>();
  for (const file of byKind('compose')) for (const [dockerfile, context] of composeDeployments(file, env)) if (!contexts.has(dockerfile)) contexts.set(dockerfile, context);
  for (const file of byKind('dockerfile')) dockerfileDeployment(file, contexts.get(file), env);
  for (const file of byKind('procfile')) procfileDeployments(file, env);
  for (const file of byKind('pm2')) pm2Deployments(file, env);
  for (const file of byKind('supervisord')) supervisordDeployments(file, env);
  for (const file of byKind('platform')) platformDeployments(file, env);

  const root = packages.find((p) => p.root === '.');
  const ownerOf = (rel: string): string | undefined => mapper.packageOf(rel)?.root;
  const processes: Process[] = toProcesses(candidates, packages, (pkg) => nestBootstrapCandidates(pkg, root, files, ownerOf, readText, notes), notes);

  // An Nx application that no target deploys (targets inferred by Nx plugins are not in the
  // file) is still deployed: its conventional entry, else its whole package.
  // (A project whose serve target was looked at and rejected — a dev server — is no process.)
  for (const pkg of packages) {
    if (pkg.nx?.projectType !== 'application' || processes.some((p) => p.package === pkg.root)) continue;
    const project = nxProjects.find((p) => p.root === pkg.root);
    if (project && project.targets.some((t) => /^(serve|start|dev)/.test(t.name))) continue;
    const entry = ['src/main.ts', 'src/index.ts', 'main.ts', 'index.ts', 'src/main.js', 'src/index.js'].map((f) => joinRel(pkg.root, f)).find((f): f is string => !!f && files.isSource(f));
    if (!entry) continue;
    processes.push({ name: pkg.name, package: pkg.root, entry, command: '', foundAt: [{ file: joinRel(pkg.root, 'project.json') ?? `${pkg.root}/project.json`, line: 1 }], source: 'nx' });
    notes.add(`${pkg.root}: an Nx application no target deploys; taken as one process started from ${entry}`);
  }
  processes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // A repository without workspaces that deploys nothing visible is still one process.
  if (processes.length === 0 && packages.length === 1 && root) {
    processes.push({
      name: root.name,
      package: '.',
      entryReason: 'nothing in the repository says how it is deployed',
      command: '',
      foundAt: [],
      source: 'fallback',
    });
    notes.add(`no deployment found (no start script, Dockerfile, Procfile, compose, pm2 or supervisord file, Nx target or NestFactory bootstrap); the repository is taken as one process, "${root.name}", with no entry file`);
  } else if (processes.length === 0) {
    notes.add('no deployment found in any package: no package is a process');
  }

  return { processes, warnings: uniqueWarnings(warnings), notes: [...notes].sort() };
}

function uniqueWarnings(list: DiscoveryWarning[]): DiscoveryWarning[] {
  const seen = new Map<string, DiscoveryWarning>();
  for (const w of list) seen.set(`${w.file}\0${String(w.line).padStart(8, '0')}\0${w.message}`, w);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, w]) => w);
}
