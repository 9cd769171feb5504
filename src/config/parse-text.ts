import type { Document } from 'yaml';
import { yaml } from '../util/yaml.js';

/**
 * JSON and YAML parsing that reports *where* a syntax error is. cosmiconfig's own loaders
 * use parse-json/js-yaml; ours give `line L, column C` in one consistent sentence and
 * reuse the `yaml` package we already depend on.
 */
export class SyntaxProblem extends Error {
  constructor(
    readonly format: 'JSON' | 'YAML',
    readonly detail: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(detail);
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = jsonErrorOffset(text, message);
    const { line, column } = lineColumn(text, offset);
    return fail('JSON', cleanJsonMessage(message), line, column);
  }
}

export function parseYamlText(text: string): unknown {
  // The parser's own duplicate-key check (`uniqueKeys`) compares each key with every earlier key
  // of its map: 26 s for a 20,000-entry `owners` map, and 200,000 entries never finish. It is
  // turned off and duplicates are found in one pass below (a duplicated key is an error: in
  // practice it is a typo or a merge accident that silently drops one entry).
  const { LineCounter, parseDocument, YAMLParseError } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter });
  const error = doc.errors[0];
  if (error) {
    if (error instanceof YAMLParseError) {
      const [start] = error.linePos ?? [];
      return fail('YAML', error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, ''), start?.line, start?.col);
    }
    throw error;
  }
  const duplicate = firstDuplicateKey(doc);
  if (duplicate) {
    const at = lineCounter.linePos(duplicate.offset);
    const first = lineCounter.linePos(duplicate.firstOffset);
    return fail('YAML', `Map keys must be unique: "${duplicate.key}" is also defined at line ${first.line}`, at.line, at.col);
  }
  // `null` or `~` written out is a value (not an object: rejected by the loader); an empty or
  // comments-only file has no contents and is an empty config.
  if (doc.contents === null) return undefined;
  const value: unknown = doc.toJS();
  return value === null ? EXPLICIT_NULL : value;
}

/**
 * What the config loaders return for a file that holds `null` (JSON `null`, YAML `null`/`~`):
 * cosmiconfig would take a null config for "nothing here" and the file would be silently
 * ignored, while `42` is rejected. The loader reports it (config/load.ts) as not an object.
 */
export const EXPLICIT_NULL: unique symbol = Symbol('explicit null');

/** JSON for a config: a `null` document becomes EXPLICIT_NULL. */
export function parseJsonConfig(text: string): unknown {
  const value = parseJson(text);
  return value === null ? EXPLICIT_NULL : value;
}

/** The first key defined twice in one map, in one pass over the document (a Set per map). */
function firstDuplicateKey(doc: Document.Parsed): { key: string; offset: number; firstOffset: number } | undefined {
  const { isMap, isScalar, visit } = yaml();
  let found: { key: string; offset: number; firstOffset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const key = pair.key;
        // The parser's default equality: the same node, or scalars with the same value (1 and '1' differ).
        if (!isScalar(key)) continue;
        const id = `${typeof key.value}\0${String(key.value)}`;
        const offset = key.range?.[0] ?? 0;
        const firstOffset = seen.get(id);
        if (firstOffset !== undefined) {
          found = { key: String(key.value), offset, firstOffset };
          return visit.BREAK;
        }
        seen.set(id, offset);
      }
      return undefined;
    },
  });
  return found;
}

/** `.jobownershiprc` may hold JSON or YAML: JSON when it starts with `{`, as ESLint's old rc did. */
export function parseJsonOrYaml(text: string): unknown {
  return text.trimStart().startsWith('{') ? parseJsonConfig(text) : parseYamlText(text);
}

function fail(format: 'JSON' | 'YAML', detail: string, line: number | undefined, column: number | undefined): never {
  throw new SyntaxProblem(format, detail, line, column);
}

/**
 * V8 says "at position N" for most JSON errors but not for a bad first character of a value
 * ("Unexpected token '/', ... is not valid JSON"). For those, find the shortest prefix that
 * already fails for a reason other than running out of input: its last character is the
 * culprit. Prefix failure is monotonic, so a binary search needs ~log2(n) parses.
 */
function jsonErrorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (message.includes('Unexpected end of JSON input')) return text.trimEnd().length;
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (prefixFailsEarly(text.slice(0, mid))) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

function prefixFailsEarly(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes('Unexpected end of JSON input')) return false;
    const position = /at position (\d+)/.exec(message);
    return position ? Number(position[1]) < prefix.length : true;
  }
}

/** Drop V8's position and its echo of the whole input; we print line and column instead. */
function cleanJsonMessage(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    // V8 echoes (a truncated copy of) the input after the token: `Unexpected token '/', "…"... is not valid JSON`.
    .replace(/^(Unexpected token '[^']*'), [\s\S]*$/, '$1')
    .replace(/^Unexpected end of JSON input$/, 'Unexpected end of input');
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}
