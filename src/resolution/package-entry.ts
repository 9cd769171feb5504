/** The `package.json` fields that say where a package's code is. */
export interface PackageManifestLike {
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  source?: string;
  exports?: unknown;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Source files a workspace package's import may mean when its entry points lead to no file —
 * typically `main: "dist/index.js"` before a build. TypeScript's resolver is asked first
 * (module-resolver.ts); this is the fallback, in the order a monorepo's own tooling would
 * try: `source`, the `exports` entry, `types`, `module`, `main` (each mapped from build output
 * to `src/`), then `src/index.*` and `index.*`.
 */
export function workspaceEntryCandidates(pkgDir: string, manifest: PackageManifestLike | undefined, subpath: string): string[] {
  const targets: string[] = [];
  if (subpath) {
    const fromExports = exportTarget(manifest?.exports, `./${subpath}`);
    if (fromExports) targets.push(fromExports);
    targets.push(`src/${subpath}`, subpath);
  } else {
    for (const t of [manifest?.source, exportTarget(manifest?.exports, '.'), manifest?.types, manifest?.typings, manifest?.module, manifest?.main]) {
      if (typeof t === 'string') targets.push(t);
    }
    targets.push('src/index', 'index');
  }
  const out: string[] = [];
  for (const target of targets) {
    for (const candidate of buildOutputToSource(target)) {
      const clean = candidate.replace(/^\.\//, '');
      if (EXTENSIONS.some((e) => clean.endsWith(e))) out.push(`${pkgDir}/${clean}`);
      else {
        for (const ext of EXTENSIONS) out.push(`${pkgDir}/${clean}${ext}`);
        for (const ext of EXTENSIONS) out.push(`${pkgDir}/${clean}/index${ext}`);
      }
    }
  }
  return out;
}

/** `dist/index.d.ts` → `src/index`, `dist/index`; `lib/x.js` → `src/x`, `lib/x`. */
function buildOutputToSource(target: string): string[] {
  const clean = target.replace(/^\.\//, '').replace(/\.d\.([cm]?)ts$/, '').replace(/\.[cm]?[jt]sx?$/, '');
  const m = clean.match(/^(?:dist|build|lib|out)\/(?:(?:esm|cjs|types)\/)?(?:src\/)?(.*)$/);
  return m ? [`src/${m[1]}`, m[1]!, clean] : [clean];
}

/** `exports` may be a string, a conditions object, or a subpath map; pick a file for `subpath`. */
function exportTarget(exportsField: unknown, subpath: string): string | undefined {
  if (!exportsField) return undefined;
  if (typeof exportsField === 'string') return subpath === '.' ? exportsField : undefined;
  if (typeof exportsField !== 'object') return undefined;
  const record = exportsField as Record<string, unknown>;
  const isSubpathMap = Object.keys(record).some((k) => k.startsWith('.'));
  const entry = isSubpathMap ? record[subpath] : subpath === '.' ? record : undefined;
  return pickCondition(entry);
}

function pickCondition(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return undefined;
  const record = entry as Record<string, unknown>;
  for (const condition of ['source', 'types', 'import', 'require', 'node', 'default']) {
    const picked = pickCondition(record[condition]);
    if (picked) return picked;
  }
  return undefined;
}
