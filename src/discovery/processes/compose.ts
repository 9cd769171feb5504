import YAML, { isAlias, isMap, isScalar, LineCounter, type Node, type Pair } from 'yaml';

/**
 * A docker-compose file: for every service, what it builds (`build` context, `dockerfile`,
 * `target`, `args`), which image it runs, its `command`/`entrypoint` overrides, `working_dir`
 * and bind mounts — with the line of each, for `foundAt`. Anchors and `<<` merges are resolved
 * by the YAML parser.
 */
export interface ComposeService {
  name: string;
  /** The line of the service's key. */
  line: number;
  build?: { context: string; dockerfile?: string; target?: string; args: Record<string, string> };
  image?: string;
  command?: { value: string | string[]; line: number };
  entrypoint?: { value: string | string[]; line: number };
  workingDir?: string;
  /** `./apps/api:/app` bind mounts (host relative to the compose file's folder). */
  mounts: { host: string; container: string }[];
}

export interface ParsedCompose {
  services: ComposeService[];
  warnings: { line: number; message: string }[];
}

export function parseCompose(text: string): ParsedCompose {
  const lineCounter = new LineCounter();
  const warnings: ParsedCompose['warnings'] = [];
  const doc = YAML.parseDocument(text, { lineCounter, merge: true, uniqueKeys: false });
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = error.linePos?.[0]?.line ?? 1;
    return { services: [], warnings: [{ line, message: `invalid YAML (${error.message.split('\n')[0]})` }] };
  }
  const contents = doc.contents;
  if (!isMap(contents)) return { services: [], warnings: contents ? [{ line: lineOf(contents), message: 'not a compose file: the top level is not a mapping' }] : [] };
  const servicesNode = contents.get('services', true) as Node | undefined;
  if (servicesNode === undefined) return { services: [], warnings };
  if (!isMap(servicesNode)) return { services: [], warnings: [{ line: lineOf(servicesNode), message: '"services" is not a mapping' }] };
  let all: Record<string, unknown>;
  try {
    // Aliases resolve only against the whole document.
    all = ((doc.toJS() as { services?: Record<string, unknown> } | null)?.services ?? {}) as Record<string, unknown>;
  } catch (error) {
    return { services: [], warnings: [{ line: lineOf(servicesNode), message: `cannot be read (${(error as Error).message.split('\n')[0]})` }] };
  }
  const services: ComposeService[] = [];
  for (const pair of servicesNode.items as Pair<Node, Node>[]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (!name) continue;
    const node = pair.value;
    if (!isMap(node) && !isAlias(node)) {
      warnings.push({ line: lineOf(pair.key), message: `service "${name}" is not a mapping` });
      continue;
    }
    const value = (all[name] ?? {}) as Record<string, unknown>;
    const service: ComposeService = { name, line: lineOf(pair.key), mounts: [] };
    const build = value.build;
    if (typeof build === 'string') service.build = { context: build, args: {} };
    else if (build && typeof build === 'object') {
      const b = build as Record<string, unknown>;
      service.build = {
        context: typeof b.context === 'string' ? b.context : '.',
        ...(typeof b.dockerfile === 'string' ? { dockerfile: b.dockerfile } : {}),
        ...(typeof b.target === 'string' ? { target: b.target } : {}),
        args: buildArgs(b.args),
      };
    }
    if (typeof value.image === 'string') service.image = value.image;
    for (const key of ['command', 'entrypoint'] as const) {
      const v = value[key];
      const keyNode = (isMap(node) ? node.items : []).find((p) => isScalar(p.key) && p.key.value === key);
      const line = lineOf((keyNode?.key as Node | undefined) ?? pair.key);
      if (typeof v === 'string' && v.trim() !== '') service[key] = { value: v, line };
      else if (Array.isArray(v) && v.every((w) => typeof w === 'string' || typeof w === 'number')) service[key] = { value: v.map(String), line };
      else if (v !== undefined && v !== null) warnings.push({ line, message: `service "${name}": ${key} is neither a string nor a list of strings` });
    }
    if (typeof value.working_dir === 'string') service.workingDir = value.working_dir;
    if (Array.isArray(value.volumes)) {
      for (const v of value.volumes) {
        const mount = bindMount(v);
        if (mount) service.mounts.push(mount);
      }
    }
    services.push(service);
  }
  return { services, warnings };
}

function buildArgs(args: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(args)) {
    for (const a of args) if (typeof a === 'string' && a.includes('=')) out[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
  } else if (args && typeof args === 'object') {
    for (const [k, v] of Object.entries(args)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return out;
}

/** `./apps/api:/app[:ro]` or `{ type: bind, source, target }`; named volumes are not code. */
function bindMount(v: unknown): { host: string; container: string } | undefined {
  if (typeof v === 'string') {
    const [host, container] = v.split(':');
    if (host && container && (host.startsWith('.') || host.startsWith('/')) && container.startsWith('/')) return { host, container };
    return undefined;
  }
  if (v && typeof v === 'object') {
    const m = v as Record<string, unknown>;
    if (m.type === 'bind' && typeof m.source === 'string' && typeof m.target === 'string') return { host: m.source, container: m.target };
  }
  return undefined;
}
