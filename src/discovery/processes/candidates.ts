import type { FoundAt, ProcessSource } from './types.js';

/**
 * One deployment of one process, before processes are merged and named (naming.ts): the same
 * entry found by a Dockerfile CMD and a start script is two candidates, one process.
 */
export interface Candidate {
  /** Root of the package the process belongs to: the one holding its entry, else the deploying one. */
  pkgRoot: string;
  entry?: string;
  /** A framework's process (frameworks.ts): every file it loads, `entry` first. */
  entries?: string[];
  framework?: string;
  entryReason?: string;
  /** The file the command runs, as a repository path, when there is no entry (merge key). */
  target?: string;
  command: string;
  foundAt: FoundAt[];
  source: ProcessSource;
  /** The deployment's own name for it (Procfile type, compose service, pm2 app, script `<x>`). */
  name?: string;
  /** Secondary: dev scripts, dev compose files, `bin` — used for packages nothing else deploys. */
  tier: 'primary' | 'secondary';
  nest?: boolean;
}

/** Strongest first: which source, command and name a merged process shows. */
export const SOURCE_RANK: readonly ProcessSource[] = ['config', 'platform', 'procfile', 'compose', 'pm2', 'supervisord', 'nx', 'dockerfile', 'script', 'nest-bootstrap', 'bin', 'fallback'];

export function mergeKey(c: Candidate): string {
  // `next start` in a script and the standalone `node server.js` in the image: one process.
  if (c.framework !== undefined) return `framework:${c.framework}:${c.pkgRoot}`;
  return c.entry !== undefined ? `entry:${c.entry}` : `target:${c.target ?? c.command}`;
}
