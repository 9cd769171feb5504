import { spawnSync } from 'node:child_process';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';

/**
 * Runs git for the changed-scope runs. Read-only by construction: nothing here writes to the
 * repository or its .git (no `write-tree`, no `stash`; `GIT_OPTIONAL_LOCKS=0` keeps even
 * `git diff` from refreshing the index file in passing). Output is bytes: paths need not be UTF-8.
 */
export function gitBytes(cwd: string, args: string[], what: string): Buffer {
  const run = spawnSync('git', args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' },
  });
  if (run.error || run.status !== 0) {
    const detail = run.error ? run.error.message : run.stderr.toString('utf8').trim().split('\n')[0] || `exit ${run.status}`;
    throw new UsageError(ERROR_CODES.CLI_USAGE, `${what} needs a git repository and a valid ref (git ${args[0]}: ${detail}).`);
  }
  return run.stdout;
}

/** Like gitBytes, as text without the trailing newline. */
export function gitLine(cwd: string, args: string[], what: string): string {
  return gitBytes(cwd, args, what).toString('utf8').trim();
}

/** Whether a git command succeeds (for probes such as "is there a HEAD yet?"). */
export function gitSucceeds(cwd: string, args: string[]): boolean {
  const run = spawnSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  return run.status === 0;
}

/** git's well-known empty tree: the base of a repository without commits. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
