import type { HandledNameEvidence, UnhandledBehaviour } from '../model/result.js';
import { ts } from '../util/typescript.js';
import { bind, type Ctx } from '../values/context.js';
import type { FunctionNode, Value } from '../values/domain.js';
import type { Interpreter } from '../values/interpreter.js';
import { keysOf } from '../values/library.js';
import { locationOf } from '../values/program.js';
import { skipOuter } from '../values/scope.js';
import type { Name } from './facts.js';
import { toName } from './names.js';

/** What dispatch analysis reads values through: the interpreter, in the processor's context. */
interface AnalysisContext {
  interp: Interpreter;
  ctx: Ctx;
  root: string;
}

/** What a processor does with job names. */
export interface Dispatch {
  handles: string[] | '*';
  unhandled: UnhandledBehaviour;
  evidence: HandledNameEvidence[];
  unresolvedHandled: Name[];
}

type FunctionLike = FunctionNode;

/** Fall-through outcome of the code that runs for a name nobody matched. */
type Outcome = UnhandledBehaviour | 'catch-all';

const ALL: Dispatch = { handles: '*', unhandled: 'unknown', evidence: [], unresolvedHandled: [] };
const MAX_DELEGATION_DEPTH = 3;

/**
 * Reads how a processor function dispatches on `job.name`: `switch`, `if`/`else if` chains,
 * early-return guards, and handler maps. BullMQ gives every job of the queue to every processor
 * (SPEC §2.1), so what matters is which names are handled and what happens to the rest —
 * an early `return` or a `switch` without a throwing `default` silently *completes* them.
 * Dispatch on anything else (`job.data.type`) is not name dispatch: the processor takes all names.
 */
export function analyzeProcessor(processor: Value, interp: Interpreter, root: string, depth = 0, trail?: ts.Node[]): Dispatch {
  // A processor we cannot read (a value from elsewhere) takes every job name as far as the
  // queue is concerned.
  if (processor.k !== 'fn') return { ...ALL, evidence: [], unresolvedHandled: [] };
  const fn = processor.decl;
  trail?.push(fn);
  const param = fn.parameters[0];
  if (!param || !fn.body) return { ...ALL, evidence: [], unresolvedHandled: [] };
  const ctx = bind(processor.ctx, { scope: fn, thisValue: processor.thisValue, site: fn, openAs: fn, ...(processor.bound ? { args: processor.bound } : {}) });
  const actx: AnalysisContext = { interp, ctx, root };
  const scope = new NameScope(param);
  const found = ts.isBlock(fn.body) ? analyzeStatements([...fn.body.statements], scope, actx) : analyzeExpressionBody(fn.body, scope, actx);
  if (found) return found;
  if (depth < MAX_DELEGATION_DEPTH) {
    const delegate = findDelegate(fn, scope, actx);
    if (delegate) return analyzeProcessor(delegate, interp, root, depth + 1, trail);
  }
  return { ...ALL, evidence: [], unresolvedHandled: [] };
}

/** Tracks which expressions denote the job name: `job.name`, `const { name } = job`, `({ name }) =>`. */
class NameScope {
  readonly jobNames = new Set<string>();
  readonly nameAliases = new Set<string>();
  /** `const handler = handlers[job.name]` → handler variable → the map expression. */
  readonly handlerVars = new Map<string, ts.Expression>();

  constructor(param: ts.ParameterDeclaration) {
    if (ts.isIdentifier(param.name)) this.jobNames.add(param.name.text);
    else if (ts.isObjectBindingPattern(param.name)) this.addDestructured(param.name);
  }

  addDestructured(pattern: ts.ObjectBindingPattern): void {
    for (const element of pattern.elements) {
      const key = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : ts.isIdentifier(element.name) ? element.name.text : undefined;
      if (key === 'name' && ts.isIdentifier(element.name)) this.nameAliases.add(element.name.text);
    }
  }

  isJob(expr: ts.Expression): boolean {
    const e = skipOuter(expr);
    return ts.isIdentifier(e) && this.jobNames.has(e.text);
  }

  isName(expr: ts.Expression): boolean {
    const e = skipOuter(expr);
    if (ts.isIdentifier(e)) return this.nameAliases.has(e.text);
    return ts.isPropertyAccessExpression(e) && e.name.text === 'name' && this.isJob(e.expression);
  }

  /** Learns aliases from `const name = job.name`, `const { name } = job`, `const h = map[job.name]`. */
  learn(statement: ts.VariableStatement): void {
    for (const decl of statement.declarationList.declarations) {
      if (!decl.initializer) continue;
      if (ts.isIdentifier(decl.name) && this.isName(decl.initializer)) this.nameAliases.add(decl.name.text);
      else if (ts.isObjectBindingPattern(decl.name) && this.isJob(decl.initializer)) this.addDestructured(decl.name);
      else if (ts.isIdentifier(decl.name) && this.isJob(decl.initializer)) this.jobNames.add(decl.name.text);
      else if (ts.isIdentifier(decl.name)) {
        const map = this.mapLookup(decl.initializer);
        if (map) this.handlerVars.set(decl.name.text, map);
      }
    }
  }

  /** `handlers[job.name]` or `handlers.get(job.name)` → `handlers`. */
  mapLookup(expr: ts.Expression): ts.Expression | undefined {
    const e = skipOuter(expr);
    if (ts.isElementAccessExpression(e) && this.isName(e.argumentExpression)) return e.expression;
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get' && e.arguments[0] && this.isName(e.arguments[0])) return e.expression.expression;
    return undefined;
  }
}

function analyzeStatements(statements: readonly ts.Statement[], scope: NameScope, ctx: AnalysisContext): Dispatch | undefined {
  // `if (!handler) return;` before `handler(job)`: what a missing handler leads to.
  let missingHandler: Outcome | undefined;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    const rest = statements.slice(i + 1);
    if (ts.isVariableStatement(s)) {
      scope.learn(s);
      continue;
    }
    if (ts.isSwitchStatement(s) && scope.isName(s.expression)) return fromSwitch(s, rest, scope, ctx);
    if (ts.isIfStatement(s) && testsMissingHandler(s.expression, scope)) {
      missingHandler = classify(blockStatements(s.thenStatement), scope);
      continue;
    }
    if (ts.isIfStatement(s)) {
      const fromIf = fromIfChain(statements, i, scope, ctx);
      if (fromIf) return fromIf;
      continue;
    }
    if (ts.isTryStatement(s)) {
      const inner = analyzeStatements(s.tryBlock.statements, scope, ctx);
      if (inner) return inner;
      continue;
    }
    if (ts.isBlock(s)) {
      const inner = analyzeStatements(s.statements, scope, ctx);
      if (inner) return inner;
      continue;
    }
    const map = findMapDispatch(s, scope);
    if (map) return fromMap(map.map, outcomeOf(missingHandler) ?? (map.optional ? 'completes' : 'throws'), ctx);
  }
  return undefined;
}

function outcomeOf(outcome: Outcome | undefined): UnhandledBehaviour | undefined {
  return outcome === 'catch-all' ? 'unknown' : outcome;
}

/** `!handler`, `handler == null`, `typeof handler !== 'function'`, `!map[job.name]`, `!(job.name in map)`, `!map.has(job.name)`. */
function testsMissingHandler(expr: ts.Expression, scope: NameScope): boolean {
  const e = skipOuter(expr);
  const isHandler = (x: ts.Expression): boolean => {
    const y = skipOuter(x);
    return (ts.isIdentifier(y) && scope.handlerVars.has(y.text)) || !!scope.mapLookup(y);
  };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const operand = skipOuter(e.operand);
    if (isHandler(operand)) return true;
    if (ts.isBinaryExpression(operand) && operand.operatorToken.kind === ts.SyntaxKind.InKeyword && scope.isName(operand.left)) return true;
    if (ts.isCallExpression(operand) && ts.isPropertyAccessExpression(operand.expression) && operand.expression.name.text === 'has' && operand.arguments[0] && scope.isName(operand.arguments[0])) return true;
    return false;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const left = skipOuter(e.left);
    const right = skipOuter(e.right);
    const equality = op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsEqualsToken;
    const inequality = op === ts.SyntaxKind.ExclamationEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken;
    // handler == null / === undefined
    if (equality && isHandler(left) && (right.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(right) && right.text === 'undefined'))) return true;
    // typeof handler !== 'function' / typeof handler === 'undefined'
    if (ts.isTypeOfExpression(left) && isHandler(left.expression) && ts.isStringLiteral(right)) {
      return (inequality && right.text === 'function') || (equality && right.text === 'undefined');
    }
  }
  return false;
}

function analyzeExpressionBody(body: ts.Expression, scope: NameScope, ctx: AnalysisContext): Dispatch | undefined {
  const map = findMapInExpression(body, scope);
  return map ? fromMap(map.map, map.optional ? 'completes' : 'throws', ctx) : undefined;
}

function fromSwitch(s: ts.SwitchStatement, rest: ts.Statement[], scope: NameScope, ctx: AnalysisContext): Dispatch {
  const handled = new Collector(ctx);
  let outcome: Outcome = classify(rest, scope);
  for (const clause of s.caseBlock.clauses) {
    if (ts.isCaseClause(clause)) handled.add(clause.expression);
    else {
      const ownStatements = [...clause.statements];
      const endsWithBreak = ownStatements.length > 0 && ts.isBreakStatement(ownStatements[ownStatements.length - 1]!);
      outcome = classify(endsWithBreak || ownStatements.length === 0 ? [...ownStatements.filter((x) => !ts.isBreakStatement(x)), ...rest] : ownStatements, scope);
    }
  }
  return handled.result(outcome);
}

/** `if (name === A) … else if (name === B) … else …`, consecutive `if`s, and `if (name !== A) return;` guards. */
function fromIfChain(statements: readonly ts.Statement[], start: number, scope: NameScope, ctx: AnalysisContext): Dispatch | undefined {
  const first = statements[start] as ts.IfStatement;
  const guard = negativeGuard(first.expression, scope);
  if (guard && exits(first.thenStatement)) {
    const handled = new Collector(ctx);
    guard.forEach((g) => handled.add(g));
    return handled.result(classify(blockStatements(first.thenStatement), scope));
  }
  const handled = new Collector(ctx);
  let index = start;
  let current: ts.IfStatement | undefined = first;
  let sawAny = false;
  while (current) {
    const positives = positiveTest(current.expression, scope);
    if (!positives) break;
    sawAny = true;
    positives.forEach((p) => handled.add(p));
    const elseBranch: ts.Statement | undefined = current.elseStatement;
    if (!elseBranch) {
      // Consecutive `if (name === X) {…}` statements extend the chain.
      const next = statements[index + 1];
      if (next && ts.isIfStatement(next) && positiveTest(next.expression, scope)) {
        index += 1;
        current = next;
        continue;
      }
      // `if (name === A) { …; return; }` then a `switch (name)` for the rest: one dispatch.
      const rest = statements.slice(index + 1);
      const later = analyzeStatements(rest, scope, ctx);
      if (later) return merged(handled.result('unknown'), later);
      return handled.result(classify(rest, scope));
    }
    if (ts.isIfStatement(elseBranch)) {
      current = elseBranch;
      continue;
    }
    return handled.result(classify(blockStatements(elseBranch), scope));
  }
  if (!sawAny) return undefined;
  // The chain ended in an `else if` that is not a name test: unknown territory.
  return handled.result('unknown');
}

/** Names an early test handles, then what a later dispatch does with the others. */
function merged(first: Dispatch, later: Dispatch): Dispatch {
  if (later.handles === '*') return { ...later, evidence: [...first.evidence, ...later.evidence], unresolvedHandled: [...first.unresolvedHandled, ...later.unresolvedHandled] };
  const handles = [...new Set([...(first.handles === '*' ? [] : first.handles), ...later.handles])].sort();
  return { handles, unhandled: later.unhandled, evidence: [...first.evidence, ...later.evidence], unresolvedHandled: [...first.unresolvedHandled, ...later.unresolvedHandled] };
}

/** `name === A`, `A === name`, `name === A || name === B`, `[A, B].includes(name)`. */
function positiveTest(expr: ts.Expression, scope: NameScope): ts.Expression[] | undefined {
  const e = skipOuter(expr);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
      if (scope.isName(e.left)) return [e.right];
      if (scope.isName(e.right)) return [e.left];
      return undefined;
    }
    if (op === ts.SyntaxKind.BarBarToken) {
      const left = positiveTest(e.left, scope);
      const right = left && positiveTest(e.right, scope);
      return left && right ? [...left, ...right] : undefined;
    }
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'includes' && e.arguments[0] && scope.isName(e.arguments[0])) {
    const list = skipOuter(e.expression.expression);
    if (ts.isArrayLiteralExpression(list)) return [...list.elements];
  }
  return undefined;
}

/** `name !== A`, `name !== A && name !== B`, `![A, B].includes(name)`. */
function negativeGuard(expr: ts.Expression, scope: NameScope): ts.Expression[] | undefined {
  const e = skipOuter(expr);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
      if (scope.isName(e.left)) return [e.right];
      if (scope.isName(e.right)) return [e.left];
      return undefined;
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      const left = negativeGuard(e.left, scope);
      const right = left && negativeGuard(e.right, scope);
      return left && right ? [...left, ...right] : undefined;
    }
  }
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return positiveTest(e.operand, scope);
  return undefined;
}

interface MapDispatch {
  map: ts.Expression;
  optional: boolean;
}

function findMapDispatch(statement: ts.Statement, scope: NameScope): MapDispatch | undefined {
  if (ts.isExpressionStatement(statement)) return findMapInExpression(statement.expression, scope);
  if (ts.isReturnStatement(statement) && statement.expression) return findMapInExpression(statement.expression, scope);
  return undefined;
}

/** `await handlers[job.name](job)`, `handlers[job.name]?.(job)`, `handler(job)` after `const handler = handlers[job.name]`. */
function findMapInExpression(expr: ts.Expression, scope: NameScope): MapDispatch | undefined {
  const e = skipOuter(ts.isAwaitExpression(skipOuter(expr)) ? (skipOuter(expr) as ts.AwaitExpression).expression : expr);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = skipOuter(e.expression);
  const optional = !!e.questionDotToken;
  const direct = scope.mapLookup(callee);
  if (direct) return { map: direct, optional };
  if (ts.isIdentifier(callee) && scope.handlerVars.has(callee.text)) return { map: scope.handlerVars.get(callee.text)!, optional };
  // `handlers[job.name].call(this, job)` / `.apply(...)`
  if (ts.isPropertyAccessExpression(callee) && ['call', 'apply'].includes(callee.name.text)) {
    const inner = scope.mapLookup(callee.expression);
    if (inner) return { map: inner, optional };
  }
  return undefined;
}

function fromMap(map: ts.Expression, unhandled: UnhandledBehaviour, ctx: AnalysisContext): Dispatch {
  const target = ctx.interp.eval(map, ctx.ctx);
  if (target.k !== 'obj') return { ...ALL, unhandled: 'unknown' };
  const keys = keysOf(ctx.interp, target, map, ctx.ctx);
  if (!Array.isArray(keys)) return { ...ALL, unhandled: 'unknown' };
  const handled = new Collector(ctx);
  for (const key of keys) handled.addValue({ k: 'str', v: key }, keyNode(target, key) ?? map);
  return handled.result(unhandled);
}

/** The property node of a key in an object literal, for the evidence's location. */
function keyNode(target: Extract<Value, { k: 'obj' }>, key: string): ts.Node | undefined {
  const lit = target.node;
  if (!lit || !ts.isObjectLiteralExpression(lit)) return lit;
  return lit.properties.find((p) => p.name && (p.name.getText() === key || p.name.getText() === JSON.stringify(key) || p.name.getText() === `'${key}'`)) ?? lit;
}

/** What happens to a job that reached these statements without a matching name. */
function classify(statements: readonly ts.Statement[], scope: NameScope): Outcome {
  for (const s of statements) {
    if (ts.isThrowStatement(s)) return 'throws';
    if (ts.isReturnStatement(s)) {
      if (s.expression && mentionsJob(s.expression, scope)) return 'catch-all';
      return 'completes';
    }
    if (ts.isBreakStatement(s) || ts.isEmptyStatement(s)) continue;
    if (ts.isExpressionStatement(s)) {
      if (isLogging(s.expression)) continue;
      if (isBounce(s.expression)) return 'throws';
      return mentionsJob(s.expression, scope) ? 'catch-all' : 'unknown';
    }
    if (ts.isBlock(s)) {
      const inner = classify(s.statements, scope);
      if (inner !== 'completes') return inner;
      continue;
    }
    return 'unknown';
  }
  return 'completes';
}

function isLogging(expr: ts.Expression): boolean {
  const e = skipOuter(ts.isAwaitExpression(expr) ? expr.expression : expr);
  if (!ts.isCallExpression(e)) return false;
  return /(^|\.)(console|logger|log|_logger|Logger|this\.logger)\.(log|warn|warning|error|info|debug|verbose|trace|fatal|notice|critical|silly|http)$/.test(e.expression.getText());
}

/** `job.moveToWait(token)` / `moveToDelayed`: the job goes back to the queue (not silently completed). */
function isBounce(expr: ts.Expression): boolean {
  return /\.moveTo(Wait|Delayed|Failed)\(/.test(expr.getText());
}

/**
 * Whether the code hands the job itself (or its data) to something that does the work — a
 * catch-all. Mentioning `job.name` in a message does not process the job.
 */
function mentionsJob(expr: ts.Node, scope: NameScope): boolean {
  let found = false;
  const isJobOrData = (a: ts.Expression): boolean => {
    const e = skipOuter(a);
    if (ts.isIdentifier(e)) return scope.jobNames.has(e.text);
    return ts.isPropertyAccessExpression(e) && e.name.text === 'data' && ts.isIdentifier(e.expression) && scope.jobNames.has(e.expression.text);
  };
  const visit = (n: ts.Node): void => {
    if (found) return;
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some(isJobOrData)) found = true;
    else if (ts.isExpression(n) && n === expr && isJobOrData(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

function exits(statement: ts.Statement): boolean {
  const list = blockStatements(statement);
  const last = list[list.length - 1];
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

function blockStatements(statement: ts.Statement): ts.Statement[] {
  return ts.isBlock(statement) ? [...statement.statements] : [statement];
}

/**
 * A processor that only forwards the job (`return this.service.handle(job)`, `await handleJob(job)`,
 * `processor(job)` in a wrapper's closure) is analysed through the function it calls.
 */
function findDelegate(fn: FunctionLike, scope: NameScope, ctx: AnalysisContext): Value | undefined {
  let delegate: Value | undefined;
  const visit = (n: ts.Node): void => {
    if (delegate || (n !== fn && isFunctionLike(n))) return;
    if (ts.isCallExpression(n) && n.arguments.some((a) => scope.isJob(a))) {
      const callee = ctx.interp.eval(n.expression, ctx.ctx);
      if (callee.k === 'fn') {
        delegate = callee;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return delegate;
}

function isFunctionLike(n: ts.Node): boolean {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

/** Accumulates handled names with evidence; unresolvable labels are kept for `unresolved-name`. */
class Collector {
  private readonly names = new Set<string>();
  private readonly evidence: HandledNameEvidence[] = [];
  private readonly unresolved: Name[] = [];

  constructor(private readonly ctx: AnalysisContext) {}

  add(expr: ts.Expression): void {
    this.addValue(this.ctx.interp.eval(expr, this.ctx.ctx), expr);
  }

  addValue(value: Value, node: ts.Node): void {
    const name = toName(this.ctx.root, value, node, 'handled job name');
    if ('value' in name) {
      if (!this.names.has(name.value)) this.evidence.push({ name: name.value, ...locationOf(this.ctx.root, node) });
      this.names.add(name.value);
      for (const alt of name.alternatives ?? []) this.names.add(alt);
    } else {
      this.unresolved.push(name);
    }
  }

  result(outcome: Outcome): Dispatch {
    if (outcome === 'catch-all') return { handles: '*', unhandled: 'unknown', evidence: this.evidence, unresolvedHandled: this.unresolved };
    return { handles: [...this.names].sort(), unhandled: outcome, evidence: this.evidence, unresolvedHandled: this.unresolved };
  }
}
