import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { formatPath } from './format-path.js';
import { KNOWN_KEYS } from './schema.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/**
 * Turns zod issues into one line each: `<key.path>: <expected>, received <actual>`.
 * zod's own messages ("Invalid input") do not say where or what was received, and
 * union failures hide the useful inner error, so we rebuild the text from the raw issue
 * and the input value.
 */
export function formatIssues(issues: readonly Issue[], input: unknown): string[] {
  return issues.flatMap((issue) => formatIssue(issue, [], input));
}

function formatIssue(issue: Issue, prefix: Path, input: unknown): string[] {
  const path = [...prefix, ...issue.path];
  const value = valueAt(input, path);
  const at = formatPath(path);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? [`${at}: is required (expected ${article(issue.expected)})`]
        : [`${at}: expected ${article(issue.expected)}, received ${describe(value)}`];
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(path, key));
    case 'invalid_value': {
      const candidates = issue.values.map(String);
      if (path.at(-1) === 'rule' && typeof value === 'string') {
        return [`${at}: unknown rule id ${JSON.stringify(value)}.${didYouMean(value, candidates) || ` Known rules: ${candidates.join(', ')}.`}`];
      }
      const hint = typeof value === 'string' ? didYouMean(value, candidates) : '';
      return [`${at}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, received ${describe(value)}${hint ? `.${hint}` : ''}`];
    }
    case 'invalid_union':
      return formatUnion(issue, path, value, input);
    case 'invalid_key':
      return [`${at}: invalid key: ${issue.issues.map((inner) => inner.message).join('; ')}`];
    case 'too_small':
    case 'too_big':
    case 'custom':
      return [`${at}: ${issue.message}`];
    default:
      return [`${at}: ${issue.message}`];
  }
}

/**
 * When exactly one branch of a union got past the type check (the value is an object, so
 * the `{ root, entry }` branch applies), its inner issues are the real problem: show those.
 * Otherwise the value fits no branch: say what the union accepts.
 */
function formatUnion(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path, value: unknown, input: unknown): string[] {
  const relevant = issue.errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (relevant.length === 1) return relevant[0]!.flatMap((inner) => formatIssue(inner, path, input));
  const expected = issue.message.startsWith('Invalid input') ? 'a different value' : issue.message.replace(/^expected /, '');
  return [`${formatPath(path)}: expected ${expected}, received ${describe(value)}`];
}

function unknownKey(path: Path, key: string): string {
  const at = formatPath([...path, key]);
  const candidates = knownKeysFor(path);
  if (path.length === 1 && path[0] === 'rules') return `${at}: unknown rule id.${didYouMean(key, candidates) || ` Known rules: ${candidates.join(', ')}.`}`;
  const hint = didYouMean(key, candidates);
  return `${at}: unknown key.${hint || ` Allowed keys: ${candidates.join(', ')}.`}`;
}

/** Which object an unknown key sits in, from the shape of its path. */
function knownKeysFor(path: Path): string[] {
  if (path.length === 0) return KNOWN_KEYS.root;
  const [head] = path;
  if (head === 'rules') return KNOWN_KEYS.rules;
  if (head === 'ignore') return KNOWN_KEYS.ignore;
  if (head === 'workers') return KNOWN_KEYS.workers;
  if (head === 'services') return KNOWN_KEYS.service;
  return [];
}

function valueAt(input: unknown, path: Path): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function article(type: string): string {
  // zod's name for z.record(); users write objects.
  if (type === 'record') type = 'object';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A short, type-first description of what the user wrote: `a number (42)`, `an array`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  // Not its source text: a config that exports a function would print the whole function.
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return `a string (${JSON.stringify(truncate(value))})`;
  return `${article(typeof value)} (${String(value)})`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
