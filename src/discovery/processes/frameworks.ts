import type { WorkspacePackage } from '../packages.js';
import { type FileIndex, isInside, joinRel, relativeTo } from './file-index.js';

/**
 * Server frameworks whose process has no entry file of ours: `next start` loads the app's
 * route files, instrumentation hook and middleware; Nuxt's Nitro server its `server/` folder.
 * Such a process starts from every file the framework loads (a route can start a Worker, a
 * server action can add a job), so reachability starts from all of them.
 */
export type Framework = 'next' | 'nuxt' | 'remix' | 'astro' | 'sveltekit';

interface FrameworkFiles {
  /** Files the framework loads by name, first the one a reader thinks of as "the entry". */
  named: string[];
  /**
   * Folders whose source files the framework loads (routes, pages, server handlers): every file,
   * or those `loads` accepts (given the path inside the folder).
   */
  folders: Array<{ dir: string; loads?: (relInFolder: string) => boolean }>;
}

const LAYOUT: Record<Framework, FrameworkFiles> = {
  next: {
    named: ['instrumentation', 'src/instrumentation', 'middleware', 'src/middleware', 'app/layout', 'src/app/layout', 'pages/_app', 'src/pages/_app'],
    folders: [{ dir: 'app', loads: isNextAppFile }, { dir: 'src/app', loads: isNextAppFile }, { dir: 'pages' }, { dir: 'src/pages' }],
  },
  nuxt: { named: ['server/plugins/index'], folders: [{ dir: 'server' }] },
  remix: { named: ['app/entry.server', 'app/root'], folders: [{ dir: 'app' }] },
  astro: { named: ['src/middleware'], folders: [{ dir: 'src/pages' }, { dir: 'src/actions' }] },
  sveltekit: { named: ['src/hooks.server'], folders: [{ dir: 'src/routes' }] },
};

/** The framework a program starts in a package, from the program and the package's dependencies. */
export function frameworkOf(program: string, pkg: WorkspacePackage | undefined): Framework | undefined {
  const deps = { ...pkg?.manifest?.dependencies, ...pkg?.manifest?.devDependencies };
  switch (program) {
    case 'next':
      return 'next';
    case 'nuxt':
    case 'nuxi':
      return 'nuxt';
    case 'remix':
    case 'remix-serve':
      return 'remix';
    case 'astro':
      return 'astro';
    case 'vite':
      return '@sveltejs/kit' in deps ? 'sveltekit' : undefined;
    default:
      return undefined;
  }
}

export function dependsOnNext(pkg: WorkspacePackage): boolean {
  return 'next' in { ...pkg.manifest?.dependencies, ...pkg.manifest?.devDependencies };
}

const TEST_FILE = /(^|\/)(__tests__|__mocks__)\/|\.(test|spec|stories)\.[cm]?[jt]sx?$/;
const SOURCE_EXT = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.mjs', '.cts', '.cjs'];

/** Every source file the framework loads in the package, the primary one first (empty when none). */
export function frameworkEntries(framework: Framework, pkgRoot: string, files: FileIndex): string[] {
  const layout = LAYOUT[framework];
  const named = layout.named.flatMap((base) => SOURCE_EXT.map((ext) => joinRel(pkgRoot, base + ext)).filter((f): f is string => !!f && files.isSource(f)));
  const inFolders = layout.folders
    .flatMap(({ dir, loads }) => {
      const abs = joinRel(pkgRoot, dir);
      if (!abs || !files.isDir(abs)) return [];
      return files.filesUnder(abs).filter((f) => !loads || loads(relativeTo(abs, f)));
    })
    .filter((f) => files.isSource(f) && !TEST_FILE.test(relativeTo(pkgRoot, f)) && !f.endsWith('.d.ts'))
    // A nested package (a workspace inside `app/`) is its own package, not this framework's.
    .filter((f) => isInside(pkgRoot, f));
  return [...new Set([...named, ...inFolders.sort()])];
}

/** The files of Next's app router that Next itself loads; the rest only run if those import them. */
const NEXT_APP_FILES = new Set(['page', 'layout', 'route', 'template', 'default', 'loading', 'error', 'global-error', 'not-found', 'opengraph-image', 'twitter-image', 'icon', 'apple-icon', 'sitemap', 'robots', 'manifest']);

/** `app/(shop)/cart/page.tsx` yes; `app/_lib/worker.ts` (a private folder) and `app/cart/utils.ts` no. */
function isNextAppFile(relInApp: string): boolean {
  const parts = relInApp.split('/');
  if (parts.slice(0, -1).some((segment) => segment.startsWith('_'))) return false;
  const base = parts[parts.length - 1]!.replace(/\.[^.]+$/, '');
  return NEXT_APP_FILES.has(base);
}
