import { platformKind } from './platform-kind.js';

/**
 * Which files deploy code, by name. The listing (list-files.ts) keeps them with the configs —
 * read whole and part of the cache key, so editing a Procfile re-runs the analysis — and
 * discovery picks its parsers from the same answer.
 */

export type DeploymentKind = 'dockerfile' | 'procfile' | 'compose' | 'pm2' | 'supervisord' | 'nest-cli' | 'nodemon' | 'platform';

/**
 * How much a deployment file counts: `primary` deploys; `dev` is local development
 * (`docker-compose.dev.yml`, `Procfile.dev`), used only for a package nothing else deploys;
 * `skip` runs tests (`docker-compose.test.yml`) and never deploys a service.
 */
export type DeploymentTier = 'primary' | 'dev' | 'skip';

const COMPOSE = /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/;
const PM2 = /^(?:ecosystem(?:[.-][\w-]+)*(?:\.config)?|pm2(?:[.-][\w.-]+)?)\.(?:js|cjs|mjs|json|ya?ml)$/;
const NEST_CLI = /^(?:nest-cli.*|\.nestcli|\.nest-cli|nest)\.json$/;

export function deploymentKind(rel: string): DeploymentKind | undefined {
  const slash = rel.lastIndexOf('/');
  const base = rel.slice(slash + 1);
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (base === 'Procfile' || base.startsWith('Procfile.')) return 'procfile';
  if (COMPOSE.test(lower)) return 'compose';
  if (PM2.test(lower)) return 'pm2';
  if (lower.endsWith('.conf') && (lower.startsWith('supervisor') || lower.endsWith('.supervisor.conf') || inSupervisorFolder(rel))) return 'supervisord';
  if (NEST_CLI.test(base)) return 'nest-cli';
  if (base === 'nodemon.json') return 'nodemon';
  if (platformKind(rel)) return 'platform';
  return undefined;
}

export function isDeploymentFile(rel: string): boolean {
  return deploymentKind(rel) !== undefined;
}

/** `supervisor/api.conf`, `docker/supervisord/conf.d/worker.conf`. */
function inSupervisorFolder(rel: string): boolean {
  const parts = rel.split('/');
  return parts.slice(0, -1).some((p) => p === 'supervisor' || p === 'supervisord');
}

const DEV_WORDS = new Set(['dev', 'develop', 'development', 'local', 'debug', 'watch']);
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'e2e', 'ci', 'spec', 'integration']);

/** From the words of the file name: `docker-compose.dev.yml` is dev, `Dockerfile.e2e` is a test rig. */
export function deploymentTier(rel: string): DeploymentTier {
  const base = rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
  const words = base.split(/[.\-_]/);
  if (words.some((w) => TEST_WORDS.has(w))) return 'skip';
  if (words.some((w) => DEV_WORDS.has(w))) return 'dev';
  return 'primary';
}

/** `Dockerfile.worker`, `worker.Dockerfile` → `worker`: the name a Dockerfile gives its process. */
export function dockerfileProcessName(rel: string): string | undefined {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const m = /^dockerfile\.(.+)$/i.exec(base) ?? /^(.+)\.dockerfile$/i.exec(base);
  const name = m?.[1];
  if (!name || ['prod', 'production', 'release'].includes(name.toLowerCase())) return undefined;
  return name;
}
