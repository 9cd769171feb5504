import type { WorkspacePackage } from '../discovery/packages.js';
import type { RepositoryResolution } from '../resolution/index.js';
import type { SourceStore } from '../sources/source-store.js';
import { joinListed } from '../util/paths.js';
import { type CallerSources, CallSiteIndex } from './call-sites.js';
import { Expander } from './expand.js';
import { Interpreter } from './interpreter.js';
import { firstOpen } from './domain.js';
import type { Program } from './program.js';

export { Interpreter } from './interpreter.js';
export { Expander, type Instantiation } from './expand.js';
export type { Program } from './program.js';

export interface Engine {
  program: Program;
  interp: Interpreter;
  expander: Expander;
  callSites: CallSiteIndex;
}

/**
 * The value engine over one repository: the interpreter, the expander that binds sites per
 * caller, and the call-site index over `callFiles` (the files whose calls can matter: the
 * relevant files, decided by the detectors' relevance filter), grown on demand through `callers`.
 */
export function createEngine(options: {
  root: string;
  store: SourceStore;
  resolution: RepositoryResolution;
  packages: readonly WorkspacePackage[];
  callFiles: () => readonly string[];
  /** Where callers outside `callFiles` are looked for, on demand (values/call-sites.ts). */
  callers?: CallerSources;
}): Engine {
  const { root, store, resolution } = options;
  const byDir = options.packages
    .map((p) => ({ dir: p.root === '.' ? `${root}/` : `${joinListed(root, p.root)}/`, deps: { ...p.manifest?.dependencies, ...p.manifest?.devDependencies } as Record<string, string> }))
    .sort((a, b) => b.dir.length - a.dir.length);
  const program: Program = {
    root,
    sourceFile: (abs) => store.get(abs) ?? undefined,
    resolve: (from, spec) => resolution.resolver.resolve(from, spec),
    nestLibraryOf(abs) {
      for (const p of byDir) {
        if (!abs.startsWith(p.dir)) continue;
        if (p.deps['@nestjs/bullmq']) return 'bullmq';
        if (p.deps['@nestjs/bull']) return 'bull';
      }
      return undefined;
    },
  };
  const interp = new Interpreter(program);
  const callSites = new CallSiteIndex(options.callFiles, program.sourceFile, options.callers);
  const expander = new Expander(interp, callSites);
  interp.expandValue = (evaluate, base) => expander.expand(evaluate, (v) => (v.k === 'arr' ? v.items.map((t) => firstOpen(t())).find((o) => o !== undefined) : firstOpen(v)), base);
  interp.instances.constructed = (cls) => expander.callers(cls).length > 0 || callSites.subclassCandidates(cls).length > 0;
  return { program, interp, expander, callSites };
}
