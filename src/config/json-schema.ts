import { z } from 'zod';
import { configSchema } from './schema.js';

/**
 * schema.json, as shipped for `$schema`. draft-07 because that is what editors (VS Code's
 * JSON service, IntelliJ) support best; `io: 'input'` describes what users write, where
 * every key is optional.
 */
export function buildJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
}

/** The exact bytes of schema.json: two-space JSON and a trailing newline. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
