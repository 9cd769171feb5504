/**
 * Which package scripts deploy a process, and the name they give it.
 *
 * A script deploys when a word of its name (split on `:`, and on `-` next to start/serve) is
 * `start`, `serve` or `worker`: `start`, `start:prod`, `start:worker`, `worker:start`,
 * `serve`, `worker`, `start-api` — or names a process and production (`collab:prod`). Words that name an environment (`prod`, `production`,
 * `staging`, `docker`) are variants of the same process; words that name local development
 * (`dev`, `watch`, `debug`, `local`) make it a *secondary* deployment, used only for a package
 * nothing else deploys — so is the plain `dev` script. Scripts for tests, builds, migrations,
 * seeds and lint never deploy, nor `pre`/`post` hooks. What is left of the name is the process
 * name (`start:worker` → `worker`); nothing left means the package's main process.
 */
export interface ScriptDeployment {
  script: string;
  /** `worker` for `start:worker`; undefined for `start`, `start:prod`, `dev`. */
  processName?: string;
  tier: 'primary' | 'secondary';
}

const DEPLOY_WORDS = new Set(['start', 'serve', 'worker', 'workers']);
const PRODUCTION_WORDS = new Set(['prod', 'production']);
const ACTION_WORDS = new Set(['start', 'serve', 'run']);
const ENV_WORDS = new Set(['prod', 'production', 'staging', 'stage', 'docker', 'container', 'release', 'live', 'built', 'compiled', 'dist', 'js', 'node', 'server-only']);
const DEV_WORDS = new Set(['dev', 'develop', 'development', 'watch', 'debug', 'local', 'hot', 'inspect', 'nodemon', 'ts', 'tsx', 'ts-node']);
const NEVER_WORDS = new Set(['test', 'tests', 'e2e', 'spec', 'build', 'lint', 'seed', 'seeds', 'migrate', 'migration', 'migrations', 'db', 'typeorm', 'prisma', 'storybook', 'docs', 'format', 'clean', 'typecheck', 'codegen', 'generate', 'cov', 'coverage', 'bench', 'repl']);

export function scriptWords(name: string): string[] {
  // `start_export_processor`: underscores separate words like `:` does.
  return name.split(/[:_]/).flatMap((part) => {
    const dashed = part.split('-');
    return dashed.length > 1 && dashed.some((w) => ACTION_WORDS.has(w) || DEV_WORDS.has(w) || ENV_WORDS.has(w)) ? dashed : [part];
  });
}

export function classifyScript(name: string): ScriptDeployment | undefined {
  const words = scriptWords(name);
  if (words.some((w) => NEVER_WORDS.has(w))) return undefined;
  const dev = words.some((w) => DEV_WORDS.has(w));
  const rest = words.filter((w) => !ACTION_WORDS.has(w) && !ENV_WORDS.has(w) && !DEV_WORDS.has(w));
  // `collab:prod`, `api:production`: the production run of the process the other words name.
  const production = !dev && rest.length > 0 && words.some((w) => PRODUCTION_WORDS.has(w));
  if (!production && !words.some((w) => DEPLOY_WORDS.has(w)) && !(name === 'dev' || (dev && words.length === 1))) return undefined;
  // The script's own words, with its own separator: `start:worker` → `worker`, `start_export_processor` → `export_processor`.
  const separator = name.includes(':') ? ':' : name.includes('_') ? '_' : '-';
  const processName = rest.length > 0 ? rest.join(separator) : undefined;
  return { script: name, ...(processName ? { processName } : {}), tier: dev ? 'secondary' : 'primary' };
}

/** A script run through another (`npm run start:worker` from a Dockerfile) still names its process. */
export function scriptProcessName(name: string): string | undefined {
  return classifyScript(name)?.processName;
}

export function isDevScript(name: string): boolean {
  return scriptWords(name).some((w) => DEV_WORDS.has(w));
}

export function deploymentScripts(scripts: Record<string, unknown> | undefined): ScriptDeployment[] {
  if (!scripts) return [];
  return Object.entries(scripts)
    .filter(([, text]) => typeof text === 'string' && text.trim() !== '')
    // `prestart`/`poststart` are hooks npm runs around `start`, not processes of their own.
    .filter(([name]) => !/^(?:pre|post)./.test(name) || !(name.replace(/^(?:pre|post)/, '') in scripts))
    // `start:win32`, `start:nix` of a `start` that runs run-script-os: variants of that one process.
    .filter(([name]) => !isOsVariant(name, scripts))
    .flatMap(([name]) => classifyScript(name) ?? [])
    .sort((a, b) => (a.script < b.script ? -1 : a.script > b.script ? 1 : 0));
}

const OS_SUFFIXES = new Set(['win32', 'windows', 'darwin', 'macos', 'linux', 'nix', 'aix', 'freebsd', 'openbsd', 'sunos', 'android', 'default']);

function isOsVariant(name: string, scripts: Record<string, unknown>): boolean {
  const cut = name.lastIndexOf(':');
  if (cut <= 0 || !OS_SUFFIXES.has(name.slice(cut + 1))) return false;
  const base = scripts[name.slice(0, cut)];
  return typeof base === 'string' && /(^|[\s;&|])run-script-os(\s|$)/.test(base);
}
