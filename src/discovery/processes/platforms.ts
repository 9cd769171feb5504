import YAML, { isMap, isScalar, isSeq, LineCounter, type Node, type Pair } from 'yaml';
import type { PlatformKind } from './platform-kind.js';

export { platformKind, type PlatformKind } from './platform-kind.js';

/**
 * Platform deployment specs — files that say which commands a hosting platform runs:
 * - Render blueprints (`render.yaml`): `services[]` with `startCommand` (native runtimes) or
 *   `dockerCommand` (docker runtime), `rootDir`, `type` (web / worker / cron / pserv);
 * - DigitalOcean App Platform specs (`.do/app.yaml`, `.do/deploy.template.yaml`): `services[]`,
 *   `workers[]`, `jobs[]` with `run_command` and `source_dir` (also under a top-level `spec:`);
 * - Fly.io (`fly.toml`): the `[processes]` table, one process per key.
 * Each entry is a command run in a folder of the repository, with its line for `foundAt`.
 */
export interface PlatformProcess {
  name: string;
  command: string;
  /** Repo-relative folder the command runs in ('' = the spec's own folder). */
  dir: string;
  /** A cron job or a one-off job is a process too: it runs code (and may add jobs). */
  line: number;
}

export interface ParsedPlatform {
  processes: PlatformProcess[];
  warnings: { line: number; message: string }[];
}

export function parsePlatform(kind: PlatformKind, text: string): ParsedPlatform {
  return kind === 'fly' ? parseFly(text) : parseYamlSpec(kind, text);
}

function parseYamlSpec(kind: 'render' | 'digitalocean', text: string): ParsedPlatform {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, uniqueKeys: false });
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    return { processes: [], warnings: [{ line: error.linePos?.[0]?.line ?? 1, message: `invalid YAML (${error.message.split('\n')[0]})` }] };
  }
  let root = doc.contents as Node | null;
  if (isMap(root) && kind === 'digitalocean' && isMap(root.get('spec', true))) root = root.get('spec', true) as Node;
  if (!isMap(root)) return { processes: [], warnings: [] };
  const sections = kind === 'render' ? ['services'] : ['services', 'workers', 'jobs'];
  const processes: PlatformProcess[] = [];
  for (const section of sections) {
    const list = root.get(section, true) as Node | undefined;
    if (!isSeq(list)) continue;
    for (const item of list.items as Node[]) {
      if (!isMap(item)) continue;
      const get = (key: string): { value: string; line: number } | undefined => {
        const pair = (item.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && p.key.value === key);
        return pair && isScalar(pair.value) && typeof pair.value.value === 'string' ? { value: pair.value.value, line: lineOf(pair.value) } : undefined;
      };
      const name = get('name')?.value ?? `${section}-${processes.length + 1}`;
      const command = kind === 'render' ? (get('startCommand') ?? get('dockerCommand')) : get('run_command');
      if (!command || command.value.trim() === '') continue;
      const dir = (kind === 'render' ? get('rootDir') : get('source_dir'))?.value.replace(/^\.?\/+/, '').replace(/\/+$/, '') ?? '';
      processes.push({ name, command: command.value, dir, line: command.line });
    }
  }
  return { processes, warnings: [] };
}

/** `[processes]` of fly.toml: `app = "node dist/main.js"`, `worker = 'npm run worker'`. */
function parseFly(text: string): ParsedPlatform {
  const processes: PlatformProcess[] = [];
  let inProcesses = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inProcesses = /^\[processes\]\s*(#.*)?$/.test(line);
      return;
    }
    if (!inProcesses || line === '' || line.startsWith('#')) return;
    const m = /^([\w-]+|"[^"]+")\s*=\s*("((?:[^"\\]|\\.)*)"|'([^']*)')\s*(#.*)?$/.exec(line);
    if (m) processes.push({ name: m[1]!.replace(/"/g, ''), command: (m[3] ?? m[4] ?? '').replace(/\\"/g, '"'), dir: '', line: i + 1 });
  });
  return { processes, warnings: [] };
}
