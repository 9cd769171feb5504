import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_PROP, SEARCH_PLACES } from '../config/search-places.js';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import { EXIT, type CliIO } from './io.js';
import { writeFileAtomic } from '../util/write-file.js';
import { EMPTY_CONFIG, type ServiceDeclaration } from '../config/types.js';
import type { Process } from '../discovery/processes/types.js';

export const INIT_FILE = '.jobownershiprc.json';

/**
 * `job-owners init`: writes a starter `.jobownershiprc.json` with the processes discovery found
 * (each `{ root, entry }`) and an `owners` contract recording today's single owners, so future drift fails CI. JSON has
 * no comments, so the explanation — and the queues without a single owner, for the team to
 * decide — goes into `$comment` (which the schema accepts and the tool ignores) and to stdout.
 */
export async function runInit(root: string, force: boolean, io: CliIO): Promise<number> {
  const file = path.join(root, INIT_FILE);
  const shown = (f: string) => `${path.relative(io.cwd, f) || f}${path.basename(f) === 'package.json' ? ` ("${PACKAGE_PROP}" key)` : ''}`;
  const existing = existingConfigs(root);
  if (existing.length > 0 && !force) {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `${existing.map(shown).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}; pass --force to overwrite ${shown(file)}.`);
  }

  // The processes that deploy the code, each with its entry (issue 13). The analysis that fills
  // `owners` runs with exactly these services, so every owner names a service written here.
  // Loaded here, not at start-up: discovery brings the TypeScript compiler with it.
  const { discoverRepoProcesses } = await import('../discovery/processes/repo.js');
  const discovered = discoverRepoProcesses(root);
  for (const w of discovered.warnings) io.stderr(`job-owners: warning: ${w.file}:${w.line}: ${w.message}\n`);
  const processes = [...discovered.processes].sort((a, b) => compare(a.name, b.name));
  const services: Record<string, ServiceDeclaration> = Object.fromEntries(processes.map((p) => [p.name, declaration(p)]));
  const { analyze } = await import('../analyze.js');
  const result = analyze({ root, config: { ...EMPTY_CONFIG, services } });
  const owners: Record<string, string> = {};
  const undecided: string[] = [];
  for (const q of [...result.queues].sort((a, b) => compare(a.queue, b.queue))) {
    if (q.queue === '<unresolved>' || q.queue in owners) continue;
    if (q.owner) owners[q.queue] = q.owner;
    else {
      const consumers = [...new Set(q.consumers.map((c) => c.service))].sort(compare);
      undecided.push(`${q.queue} (${consumers.length === 0 ? 'no consumer' : `consumed by ${consumers.join(', ')}`})`);
    }
  }

  const comment = [
    'Written by `job-owners init` from the code as it was then.',
    '"services": the deployed processes it found (name -> { root: package folder, entry: the source file the process runs, relative to root }). Discovery stays on: packages added later are still found from what deploys them (Dockerfile, Procfile, compose, pm2, supervisord, package scripts, Nx); a package listed here is analysed as listed.',
    '"owners": the ownership contract, queue (or "queue:job") -> the one service that must consume it. It records every queue that has a single consuming service today; `job-owners check` fails with owner-mismatch when the code drifts from it.',
    ...(undecided.length > 0 ? [`Queues without a single owner today (decide, then add them to "owners"): ${undecided.join('; ')}.`] : []),
    '"rules": severity per rule ("off" | "warn" | "error"). "ignore": findings to accept, each with a "reason".',
  ];
  const config = {
    $schema: './node_modules/job-owners/schema.json',
    $comment: comment,
    // `{ root, entry }` round-trips: the names are the ones discovery gives, so `owners` validates.
    ...(processes.length > 0 ? { services } : {}),
    owners,
    rules: {},
    ignore: [],
  };
  writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`);

  const shadowing = existing.filter((f) => f !== file && SEARCH_PLACES.indexOf(path.basename(f) as (typeof SEARCH_PLACES)[number]) < SEARCH_PLACES.indexOf(INIT_FILE));
  for (const other of shadowing) io.stderr(`job-owners: warning: ${shown(other)} is found before ${shown(file)}; remove it or the new file is not used.\n`);
  const others = existing.filter((f) => f !== file && !shadowing.includes(f));
  for (const other of others) io.stderr(`job-owners: warning: ${shown(other)} is now ignored (${shown(file)} is found first); remove it.\n`);

  io.stdout(
    [
      `Wrote ${shown(file)}`,
      `  services found: ${processes.map((p) => `${p.name} (${p.entry ?? p.package})`).join(', ') || 'none'}`,
      '  discovery stays on: packages added later are still found from what deploys them; the services written here are analysed as written',
      `  owners recorded: ${Object.keys(owners).length}${Object.keys(owners).length ? ` (${Object.entries(owners).map(([q, s]) => `${q} -> ${s}`).join(', ')})` : ''}`,
      ...(undecided.length ? [`  queues without a single owner (decide and add them to "owners"): ${undecided.join('; ')}`] : []),
      '',
      'Next steps:',
      '  1. Review the file and commit it.',
      '  2. CI:          npx job-owners check',
      '     (existing problems you accept for now: npx job-owners check --update-baseline, then commit job-owners-baseline.json)',
      '  3. pre-commit:  in .pre-commit-config.yaml add the job-owners hook (see .pre-commit-hooks.yaml in the job-owners package; it uses pass_filenames: false)',
      '                  or with husky: echo "npx job-owners check" >> .husky/pre-commit',
      '  4. report:      npx job-owners report -o OWNERSHIP.md && git add OWNERSHIP.md',
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}

/** `{ root, entry: [entry relative to root] }`; a process without entry (nothing maps it) is `{ root }`. */
function declaration(p: Process): ServiceDeclaration {
  if (!p.entry) return { root: p.package };
  const entries = p.entries ?? [p.entry];
  return { root: p.package, entry: entries.map((e) => (p.package === '.' ? e : e.slice(p.package.length + 1))) };
}

/** Config files cosmiconfig would find in `root` itself (package.json only with a "jobOwners" key). */
function existingConfigs(root: string): string[] {
  return SEARCH_PLACES.map((name) => path.join(root, name)).filter((file) => {
    if (!fs.existsSync(file)) return false;
    if (path.basename(file) !== 'package.json') return true;
    try {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      return manifest !== null && typeof manifest === 'object' && PACKAGE_PROP in manifest;
    } catch {
      return false;
    }
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
