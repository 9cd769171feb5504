import type { WorkspacePackage } from '../packages.js';

/**
 * Process discovery (SPEC §3, issue 13): a service is a deployed process, found from what deploys
 * the code. These are the shapes discovery hands to the analysis core.
 */

/** What found a process. When several places deploy one entry, the strongest one (see `SOURCE_RANK`). */
export type ProcessSource =
  | 'script'
  | 'bin'
  | 'dockerfile'
  | 'procfile'
  | 'compose'
  | 'pm2'
  | 'supervisord'
  /** A hosting platform's spec: Render `render.yaml`, DigitalOcean `.do/*.yaml`, Fly.io `fly.toml`. */
  | 'platform'
  | 'nx'
  | 'nest-bootstrap'
  | 'config'
  | 'fallback';

/** A place that deploys a process: a Procfile line, a Dockerfile `CMD`, a package.json script. */
export interface FoundAt {
  /** Repo-relative POSIX path. */
  file: string;
  /** 1-based. */
  line: number;
}

export interface Process {
  /** `<package>` when its package runs one process, `<package>:<process>` when several (SPEC §3). */
  name: string;
  /** Root folder of the workspace package the process belongs to (the one holding its entry). */
  package: string;
  /** Repo-relative source file the process runs (mapped back from `dist/`), when one was found. */
  entry?: string;
  /**
   * Several entry files, `entry` the first: a config declaration `{ root, entry: [a, b] }`, or a
   * server framework's process (`next start`: its routes, instrumentation hook, middleware).
   * Reachability starts from each.
   */
  entries?: string[];
  /** Why there is no `entry` (the command ran something that maps to no source file). */
  entryReason?: string;
  /** The command as written where the process was found (the strongest place). */
  command: string;
  /** Every place that deploys this process, sorted. */
  foundAt: FoundAt[];
  source: ProcessSource;
  /** The entry bootstraps NestJS (`NestFactory`) or the process is started by `nest start`. */
  nest?: boolean;
  /** Config only: a service declared as file globs (the pre-process way of carving a package). */
  globs?: string[];
}

/** A deployment file discovery could not read; discovery goes on with the other sources. */
export interface DiscoveryWarning {
  file: string;
  line: number;
  /** One sentence. */
  message: string;
}

export interface DiscoveredProcesses {
  /** Sorted by name. */
  processes: Process[];
  warnings: DiscoveryWarning[];
  /** For `--debug` and `explain`: what was seen but not counted, and why (sorted, de-duplicated). */
  notes: string[];
}

export interface DiscoveryInput {
  /** Absolute path of the repository root. */
  root: string;
  packages: WorkspacePackage[];
  /** Repo-relative listing: sources, manifests and configs (deployment files included). */
  files: readonly string[];
  /** Text of a repo-relative file, or undefined when it cannot be read. Never throws. */
  readText(rel: string): string | undefined;
}
