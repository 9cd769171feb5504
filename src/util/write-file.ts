import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import { makeDirs } from './make-dirs.js';

/**
 * Writes a file atomically (temp file + rename in the same folder), so an interrupted run or a
 * full disk never leaves a half-written report; refuses directories with a clear message.
 */
export function writeFileAtomic(file: string, content: string): void {
  try {
    if (fs.statSync(file).isDirectory()) throw new UsageError(ERROR_CODES.CLI_USAGE, `Cannot write output to ${file}: it is a directory.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    makeDirs(dir);
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more we can do; the original error is what matters
    }
    throw new UsageError(ERROR_CODES.CLI_USAGE, `Cannot write output to ${file}: ${describeWriteError(error)}.`);
  }
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
