import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomicModule from 'write-file-atomic';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import { makeDirs } from './make-dirs.js';

/**
 * Writes a file atomically with write-file-atomic: a temp file in the same folder, then a
 * rename, so an interrupted run or a full disk never leaves a half-written report. It writes
 * through a symlink to its target (the link stays a link) and keeps an existing file's mode
 * and owner. Missing parent folders are created; a directory is refused with a clear message.
 */
export function writeFileAtomic(file: string, content: string): void {
  try {
    if (fs.statSync(file).isDirectory()) throw new UsageError(ERROR_CODES.CLI_USAGE, `Cannot write output to ${file}: it is a directory.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  try {
    // No recursive mkdir where the parent exists (it loops under /proc on Node 20).
    makeDirs(parentOf(file));
    writeFileAtomicModule.sync(file, content, { encoding: 'utf8' });
  } catch (error) {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `Cannot write output to ${file}: ${describeWriteError(error)}.`);
  }
}

/** The folder the file goes in, through a symlink when the file is one (its target's folder). */
function parentOf(file: string): string {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    // not there yet (or a dangling link): its own folder
  }
  return path.dirname(target);
}

/** A sentence fragment for the usual write failures; the raw code for the rest. */
function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a parent path is a file, not a folder';
    case 'ENOENT':
      return 'cannot create a file there';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? (error as Error).message;
  }
}
