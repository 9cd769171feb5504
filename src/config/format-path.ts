// Apart from format-issues.ts: that module reads the schema (and zod with it), and the
// suppression stage names config keys in its warnings without needing either.

type Path = readonly PropertyKey[];

/** `services.api.root`, `ignore[0].reason`, `owners["emails:send"]`. */
export function formatPath(path: Path): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) return index === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}
