import { ts } from '../util/typescript.js';
import type { Expander } from '../values/expand.js';
import { isInjectable } from '../values/instances.js';
import { nodeId, relativePath } from '../values/program.js';
import { argumentSlot, enclosingFunction, isFunctionNode, lookup } from '../values/scope.js';
import { functionName } from '../values/interpreter.js';
import type { ExecPoint } from './facts.js';

/** Callers followed for one site, level by level: beyond this the function's file decides. */
const MAX_LEVELS = 6;

/**
 * Where code runs, as finished data for the model (SPEC §3: library code counts for every
 * process that reaches it). Code in a function runs where the function is called — its callers
 * are found by the value engine, so a worker factory a seed script calls does not make the API
 * a consumer. A callback runs with the code that passes it. Members of a class Nest constructs
 * run where that provider is live. Module-level code runs where the file is imported.
 */
export class Execution {
  private readonly memo = new Map<ts.Node, ExecPoint>();

  constructor(
    private readonly root: string,
    private readonly expander: Expander,
    /** Whether anything but a call refers to a top-level function (an importer, a reference). */
    private readonly referenced: (fn: ts.Node) => boolean = () => true,
  ) {}

  of(node: ts.Node, level = 0): ExecPoint {
    const fn = owner(node);
    const file = relativePath(this.root, node.getSourceFile().fileName);
    if (guardedAsMain(node, fn)) return { kind: 'main', file };
    if (!fn) return { kind: 'module', file };
    const cached = this.memo.get(fn);
    if (cached) return cached;
    const cls = classOf(fn);
    // A class Nest constructs (decorated, or constructed by nobody's `new`): where it is provided.
    if (cls && (isInjectable(cls) || this.expander.callers(cls).length === 0)) {
      const point: ExecPoint = { kind: 'provider', cls: { file, name: cls.name?.text ?? '(anonymous)', id: nodeId(this.root, cls) }, file };
      this.memo.set(fn, point);
      return point;
    }
    const point: ExecPoint & { kind: 'function' } = { kind: 'function', id: nodeId(this.root, fn), file, label: functionName(fn) };
    // Placed before the callers are looked up: a recursive function sees itself, not a loop.
    this.memo.set(fn, point);
    if (level < MAX_LEVELS) {
      const target = ts.isConstructorDeclaration(fn) ? fn.parent : isFunctionNode(fn) ? fn : classOf(fn);
      const sites = target ? this.expander.callers(target).map((b) => b.site) : [];
      const unique = [...new Set(sites)];
      if (unique.length > 0) point.callers = unique.map((s) => this.of(s, level + 1));
      // A top-level function nothing calls, imports or refers to runs nowhere (dead code, a
      // call commented out): not wherever its file is loaded.
      else if (isTopLevelFunction(fn) && !this.referenced(fn)) point.callers = [];
    }
    return point;
  }
}

/**
 * The function whose execution runs `node`. A callback passed to a call runs when that code
 * runs (a route handler, a `forEach`, an event listener: their registration is what a process
 * does); class field initializers run with the constructor.
 */
function owner(node: ts.Node): ts.Node | undefined {
  let fn: ts.Node | undefined = enclosingFunction(node);
  while (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && isPassedAlong(fn)) fn = enclosingFunction(fn);
  if (!fn) {
    for (let n = node.parent; n; n = n.parent) {
      if (ts.isPropertyDeclaration(n) && n.parent && (ts.isClassDeclaration(n.parent) || ts.isClassExpression(n.parent))) {
        return n.parent.members.find((m) => ts.isConstructorDeclaration(m)) ?? n;
      }
    }
  }
  return fn;
}

/**
 * Inside `if (require.main === module)` (or `import.meta.main`, or `process.argv[1]` compared
 * with this module's path), between the node and the function that runs it: the branch runs only
 * when the file is the process's entry, not when another file imports it.
 */
function guardedAsMain(node: ts.Node, fn: ts.Node | undefined): boolean {
  for (let f = enclosingFunction(node); f; f = enclosingFunction(f)) if (isCliCommandHandler(f)) return true;
  for (let child: ts.Node = node, n = node.parent; n && n !== fn; child = n, n = n.parent) {
    if (!ts.isIfStatement(n)) continue;
    const test = mainTest(n.expression);
    if ((test === 'is-main' && child === n.thenStatement) || (test === 'not-main' && child === n.elseStatement)) return true;
  }
  return false;
}

const CLI_LIBRARIES = /^(yargs|yargs\/yargs|commander|cac|sade|@commander-js\/extra-typings)$/;

/**
 * `yargs.command('run', desc, handler)`, `program.command('x').action(handler)`: the handler runs
 * when the process was started with that command — by this file as its entry, not when another
 * process imports the file.
 */
function isCliCommandHandler(fn: ts.Node): boolean {
  let n: ts.Node = fn;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const call = n.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(n as ts.Expression)) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !['command', 'action', 'handler'].includes(callee.name.text)) return false;
  let root: ts.Expression = callee.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return false;
  const decl = lookup(root.text, root);
  if (decl?.kind === 'import') return CLI_LIBRARIES.test(decl.spec);
  // `const program = new Command()` from commander.
  if (decl?.kind === 'var' && decl.decl.initializer) {
    let init: ts.Expression = decl.decl.initializer;
    while (ts.isCallExpression(init) || ts.isNewExpression(init) || ts.isPropertyAccessExpression(init)) init = init.expression;
    if (ts.isIdentifier(init)) {
      const d = lookup(init.text, init);
      return d?.kind === 'import' && CLI_LIBRARIES.test(d.spec);
    }
  }
  return false;
}

function mainTest(expr: ts.Expression): 'is-main' | 'not-main' | undefined {
  let e = expr;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPropertyAccessExpression(e) && ts.isMetaProperty(e.expression) && e.name.text === 'main') return 'is-main';
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = mainTest(e.operand);
    return inner === 'is-main' ? 'not-main' : inner === 'not-main' ? 'is-main' : undefined;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && /^(esMain|isMain|isMainModule)$/.test(e.expression.text)) return 'is-main';
  if (!ts.isBinaryExpression(e)) return undefined;
  const op = e.operatorToken.kind;
  const positive = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const negative = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!positive && !negative) return undefined;
  const text = (x: ts.Node): string => x.getText().replace(/\s+/g, '');
  const l = text(e.left);
  const r = text(e.right);
  const requireMain = (l === 'require.main' && r === 'module') || (r === 'require.main' && l === 'module');
  const argvVsUrl = (/process\.argv\[1\]/.test(l) && /import\.meta\.(url|filename)|__filename/.test(r)) || (/process\.argv\[1\]/.test(r) && /import\.meta\.(url|filename)|__filename/.test(l));
  if (!requireMain && !argvVsUrl) return undefined;
  return positive ? 'is-main' : 'not-main';
}

/** `function f() {}` or `const f = () => {}` at the top of a module. */
function isTopLevelFunction(fn: ts.Node): boolean {
  if (ts.isFunctionDeclaration(fn)) return !!fn.name && ts.isSourceFile(fn.parent);
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
    const statement = fn.parent.parent?.parent;
    return !!statement && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
  }
  return false;
}

function isPassedAlong(fn: ts.Node): boolean {
  if (argumentSlot(fn)) return true;
  // An immediately invoked function expression.
  let n = fn;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return !!n.parent && ts.isCallExpression(n.parent) && n.parent.expression === n;
}

function classOf(fn: ts.Node): ts.ClassLikeDeclaration | undefined {
  const parent = fn.parent;
  if (parent && (ts.isClassDeclaration(parent) || ts.isClassExpression(parent))) return parent;
  return undefined;
}

export { isFunctionNode };
