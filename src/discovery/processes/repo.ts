import type { FileListing } from '../list-files.js';
import { listFiles } from '../list-files.js';
import { discoverPackages } from '../packages.js';
import { discoverProcesses } from './discover.js';
import { readRepoText } from './read-text.js';
import type { DiscoveredProcesses } from './types.js';

/**
 * Process discovery for a repository on disk, the way the analysis runs it: the listing (or the
 * caller's), the workspace packages, then `discoverProcesses`. Loads the TypeScript compiler
 * (for pm2 .js files and tsconfigs): import it lazily from code on the CLI's warm path.
 */
export function discoverRepoProcesses(root: string, listing: FileListing = listFiles(root, { include: [], exclude: [] }), onSkip?: (file: string, reason: string) => void): DiscoveredProcesses {
  const packages = discoverPackages(root, listing.manifests, onSkip);
  return discoverProcesses({ root, packages, files: [...listing.sources, ...listing.manifests, ...listing.configs], readText: readRepoText(root) });
}
