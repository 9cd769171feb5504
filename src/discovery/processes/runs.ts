/**
 * What one command runs, as the command parser (command.ts) reads it, before anything is
 * looked up in the repository: "a node file", "the `start` script of package x", "`nest start`
 * with this config". The resolver (resolve.ts) turns runs into processes.
 */

interface RunBase {
  /** The words of this one command, for notes. */
  text: string;
  /** Directory a preceding `cd` moved to (relative to where the command started, or absolute). */
  cwd?: string;
  /** `FOO=1 cmd`, `cross-env FOO=1 cmd`, `export FOO=1; cmd`. */
  env: Record<string, string>;
  /**
   * A step that must finish before the next one starts (`prisma migrate deploy && node main.js`:
   * the migration), so it is not the long-running process.
   */
  oneOff: boolean;
  /** A name the command gives it (`concurrently -n api,worker`, `pm2 start x --name api`). */
  name?: string;
}

/** `node [flags] dist/main.js`, `ts-node src/main.ts`, `tsx watch src/main.ts`, `nodemon x`. */
export interface FileRun extends RunBase {
  kind: 'file';
  runner: string;
  /** As written; absent when the runner picks it (`nodemon` with no script reads nodemon.json). */
  path?: string;
  /** Words after the file (`./bin/run worker`: an oclif command). */
  args?: string[];
}

/** `run-script-os`: the current script's variant for this OS (`start:default`, `start:linux`). */
export interface OsScriptRun extends RunBase {
  kind: 'os-script';
}

/** `npm run x`, `pnpm x`, `yarn workspace api start`, `bun run x`, `concurrently "npm:start:*"`. */
export interface ScriptRun extends RunBase {
  kind: 'script';
  manager: 'npm' | 'pnpm' | 'yarn' | 'bun';
  /** Script name; may end in `*` (`npm:start:*`, `run-p start:*`). */
  script: string;
  /** Another package's script: `--filter api`, `-w apps/api`, `--prefix apps/api`, `yarn workspace api`. */
  workspace?: string;
  /**
   * `yarn ts-node src/main.ts`, `pnpm tsx src/main.ts`: with no script of that name the package
   * manager runs the binary; these are its arguments.
   */
  binArgs?: string[];
}

/** `nest start [project] [--config nest-cli.worker.json] [--entryFile worker] [--sourceRoot x]`. */
export interface NestRun extends RunBase {
  kind: 'nest';
  project?: string;
  config?: string;
  entryFile?: string;
  sourceRoot?: string;
}

/** `pm2-runtime start ecosystem.config.js [--only api]`, `pm2 start dist/main.js --name api`. */
export interface Pm2Run extends RunBase {
  kind: 'pm2';
  /** An ecosystem file or a script, as written. */
  target: string;
  only?: string;
}

/** `nx serve api`, `nx run api:serve`. */
export interface NxRun extends RunBase {
  kind: 'nx';
  project: string;
  target: string;
}

/** `./start.sh`, `sh docker-entrypoint.sh node dist/main.js`: a script read and parsed in turn. */
export interface ShellScriptRun extends RunBase {
  kind: 'shell-script';
  path: string;
  args: string[];
}

/** A tool that starts other deployments found on their own: supervisord, compose, turbo, `pnpm -r`. */
export interface DelegateRun extends RunBase {
  kind: 'delegate';
  tool: string;
}

/**
 * `next start`, `nuxt dev`, `remix-serve build`, `astro preview`, `vite dev`: a server framework
 * whose process loads the package's route files (frameworks.ts); the resolver decides which
 * framework from the package (`vite` is one only in a SvelteKit package).
 */
export interface FrameworkRun extends RunBase {
  kind: 'framework';
  program: string;
}

/** Something that is not a JavaScript file job-owners can follow (`next start`, `vite`, `python`). */
export interface UnknownRun extends RunBase {
  kind: 'unknown';
  program: string;
  reason?: string;
  /** The words after the program (a repository package's bin run by name: `flowise worker`). */
  args?: string[];
}

export type Run = FileRun | ScriptRun | NestRun | Pm2Run | NxRun | ShellScriptRun | DelegateRun | FrameworkRun | OsScriptRun | UnknownRun;

export interface ParsedCommand {
  runs: Run[];
  /** Why the text is not quite valid shell (an unterminated quote), when it is not. */
  problem?: string;
}
