import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SyntaxProblem, parseJson } from '../config/parse-text.js';
import { ERROR_CODES, UsageError, errorMessage } from '../errors/job-owners-error.js';
import { BASELINE_VERSION, type Baseline } from './baseline.js';

// Reading a baseline file, apart from baseline.ts: checking its shape takes zod, whose import
// costs ~90 ms, and a run without a baseline (most pre-commit runs) should not pay for it.

const entrySchema = z.strictObject({
  // Any string, not only today's rule ids: an entry for a renamed rule is just stale.
  rule: z.string().min(1),
  queue: z.string().nullable(),
  job: z.string().nullable(),
  services: z.array(z.string()),
});
const baselineSchema = z.strictObject({ version: z.literal(BASELINE_VERSION), findings: z.array(entrySchema) });

export async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist. Create it with --update-baseline' : errorMessage(error);
    throw new UsageError(ERROR_CODES.BASELINE_INVALID, `Cannot read baseline ${path}: ${why}.`, { cause: error });
  }
  return parseBaseline(text, path);
}

export function parseBaseline(text: string, path: string): Baseline {
  let data: unknown;
  try {
    data = parseJson(text);
  } catch (error) {
    const where = error instanceof SyntaxProblem ? `line ${error.line}, column ${error.column}: ${error.detail}` : errorMessage(error);
    throw new UsageError(ERROR_CODES.BASELINE_INVALID, `Baseline ${path} is not valid JSON (${where}). Regenerate it with --update-baseline.`, { cause: error });
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    throw new UsageError(
      ERROR_CODES.BASELINE_INVALID,
      `Baseline ${path} is not a job-owners baseline (expected { "version": 1, "findings": [{ rule, queue, job, services }] }). Regenerate it with --update-baseline.`,
    );
  }
  return parsed.data;
}
