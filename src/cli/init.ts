import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../analyze.js';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import { EXIT, type CliIO } from './io.js';
import { writeFileAtomic } from './write-file.js';

/**
 * `job-owners init`: writes a starter `.jobownershiprc.json` whose `owners` contract records
 * today's single owners, so future drift fails CI; queues without a single owner are listed
 * on stderr for the team to decide.
 */
export function runInit(root: string, force: boolean, io: CliIO): number {
  const file = path.join(root, '.jobownershiprc.json');
  if (fs.existsSync(file) && !force) {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `${path.relative(io.cwd, file) || file} already exists; pass --force to overwrite it.`);
  }
  const result = analyze({ root });
  const owners: Record<string, string> = {};
  const undecided: string[] = [];
  for (const q of result.queues) {
    if (q.queue === '<unresolved>') continue;
    if (q.owner) owners[q.queue] = q.owner;
    else undecided.push(`${q.queue} (${q.consumers.length === 0 ? 'no consumer' : [...new Set(q.consumers.map((c) => c.service))].join(', ')})`);
  }
  const config = {
    $schema: './node_modules/job-owners/schema.json',
    owners,
    rules: {},
    ignore: [],
  };
  writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`);
  const services = result.services.filter((s) => s.kind === 'service').map((s) => s.name);
  io.stdout(
    [
      `Wrote ${path.relative(io.cwd, file) || file}`,
      `  services found: ${services.join(', ') || 'none'}`,
      `  owners recorded: ${Object.keys(owners).length}`,
      ...(undecided.length ? [`  queues without a single owner (decide and add them to "owners"): ${undecided.join('; ')}`] : []),
      '',
      'Next steps:',
      '  CI:          npx job-owners check',
      '  pre-commit:  add the job-owners hook from .pre-commit-hooks.yaml (pass_filenames: false)',
      '  report:      npx job-owners report -o OWNERSHIP.md && git add OWNERSHIP.md',
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
