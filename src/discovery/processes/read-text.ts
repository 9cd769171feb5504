import path from 'node:path';
import { readWatched } from '../../util/fs.js';

/**
 * `DiscoveryInput.readText` for a repository on disk: reads are recorded for the result cache
 * (util/watched-paths.ts), so a shell script or a tsconfig parent read outside the listing is
 * watched like the listed files.
 */
export function readRepoText(root: string): (rel: string) => string | undefined {
  return (rel) => {
    try {
      const text = readWatched(path.join(root, rel));
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      return undefined;
    }
  };
}
