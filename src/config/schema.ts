import { z } from 'zod';
import { RULE_IDS } from './rule-ids.js';

/**
 * The config file schema (SPEC §6). Objects are strict: an unknown key is an error, because
 * a misspelt key that is silently ignored is the worst kind of config bug. Descriptions end
 * up in schema.json, where editors show them as hover help.
 */

const nonEmpty = (what: string) => z.string().min(1, { error: `${what} must not be empty` });

const globList = z.array(nonEmpty('a glob')).describe('Globs relative to the repository root.');

export const severitySchema = z.enum(['off', 'warn', 'error']);

export const serviceDeclarationSchema = z.union(
  [
    z.array(nonEmpty('a glob')).min(1, { error: 'list at least one glob' }).describe('Globs of the files that belong to this service.'),
    z
      .strictObject({
        root: nonEmpty('root').describe('Folder of the service, relative to the repository root.'),
        entry: z.array(nonEmpty('an entry')).optional().describe('Entry files of the process, relative to root (e.g. src/main.ts).'),
      })
      .describe('A service rooted at a folder, optionally started from specific entry files.'),
  ],
  { error: 'expected an array of globs or an object { root, entry? }' },
);

/** One key per rule, all optional: a strict object gives "unknown key" errors for typos. */
export const rulesSchema = z
  .strictObject(Object.fromEntries(RULE_IDS.map((id) => [id, severitySchema.optional()])) as Record<
    (typeof RULE_IDS)[number],
    z.ZodOptional<typeof severitySchema>
  >)
  .describe('Severity per rule: "off", "warn" or "error".');

export const ignoreEntrySchema = z
  .strictObject({
    rule: z.enum(RULE_IDS).describe('Rule id of the findings to accept.'),
    queue: nonEmpty('queue').optional().describe('Only findings on this queue.'),
    job: nonEmpty('job').optional().describe('Only findings for this job name.'),
    reason: z.string().trim().min(1, { error: 'give a reason: why is this finding acceptable?' }).describe('Why this is acceptable. Required.'),
  })
  .describe('A finding to accept.');

const argIndex = z.int().min(0, { error: 'argument indexes are 0-based and cannot be negative' });

export const wrapperDeclarationSchema = z
  .strictObject({
    module: nonEmpty('module').describe('Module specifier or repo-relative file that exports the wrapper.'),
    export: nonEmpty('export').describe('Exported function or class name.'),
    role: z.enum(['consumer', 'producer']),
    queueArg: argIndex.describe('0-based index of the argument that carries the queue name.'),
    processorArg: argIndex.optional().describe('consumer: 0-based index of the processor argument.'),
    nameArg: argIndex.optional().describe('producer: 0-based index of the job name argument.'),
    library: z.enum(['bullmq', 'bull']).optional(),
  })
  .describe('An in-house wrapper that creates consumers or producers.');

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON schema, for editors.'),
    $comment: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('Notes for the people who read this file (JSON has no comments); ignored by job-owners.'),
    services: z
      .record(nonEmpty('a service name'), serviceDeclarationSchema)
      .optional()
      .describe('Services by name; overrides workspace discovery.'),
    include: globList.optional().describe('Only analyse files matching these globs.'),
    exclude: globList.optional().describe('Never analyse files matching these globs.'),
    owners: z
      .record(nonEmpty('a queue'), nonEmpty('a service name'))
      .optional()
      .describe('The ownership contract: queue or "queue:job" → the service that must consume it.'),
    rules: rulesSchema.optional(),
    ignore: z.array(ignoreEntrySchema).optional().describe('Findings to accept, each with a reason.'),
    workers: z.array(wrapperDeclarationSchema).optional().describe('In-house wrappers around Worker/Queue that the analysis cannot see through.'),
  })
  .meta({ title: 'job-owners configuration' });

/** What a config file contains (every key optional). */
export type JobOwnersConfig = z.input<typeof configSchema>;

/** Key lists for "did you mean", by the kind of object an unknown key was found in. */
export const KNOWN_KEYS = {
  root: Object.keys(configSchema.shape),
  rules: [...RULE_IDS] as string[],
  ignore: Object.keys(ignoreEntrySchema.shape),
  workers: Object.keys(wrapperDeclarationSchema.shape),
  service: ['root', 'entry'],
};
