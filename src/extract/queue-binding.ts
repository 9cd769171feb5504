import { ts } from '../util/typescript.js';
import type { Library } from '../model/result.js';
import { type AnalysisContext, decoratorCall, decoratorsOf } from './context.js';
import { enclosingClass, resolveFunction } from './dispatch.js';
import { nameAtCall } from './param-substitution.js';
import { skipOuter } from './evaluate.js';
import type { Name } from './facts.js';
import { BULL_MODULES, BULLMQ_MODULES, FLOW_PRODUCER_EXPORTS, nestLibrary, QUEUE_EXPORTS } from './libraries.js';

/** A value known to be a queue (or flow producer) object, with the queue it talks to. */
export interface QueueHandle {
  role: 'queue' | 'flow';
  library: Library;
  /** undefined for flow producers: each node names its own queue. */
  queue?: Name;
  prefix?: Name;
  /** Where the queue object is created or injected: identifies one Bull Queue instance. */
  origin?: ts.Node;
  /** Injected by Nest: its prefix comes from `registerQueue`/`forRoot`, not from the call site. */
  viaNest?: boolean;
}

const MAX_DEPTH = 8;

/**
 * Decides whether the receiver of `.add(...)` is a queue, by where the value comes from:
 * `new Queue(...)` (bullmq/bull), `@InjectQueue('q')` / `@Inject(getQueueToken('q'))` in a Nest
 * class, or a parameter/property typed as bullmq's `Queue`. Anything else — `Set#add`,
 * `dayjs().add()`, another library's queue — is not a queue, and produces nothing.
 */
export function resolveQueueHandle(expr: ts.Expression, ctx: AnalysisContext, depth = 0): QueueHandle | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = skipOuter(expr);
  if (ts.isAwaitExpression(e)) return resolveQueueHandle(e.expression, ctx, depth + 1);
  if (ts.isConditionalExpression(e)) return resolveQueueHandle(e.whenTrue, ctx, depth + 1) ?? resolveQueueHandle(e.whenFalse, ctx, depth + 1);
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
    return resolveQueueHandle(e.left, ctx, depth + 1) ?? resolveQueueHandle(e.right, ctx, depth + 1);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    // `SomeQueue.getInstance()`: a static factory method returning a queue instance.
    const cls = classBinding(e.expression.expression, ctx);
    if (cls) return fromStaticMethod(cls, e.expression.name.text, ctx, depth);
  }
  if (ts.isNewExpression(e)) return queueFromConstruction(e, ctx);
  if (ts.isCallExpression(e)) return queueFromConstruction(e, ctx) ?? fromFactoryCall(e, ctx, depth);
  if (ts.isIdentifier(e)) {
    const binding = ctx.binder.resolveIdentifier(e);
    if (!binding) return undefined;
    if (binding.kind === 'expression') return resolveQueueHandle(binding.node, ctx, depth + 1);
    if (binding.kind === 'parameter') return fromDeclaredMember(binding.node, ctx, depth);
    if (binding.kind === 'declaration' && ts.isVariableDeclaration(binding.node)) {
      const decl = binding.node;
      if (decl.initializer) {
        const fromInit = resolveQueueHandle(decl.initializer, ctx, depth + 1);
        if (fromInit) return fromInit;
      }
      return fromAssignments(decl, ctx, depth) ?? fromTypeAnnotation(decl.type, decl, ctx);
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return fromClassMember(e, ctx, depth);
    const cls = classBinding(e.expression, ctx);
    if (cls) return fromStaticProperty(cls, e.name.text, ctx, depth);
    // `queues.audio.add(...)` where `queues` is a static object of queue instances.
    const owner = ctx.evaluator.objectOf(e.expression);
    if (owner && owner.kind !== 'param') {
      const member = ctx.evaluator.member(owner, e.name.text);
      if ('expr' in member) return resolveQueueHandle(member.expr, ctx, depth + 1);
      if ('binding' in member && member.binding.kind === 'declaration' && ts.isVariableDeclaration(member.binding.node) && member.binding.node.initializer) {
        return resolveQueueHandle(member.binding.node.initializer, ctx, depth + 1);
      }
    }
    return undefined;
  }
  return undefined;
}

/** `new Queue('q', opts)` (bullmq or bull), `Queue('q')` / `new Bull('q')` (bull), `new FlowProducer()`. */
function queueFromConstruction(e: ts.NewExpression | ts.CallExpression, ctx: AnalysisContext): QueueHandle | undefined {
  const origin = ctx.originOf(e.expression);
  if (!origin) return undefined;
  const args = e.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  if (BULLMQ_MODULES.has(origin.module)) {
    if (QUEUE_EXPORTS.has(origin.name) && ts.isNewExpression(e)) {
      return { role: 'queue', library: 'bullmq', queue: ctx.name(args[0], e, 'no queue name'), prefix: optionName(args[1], 'prefix', ctx) };
    }
    if (FLOW_PRODUCER_EXPORTS.has(origin.name) && ts.isNewExpression(e)) {
      return { role: 'flow', library: 'bullmq', prefix: optionName(args[0], 'prefix', ctx) };
    }
    return undefined;
  }
  if (BULL_MODULES.has(origin.module) && (origin.name === 'default' || origin.name === '*')) {
    return { role: 'queue', library: 'bull', queue: ctx.name(args[0], e, 'no queue name'), prefix: bullPrefix(args, ctx), origin: e };
  }
  return undefined;
}

/** Bull: `new Queue(name, url?, opts?)`; `prefix` or `redis.keyPrefix` is the prefix (SPEC §2.3). */
function bullPrefix(args: readonly ts.Expression[], ctx: AnalysisContext): Name | undefined {
  const opts = args.length >= 3 ? args[2] : args[1];
  return optionName(opts, 'prefix', ctx);
}

/** Reads a string option such as `{ prefix: 'x' }` from an options object, when present. */
export function optionName(opts: ts.Expression | undefined, key: string, ctx: AnalysisContext): Name | undefined {
  if (!opts) return undefined;
  const target = ctx.evaluator.objectOf(opts);
  if (!target || target.kind !== 'object') return undefined;
  const member = ctx.evaluator.member(target, key);
  if ('expr' in member) return ctx.name(member.expr, member.expr);
  return undefined;
}

/** `this.queue` inside a class: property initialiser, Nest injection, or a constructor assignment. */
function fromClassMember(e: ts.PropertyAccessExpression, ctx: AnalysisContext, depth: number): QueueHandle | undefined {
  const cls = enclosingClass(e);
  if (!cls) return undefined;
  const name = e.name.text;
  // What the member is declared as (a Nest injection decides at once; a bare `private q: Queue`
  // only says "some queue"), then what the class assigns to it — in the constructor or in an
  // `init()` — which names the queue; the declared type is the fallback.
  let declared: QueueHandle | undefined;
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && member.name.getText() === name) {
      if (member.initializer) return resolveQueueHandle(member.initializer, ctx, depth + 1);
      declared = fromDeclaredMember(member, ctx, depth);
      if (declared?.viaNest) return declared;
    }
    if (ts.isConstructorDeclaration(member)) {
      const param = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name && ts.getModifiers(p)?.length);
      if (param) {
        declared = fromDeclaredMember(param, ctx, depth);
        if (declared?.viaNest) return declared;
      }
    }
  }
  return fromThisAssignments(cls, name, ctx, depth) ?? declared;
}

/** `this.name = <queue>` anywhere in the class (constructor, `init()`, a lazy getter). */
function fromThisAssignments(cls: ts.ClassLikeDeclaration, name: string, ctx: AnalysisContext, depth: number): QueueHandle | undefined {
  let found: QueueHandle | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) {
      found = resolveQueueHandle(n.right, ctx, depth + 1);
    }
    ts.forEachChild(n, visit);
  };
  for (const member of cls.members) visit(member);
  return found;
}

/** A parameter or property with `@InjectQueue('q')`, `@Inject(getQueueToken('q'))`, or typed `Queue`. */
function fromDeclaredMember(member: ts.ParameterDeclaration | ts.PropertyDeclaration, ctx: AnalysisContext, depth: number): QueueHandle | undefined {
  for (const decorator of decoratorsOf(member)) {
    const { callee, args } = decoratorCall(decorator);
    const origin = ctx.originOf(callee);
    if (!origin) continue;
    const library = nestLibrary(origin.module);
    if (library && origin.name === 'InjectQueue') {
      // `@InjectQueue()` with no name is the queue 'default' (SPEC §2.8).
      return { role: 'queue', library, queue: args[0] ? ctx.name(args[0], decorator) : { value: 'default' }, origin: decorator, viaNest: true };
    }
    if (library && origin.name === 'InjectFlowProducer') return { role: 'flow', library, viaNest: true };
    if (origin.module === '@nestjs/common' && origin.name === 'Inject' && args[0]) {
      const token = skipOuter(args[0]);
      if (ts.isCallExpression(token)) {
        const tokenOrigin = ctx.originOf(token.expression);
        const tokenLibrary = tokenOrigin && nestLibrary(tokenOrigin.module);
        if (tokenLibrary && tokenOrigin.name === 'getQueueToken') {
          return { role: 'queue', library: tokenLibrary, queue: token.arguments[0] ? ctx.name(token.arguments[0], token) : { value: 'default' }, viaNest: true };
        }
      }
      const literal = ctx.evaluator.string(args[0]);
      if (literal.ok && literal.value.startsWith('BullQueue_')) {
        return { role: 'queue', library: 'bullmq', queue: { value: literal.value.slice('BullQueue_'.length) }, viaNest: true };
      }
    }
  }
  if (ts.isParameter(member) && depth <= MAX_DEPTH) {
    const typed = fromTypeAnnotation(member.type, member, ctx);
    if (typed && typed.queue && 'unresolved' in typed.queue) {
      // A queue passed in as a parameter: resolved at each call site of the wrapper.
      const fn = member.parent as ts.SignatureDeclaration;
      typed.queue = { ...typed.queue, unresolved: `queue passed in as parameter \`${member.name.getText()}\``, param: { fn, index: fn.parameters.indexOf(member), path: ['name'] } };
    }
    return typed;
  }
  return fromTypeAnnotation(member.type, member, ctx);
}

/** A value typed as bullmq's `Queue` whose construction we cannot see: a queue, name unknown. */
function fromTypeAnnotation(type: ts.TypeNode | undefined, at: ts.Node, ctx: AnalysisContext): QueueHandle | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const typeName = type.typeName;
  const expr = ts.isIdentifier(typeName) ? typeName : ts.factory.createIdentifier('');
  if (!ts.isIdentifier(typeName)) {
    // bullmq.Queue
    const left = typeName.left;
    if (!ts.isIdentifier(left)) return undefined;
    const binding = ctx.binder.resolveIdentifier(left);
    if (binding?.kind !== 'external' || !BULLMQ_MODULES.has(binding.module)) return undefined;
    return handleForType(typeName.right.text, 'bullmq', at, ctx);
  }
  const binding = ctx.binder.resolveIdentifier(expr);
  if (binding?.kind !== 'external') return undefined;
  if (BULLMQ_MODULES.has(binding.module)) return handleForType(binding.name, 'bullmq', at, ctx);
  if (BULL_MODULES.has(binding.module) || (binding.module === 'bull' && binding.name === 'Queue')) return handleForType('Queue', 'bull', at, ctx);
  return undefined;
}

function handleForType(typeName: string, library: Library, at: ts.Node, ctx: AnalysisContext): QueueHandle | undefined {
  if (FLOW_PRODUCER_EXPORTS.has(typeName)) return { role: 'flow', library };
  if (!QUEUE_EXPORTS.has(typeName)) return undefined;
  return { role: 'queue', library, queue: { unresolved: 'the queue instance is created elsewhere and its name is not visible here', text: at.getText().slice(0, 80), location: ctx.location(at) } };
}

function classBinding(expr: ts.Expression, ctx: AnalysisContext): ts.ClassDeclaration | undefined {
  const binding = ctx.bindingOf(expr);
  return binding?.kind === 'declaration' && ts.isClassDeclaration(binding.node) ? binding.node : undefined;
}

/** `static instance: Queue | null` assigned as `Cls.instance = new Queue(…)` somewhere in the class. */
function fromStaticProperty(cls: ts.ClassDeclaration, name: string, ctx: AnalysisContext, depth: number): QueueHandle | undefined {
  let found: QueueHandle | undefined;
  const className = cls.name?.text;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === name) {
      const target = n.left.expression;
      if (target.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(target) && target.text === className)) found = resolveQueueHandle(n.right, ctx, depth + 1);
    }
    ts.forEachChild(n, visit);
  };
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && member.name.getText() === name) {
      if (member.initializer) found = resolveQueueHandle(member.initializer, ctx, depth + 1);
      if (found) return found;
    }
  }
  visit(cls);
  return found;
}

function fromStaticMethod(cls: ts.ClassDeclaration, name: string, ctx: AnalysisContext, depth: number): QueueHandle | undefined {
  const method = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText() === name);
  if (!method?.body) return undefined;
  let found: QueueHandle | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isReturnStatement(n) && n.expression) found = resolveQueueHandle(n.expression, ctx, depth + 1);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(method.body);
  return found;
}

/**
 * `createQueue('tasks')` / `taskQueue()`: a function of the repository that returns a queue.
 * Its return value is resolved, and a queue name that is one of its parameters is taken from
 * this call's arguments — so memoised getters and queue factories resolve per call.
 */
function fromFactoryCall(call: ts.CallExpression, ctx: AnalysisContext, depth: number): QueueHandle | undefined {
  // `q.waitUntilReady().then(() => q)`: the queue the callback returns.
  if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'then') {
    const callback = call.arguments[0] && skipOuter(call.arguments[0]);
    if (callback && ts.isArrowFunction(callback) && !ts.isBlock(callback.body)) return resolveQueueHandle(callback.body, ctx, depth + 1);
  }
  const fn = resolveFunction(call.expression, ctx);
  if (!fn?.body) return undefined;
  const returned = ts.isBlock(fn.body) ? returnedExpressions(fn.body) : [fn.body];
  const handles: QueueHandle[] = [];
  for (const expr of returned) {
    let handle = resolveQueueHandle(expr, ctx, depth + 1);
    if (!handle) continue;
    const param = handle.queue && 'param' in handle.queue ? handle.queue.param : undefined;
    if (param && param.fn === fn) handle = { ...handle, queue: nameAtCall(call, param, 'queue', ctx) };
    handles.push(handle);
  }
  const names = new Set(handles.map((h) => (h.queue && 'value' in h.queue ? h.queue.value : '?')));
  // A lookup that returns one of several queues (`switch (name) { case 'a': return aQ; … }`):
  // which one is decided at runtime — say so rather than pick the first.
  if (handles.length > 1 && names.size > 1) {
    return { ...handles[0]!, queue: { unresolved: `\`${call.getText().slice(0, 60)}\` returns one of ${names.size} queues, chosen at runtime`, text: call.getText().slice(0, 80), location: ctx.location(call) } };
  }
  return handles[0];
}

/** `let cached: Queue | undefined; … cached = createQueue('x')`: the assignments in the same file. */
function fromAssignments(decl: ts.VariableDeclaration, ctx: AnalysisContext, depth: number): QueueHandle | undefined {
  if (!ts.isIdentifier(decl.name)) return undefined;
  const name = decl.name.text;
  let found: QueueHandle | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) {
      const binding = ctx.binder.resolveIdentifier(n.left);
      if (binding?.kind === 'declaration' && binding.node === decl) found = resolveQueueHandle(n.right, ctx, depth + 1);
    }
    ts.forEachChild(n, visit);
  };
  visit(decl.getSourceFile());
  return found;
}

function returnedExpressions(body: ts.Block): ts.Expression[] {
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}
