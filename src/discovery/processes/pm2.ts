import path from 'node:path';
import YAML, { isMap, isSeq, LineCounter, type Node } from 'yaml';
import { ts } from '../../util/typescript.js';
import { jsonLines } from './json-lines.js';

/**
 * A pm2 ecosystem file — JSON, YAML, or JavaScript read statically (never executed): the
 * `apps` array with each app's `name`, `script`, `args`, `cwd`, `interpreter` and
 * `interpreter_args`/`node_args`. In JavaScript, object and array literals, strings and
 * templates, top-level `const`s, spreads, `path.join/resolve(__dirname, …)` and
 * `process.env.X || 'default'` are understood; paths are relative to the file's folder.
 */
export interface Pm2App {
  name?: string;
  script?: string;
  args?: string;
  cwd?: string;
  interpreter?: string;
  interpreterArgs?: string;
  /** The line of the app's `script` (else of the app itself). */
  line: number;
}

export interface ParsedPm2 {
  apps: Pm2App[];
  warnings: { line: number; message: string }[];
}

export function parsePm2(rel: string, text: string): ParsedPm2 {
  const ext = path.posix.extname(rel).toLowerCase();
  if (ext === '.json') return fromJson(text);
  if (ext === '.yml' || ext === '.yaml') return fromYaml(text);
  return fromJs(rel, text);
}

function fromJson(text: string): ParsedPm2 {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { apps: [], warnings: [{ line: jsonErrorLine(text, error), message: `invalid JSON (${(error as Error).message.split('\n')[0]})` }] };
  }
  const lines = jsonLines(text);
  const isBare = Array.isArray(value);
  return toApps(value, (i, key) => (isBare ? lines([i, key]) ?? lines([i]) : lines(['apps', i, key]) ?? lines(['apps', i])) ?? 1);
}

function fromYaml(text: string): ParsedPm2 {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { apps: [], warnings: [{ line: e.linePos?.[0]?.line ?? 1, message: `invalid YAML (${e.message.split('\n')[0]})` }] };
  }
  const contents = doc.contents;
  const appsNode = isMap(contents) ? (contents.get('apps', true) as Node | undefined) : isSeq(contents) ? contents : undefined;
  const lineAt = (i: number, key: string): number => {
    if (!isSeq(appsNode)) return 1;
    const item = appsNode.items[i] as Node | undefined;
    const node = isMap(item) ? ((item.items.find((p) => (p.key as { value?: unknown } | null)?.value === key)?.key as Node | undefined) ?? item) : item;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  return toApps(doc.toJSON(), lineAt);
}

const UNKNOWN = Symbol('unknown');
type Value = unknown;

function fromJs(rel: string, text: string): ParsedPm2 {
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) {
    const d = diagnostics[0]!;
    const line = d.start === undefined ? 1 : sf.getLineAndCharacterOfPosition(d.start).line + 1;
    return { apps: [], warnings: [{ line, message: `not valid JavaScript (${ts.flattenDiagnosticMessageText(d.messageText, ' ')})` }] };
  }
  const scope = new Map<string, ts.Expression>();
  let exported: ts.Expression | undefined;
  for (const statement of sf.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) scope.set(d.name.text, d.initializer);
    } else if (ts.isExportAssignment(statement)) exported = statement.expression;
    else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = statement.expression.left.getText(sf);
      if (target === 'module.exports') exported = statement.expression.right;
      else if (target === 'module.exports.apps' || target === 'exports.apps') exported = ts.factory.createObjectLiteralExpression([ts.factory.createPropertyAssignment('apps', statement.expression.right)]);
    }
  }
  if (!exported) return { apps: [], warnings: [{ line: 1, message: 'exports no configuration (no module.exports or export default)' }] };
  const evaluate = (node: ts.Expression, depth = 0): Value => {
    if (depth > 20) return UNKNOWN;
    const e = skipOuter(node);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isNumericLiteral(e)) return Number(e.text);
    if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (e.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isTemplateExpression(e)) {
      let out = e.head.text;
      for (const span of e.templateSpans) {
        const v = evaluate(span.expression, depth + 1);
        if (typeof v !== 'string' && typeof v !== 'number') return UNKNOWN;
        out += String(v) + span.literal.text;
      }
      return out;
    }
    if (ts.isIdentifier(e)) {
      if (e.text === '__dirname') return '.';
      if (e.text === 'undefined') return undefined;
      const init = scope.get(e.text);
      return init ? evaluate(init, depth + 1) : UNKNOWN;
    }
    if (ts.isArrayLiteralExpression(e)) {
      const out: Value[] = [];
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) {
          const v = evaluate(el.expression, depth + 1);
          if (!Array.isArray(v)) return UNKNOWN;
          out.push(...v);
        } else {
          const v = evaluate(el, depth + 1);
          if (v && typeof v === 'object' && !Array.isArray(v)) nodeOf.set(v as object, el);
          out.push(v);
        }
      }
      return out;
    }
    if (ts.isObjectLiteralExpression(e)) {
      const out: Record<string, Value> = {};
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) {
          const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
          if (key !== undefined) out[key] = evaluate(p.initializer, depth + 1);
          if (key === 'script') scriptNodes.set(out, p);
        } else if (ts.isShorthandPropertyAssignment(p)) {
          const init = scope.get(p.name.text);
          out[p.name.text] = init ? evaluate(init, depth + 1) : UNKNOWN;
        } else if (ts.isSpreadAssignment(p)) {
          const v = evaluate(p.expression, depth + 1);
          if (v && typeof v === 'object') Object.assign(out, v);
        }
      }
      return out;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        const left = evaluate(e.left, depth + 1);
        return left === UNKNOWN || left === undefined || left === '' ? evaluate(e.right, depth + 1) : left;
      }
      if (op === ts.SyntaxKind.PlusToken) {
        const l = evaluate(e.left, depth + 1);
        const r = evaluate(e.right, depth + 1);
        return (typeof l === 'string' || typeof l === 'number') && (typeof r === 'string' || typeof r === 'number') ? String(l) + String(r) : UNKNOWN;
      }
      return UNKNOWN;
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression.getText(sf);
      if (/^(?:path\.(?:posix\.)?)?(?:join|resolve)$/.test(callee) || /^require\(['"](?:node:)?path['"]\)\.(?:join|resolve)$/.test(callee)) {
        const parts = e.arguments.map((a) => evaluate(a, depth + 1));
        if (!parts.every((p): p is string => typeof p === 'string')) return UNKNOWN;
        // Relative to the file's folder, which `__dirname` stands for ('.').
        if (callee.endsWith('resolve')) {
          const lastAbsolute = parts.map((p) => path.posix.isAbsolute(p)).lastIndexOf(true);
          if (lastAbsolute >= 0) return path.posix.resolve(...parts.slice(lastAbsolute));
        }
        return path.posix.join(...parts);
      }
      if (callee === 'process.cwd') return '.';
      return UNKNOWN;
    }
    if (ts.isPropertyAccessExpression(e)) {
      const object = evaluate(e.expression, depth + 1);
      if (object && typeof object === 'object' && !Array.isArray(object)) return (object as Record<string, Value>)[e.name.text] ?? UNKNOWN;
      return UNKNOWN;
    }
    return UNKNOWN;
  };
  const nodeOf = new WeakMap<object, ts.Node>();
  const scriptNodes = new WeakMap<object, ts.Node>();
  const value = evaluate(exported);
  const config = value as { apps?: unknown };
  const apps = Array.isArray(value) ? value : config && typeof config === 'object' ? config.apps : undefined;
  if (!Array.isArray(apps)) return { apps: [], warnings: [{ line: lineOf(sf, exported), message: 'no "apps" array that can be read without running the file' }] };
  // An app's line: its `script` property, else the object itself.
  return toApps(
    { apps },
    (i) => {
      const app = apps[i] as object | undefined;
      const node = app && typeof app === 'object' ? (scriptNodes.get(app) ?? nodeOf.get(app)) : undefined;
      return lineOf(sf, node ?? exported);
    },
  );
}

function skipOuter(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** `{ apps: [...] }` or a bare array into apps; fields that are not plain strings are left out. */
function toApps(value: unknown, lineAt: (index: number, key: string) => number): ParsedPm2 {
  const warnings: ParsedPm2['warnings'] = [];
  const apps = Array.isArray(value) ? value : value && typeof value === 'object' ? (value as { apps?: unknown }).apps : undefined;
  if (!Array.isArray(apps)) return { apps: [], warnings: [{ line: 1, message: 'no "apps" array' }] };
  const out: Pm2App[] = [];
  apps.forEach((raw, i) => {
    const line = lineAt(i, 'script');
    if (!raw || typeof raw !== 'object') {
      warnings.push({ line, message: `apps[${i}] is not an object` });
      return;
    }
    const a = raw as Record<string, unknown>;
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && v.every((w) => typeof w === 'string') ? (v as string[]).join(' ') : undefined);
    if (a.script === UNKNOWN) {
      warnings.push({ line, message: `apps[${i}]${typeof a.name === 'string' ? ` ("${a.name}")` : ''}: the script is computed at run time and cannot be read` });
      return;
    }
    const app: Pm2App = { line };
    const name = str(a.name);
    const script = str(a.script);
    const args = str(a.args);
    const cwd = str(a.cwd);
    const interpreter = str(a.interpreter) ?? str(a.exec_interpreter);
    const interpreterArgs = str(a.interpreter_args) ?? str(a.node_args) ?? str(a.interpreterArgs);
    if (name) app.name = name;
    if (script) app.script = script;
    if (args) app.args = args;
    if (cwd) app.cwd = cwd;
    if (interpreter) app.interpreter = interpreter;
    if (interpreterArgs) app.interpreterArgs = interpreterArgs;
    if (!script) warnings.push({ line, message: `apps[${i}]${name ? ` ("${name}")` : ''} has no script` });
    else out.push(app);
  });
  return { apps: out, warnings };
}

function jsonErrorLine(text: string, error: unknown): number {
  const m = /position (\d+)/.exec((error as Error).message);
  if (!m) return 1;
  return text.slice(0, Number(m[1])).split('\n').length;
}
