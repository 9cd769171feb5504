import path from 'node:path';
import type { DockerCopy, DockerStage, ParsedDockerfile } from './dockerfile.js';
import { type FileIndex, joinRel, parent } from './file-index.js';

/**
 * Maps paths inside an image back to the repository: `/app/dist/main.js` came from
 * `apps/api/dist/main.js` because of `COPY apps/api ./` under `WORKDIR /app` — through
 * `COPY --from=build` into earlier stages, and through compose bind mounts (which win).
 */
export interface ContainerMap {
  /** Repo-relative host path of an absolute container path, when a COPY or mount covers it. */
  toHost(containerPath: string): string | undefined;
  /** Repo-relative folder a container folder was filled from (also inferred from a copied child). */
  hostDirOf(containerDir: string): string | undefined;
}

interface Mapping {
  container: string;
  dir: boolean;
  host?: string;
  stage?: number;
  stagePath?: string;
}

export interface Mount {
  container: string;
  host: string;
}

export function containerMap(dockerfile: ParsedDockerfile, stage: DockerStage, context: string, files: FileIndex, mounts: Mount[] = []): ContainerMap {
  const byStage = new Map<number, Mapping[]>();
  const mappingsOf = (s: DockerStage): Mapping[] => {
    const cached = byStage.get(s.index);
    if (cached) return cached;
    const inherited = s.parent !== undefined ? mappingsOf(dockerfile.stages[s.parent]!) : [];
    const own = s.copies.flatMap((copy) => copyMappings(copy, dockerfile, context, files));
    const all = [...inherited, ...own];
    byStage.set(s.index, all);
    return all;
  };
  const extra: Mapping[] = mounts.map((m) => ({ container: m.container, dir: true, host: m.host }));
  const resolveIn = (mappings: Mapping[], p: string, depth: number): string | undefined => {
    if (depth > 8) return undefined;
    for (let i = mappings.length - 1; i >= 0; i--) {
      const m = mappings[i]!;
      let rest: string | undefined;
      if (p === m.container) rest = '';
      else if (m.dir && p.startsWith(m.container === '/' ? '/' : `${m.container}/`)) rest = p.slice(m.container === '/' ? 1 : m.container.length + 1);
      if (rest === undefined) continue;
      if (m.host !== undefined) return rest === '' ? m.host : joinRel(m.host, rest);
      const from = dockerfile.stages[m.stage!];
      if (!from) return undefined;
      return resolveIn(mappingsOf(from), path.posix.join(m.stagePath!, rest), depth + 1);
    }
    return undefined;
  };
  const all = (): Mapping[] => [...mappingsOf(stage), ...extra];
  return {
    toHost: (p) => resolveIn(all(), path.posix.normalize(p), 0),
    hostDirOf: (dir) => {
      const direct = resolveIn(all(), dir, 0);
      if (direct !== undefined) return direct;
      // `COPY apps/api/package.json ./` says /app is apps/api, though no folder was copied.
      const children = all().filter((m) => m.container.startsWith(dir === '/' ? '/' : `${dir}/`));
      children.sort((a, b) => Number(b.container.endsWith('/package.json')) - Number(a.container.endsWith('/package.json')));
      for (const m of children) {
        const host = resolveIn(all(), m.container, 0);
        if (host === undefined) continue;
        const rel = m.container.slice(dir === '/' ? 1 : dir.length + 1);
        if (host === rel) return '.';
        if (host.endsWith(`/${rel}`)) return host.slice(0, -rel.length - 1);
      }
      return undefined;
    },
  };
}

function copyMappings(copy: DockerCopy, dockerfile: ParsedDockerfile, context: string, files: FileIndex): Mapping[] {
  const out: Mapping[] = [];
  const fromStage = copy.from === undefined ? undefined : dockerfile.stages.find((s) => s.name?.toLowerCase() === copy.from!.toLowerCase()) ?? (/^\d+$/.test(copy.from) ? dockerfile.stages[Number(copy.from)] : undefined);
  if (copy.from !== undefined && !fromStage) return out; // from another image: not this repository
  for (const source of copy.sources) {
    if (/[*?[]/.test(source) || /^https?:\/\//.test(source)) continue; // globs copy files, never entries
    if (fromStage) {
      const stagePath = path.posix.resolve(fromStage.workdir, source);
      const dir = !/\.[cm]?[jt]sx?$|\.json$/.test(source);
      out.push({ container: target(copy, source, dir), dir, stage: fromStage.index, stagePath });
      continue;
    }
    const host = joinRel(context, source);
    if (host === undefined) continue;
    const dir = host === '.' || files.isDir(host) || (!files.isFile(host) && !/\.\w+$/.test(host));
    out.push({ container: target(copy, source, dir), dir, host });
  }
  return out;
}

/** Docker copies a folder's *contents* into the destination, and a file into it by name. */
function target(copy: DockerCopy, source: string, sourceIsDir: boolean): string {
  if (!copy.destIsDir || sourceIsDir) return copy.dest;
  return path.posix.join(copy.dest, source.slice(source.replace(/\/$/, '').lastIndexOf('/') + 1));
}

/** The build context of a Dockerfile used on its own: the folder whose paths its COPYs name. */
export function guessContext(dockerfile: ParsedDockerfile, dockerfileRel: string, files: FileIndex): string {
  const own = parent(dockerfileRel);
  const sources = dockerfile.stages.flatMap((s) => s.copies.filter((c) => c.from === undefined).flatMap((c) => c.sources)).filter((s) => !/[*?[]/.test(s) && s !== '.' && s !== './');
  if (sources.length === 0 || own === '.') return own;
  const hits = (dir: string): number => sources.filter((s) => {
    const host = joinRel(dir, s);
    return host !== undefined && (files.isFile(host) || files.isDir(host));
  }).length;
  // `docker build -f apps/api/Dockerfile .` is the common monorepo form: COPY names repo paths.
  return hits('.') > hits(own) ? '.' : own;
}
