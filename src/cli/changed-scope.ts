import { execFileSync } from 'node:child_process';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import type { Finding, JobOwnersResult } from '../model/result.js';

/**
 * `--changed-since <ref>` / `--staged`: which files a change touches, relative to the analysed
 * root. Only reporting is narrowed (see `findingsTouching`): the analysis always covers the
 * whole repository, because ownership is a property of the whole repository.
 */
export function changedFiles(root: string, options: { changedSince?: string; staged?: boolean }): Set<string> | undefined {
  if (!options.changedSince && !options.staged) return undefined;
  const args = options.staged ? ['diff', '--cached', '--name-only', '--relative'] : ['diff', '--name-only', '--relative', options.changedSince!];
  try {
    const out = execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const files = out.split('\n').filter(Boolean);
    if (!options.staged) {
      // Files added since the ref but not yet committed count as changed too.
      const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      files.push(...untracked.split('\n').filter(Boolean));
    }
    return new Set(files);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.toString().trim().split('\n')[0] ?? (error as Error).message;
    throw new UsageError(ERROR_CODES.CLI_USAGE, `${options.staged ? '--staged' : `--changed-since ${options.changedSince}`} needs a git repository and a valid ref (git: ${detail}).`);
  }
}

/** Findings about queues the change touches (any producer or consumer in a changed file), or located in one. */
export function findingsTouching(result: JobOwnersResult, changed: Set<string>): Finding[] {
  const touchedQueues = new Set(
    result.queues.filter((q) => [...q.consumers, ...q.producers].some((x) => changed.has(x.file))).map((q) => q.queue),
  );
  return result.findings.filter((f) => (f.queue !== null && touchedQueues.has(f.queue)) || f.locations.some((l) => changed.has(l.file)));
}
