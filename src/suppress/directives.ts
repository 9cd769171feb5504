import { didYouMean } from '../config/did-you-mean.js';
import { META_RULE_IDS, SUPPRESSIBLE_RULE_IDS, isRuleId } from '../config/rule-ids.js';
import type { Finding, RuleId } from '../model/result.js';
import { scanComments, type Comment } from './comments.js';

export const DIRECTIVE = 'job-owners-ignore-next-line';

/** One `job-owners-ignore-next-line` comment. Invalid ones (`problem` set) suppress nothing. */
export interface Directive {
  /** Repo-relative path with `/`, as in finding locations. */
  file: string;
  /** 1-based position of the comment. */
  line: number;
  column: number;
  /** The line whose findings it suppresses: the one after the comment ends. */
  targetLine: number;
  rules: RuleId[];
  reason: string;
  /** Why the directive is invalid, or null. A directive without a reason is invalid: the reason is the point. */
  problem: string | null;
}

export interface DirectiveOutcome {
  kept: Finding[];
  suppressed: Finding[];
  /** `unused-directive` warnings: valid directives (or some of their rules) that matched nothing. */
  unused: Finding[];
  /** `invalid-directive` warnings, one per invalid directive. */
  invalid: Finding[];
}

/** Every directive in one file's text, valid or not. */
export function parseDirectives(text: string, file: string): Directive[] {
  if (!text.includes('job-owners-ignore')) return [];
  return scanComments(text).flatMap((comment) => {
    const directive = parseComment(comment, file);
    return directive ? [directive] : [];
  });
}

function parseComment(comment: Comment, file: string): Directive | undefined {
  const body = comment.text.replace(/^[\s*]+/, '');
  if (!body.startsWith('job-owners-ignore')) return undefined;
  const base = { file, line: comment.line, column: comment.column, targetLine: comment.endLine + 1 };
  const keyword = /^\S+/.exec(body)![0];
  if (keyword !== DIRECTIVE) {
    return { ...base, rules: [], reason: '', problem: `unknown directive "${keyword}". Did you mean "${DIRECTIVE}"?` };
  }
  const rest = body.slice(DIRECTIVE.length);
  const separator = /(?:^|\s)--(?:\s|$)/.exec(rest);
  const rulePart = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).replace(/\s+/g, ' ').trim() : '';
  const names = rulePart.split(/[\s,]+/).filter(Boolean);

  const problems: string[] = [];
  const rules: RuleId[] = [];
  if (names.length === 0) problems.push(`it names no rule. Write "${DIRECTIVE} <rule> -- <reason>"`);
  for (const name of names) {
    if (!isRuleId(name)) problems.push(`unknown rule "${name}".${didYouMean(name, SUPPRESSIBLE_RULE_IDS) || ` Rules: ${SUPPRESSIBLE_RULE_IDS.join(', ')}.`}`);
    else if (META_RULE_IDS.includes(name)) problems.push(`"${name}" cannot be suppressed inline; fix or remove the directive it reports`);
    else rules.push(name);
  }
  if (reason === '' && names.length > 0) problems.push(`a reason is required: "${DIRECTIVE} ${names.join(', ')} -- <why this is fine>"`);
  return { ...base, rules, reason, problem: problems.length > 0 ? problems.join('; ') : null };
}

/**
 * Suppresses each finding with a location on a directive's target line, in the same file,
 * when the directive names the finding's rule. One directive may suppress several findings.
 */
export function applyDirectives(findings: readonly Finding[], directives: readonly Directive[]): DirectiveOutcome {
  const valid = directives.filter((d) => d.problem === null);
  const used = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const matches = valid.filter(
      (d) => d.rules.includes(finding.rule) && finding.locations.some((l) => l.file === d.file && l.line === d.targetLine),
    );
    for (const d of matches) used.add(usageKey(d, finding.rule));
    (matches.length > 0 ? suppressed : kept).push(finding);
  }
  const unused = valid.flatMap((d) => {
    const idle = d.rules.filter((rule) => !used.has(usageKey(d, rule)));
    if (idle.length === 0) return [];
    const quoted = idle.map((rule) => `"${rule}"`);
    const fix = idle.length < d.rules.length ? `Remove ${quoted.join(', ')} from it.` : 'Remove it.';
    return [directiveFinding('unused-directive', d, `Unused ${DIRECTIVE} directive: no ${quoted.join(' or ')} finding on line ${d.targetLine}. ${fix}`)];
  });
  const invalid = directives
    .filter((d) => d.problem !== null)
    .map((d) => directiveFinding('invalid-directive', d, `Invalid ${DIRECTIVE} directive: ${sentence(d.problem!)} It suppresses nothing until fixed.`));
  return { kept, suppressed, unused, invalid };
}

function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function usageKey(d: Directive, rule: RuleId): string {
  return `${d.file}\0${d.line}\0${d.column}\0${rule}`;
}

function directiveFinding(rule: 'unused-directive' | 'invalid-directive', d: Directive, message: string): Finding {
  return { rule, severity: 'warn', queue: null, job: null, services: [], message, locations: [{ file: d.file, line: d.line, column: d.column }] };
}
