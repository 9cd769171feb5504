import type { SkippedFile } from '../model/result.js';

/** Collects skipped files, one entry per file (the first reason wins), for the result and stderr. */
export function skipCollector(initial: SkippedFile[] = []): { skipped: SkippedFile[]; onSkip: (file: string, reason: string) => void } {
  const skipped = [...initial];
  const onSkip = (file: string, reason: string): void => {
    if (!skipped.some((s) => s.file === file)) skipped.push({ file, reason });
  };
  return { skipped, onSkip };
}
