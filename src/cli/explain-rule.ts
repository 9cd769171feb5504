import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { didYouMean } from '../config/did-you-mean.js';
import { ERROR_CODES, UsageError } from '../errors/job-owners-error.js';
import { DOCUMENTED_RULE_IDS, ruleDocPath } from '../reporters/rule-docs.js';
import { EXIT, type CliIO } from './io.js';

/** The package root: dist/cli/ (or src/cli/ under the tests) is two folders below it. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `job-owners explain-rule <rule>`: prints `docs/rules/<rule>.md` from the installed package,
 * so stylish can point at a rule's documentation without a URL (and it works offline).
 */
export function runExplainRule(rule: string, io: CliIO): number {
  if (!(DOCUMENTED_RULE_IDS as readonly string[]).includes(rule)) {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `Unknown rule "${rule}".${didYouMean(rule, DOCUMENTED_RULE_IDS) || ` Rules: ${DOCUMENTED_RULE_IDS.join(', ')}.`}`);
  }
  let text: string;
  try {
    text = fs.readFileSync(path.join(PACKAGE_ROOT, ruleDocPath(rule)), 'utf8');
  } catch {
    throw new UsageError(ERROR_CODES.CLI_USAGE, `The documentation of "${rule}" is missing from this installation (${ruleDocPath(rule)}); reinstall job-owners.`);
  }
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT.ok;
}
