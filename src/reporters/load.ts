import type { FormatName, Reporter } from './types.js';

/** Every output format by name (SPEC §5 `--format`). */
export const FORMAT_NAMES: readonly FormatName[] = ['stylish', 'json', 'markdown', 'github', 'sarif'];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/**
 * One format's reporter, imported when a run writes that format: a run loads only its own
 * renderers (chalk only for stylish), which keeps a warm run's start-up short.
 */
export async function loadReporter(format: FormatName): Promise<Reporter> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'json':
      return (await import('./json.js')).json;
    case 'markdown':
      return (await import('./markdown.js')).markdown;
    case 'github':
      return (await import('./github.js')).github;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
  }
}
