// Apart from platforms.ts: the file listing asks which files are platform specs, and should
// not load the YAML parser that reading them takes.

export type PlatformKind = 'render' | 'digitalocean' | 'fly';

export function platformKind(rel: string): PlatformKind | undefined {
  const base = rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'render.yaml' || base === 'render.yml') return 'render';
  if (/(^|\/)\.do\/[^/]+\.ya?ml$/.test(rel)) return 'digitalocean';
  if (base === 'fly.toml' || /^fly\.[\w-]+\.toml$/.test(base)) return 'fly';
  return undefined;
}
