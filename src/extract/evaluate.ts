import { ts } from '../util/typescript.js';
import { type Binder, type Binding, propertyNameText } from './bindings.js';

/** A function parameter (and a property path into it) a value depends on: resolved per call site. */
export interface ParamRef {
  fn: ts.SignatureDeclaration;
  index: number;
  path: string[];
  /** Static text around the parameter's value: `` `app-${name}` `` is ['app-', '']. */
  affix?: [string, string];
  /**
   * A template over several parameters of the same function (`` `${service}-${queue}` ``):
   * its pieces, each static text or another parameter of `fn`, evaluated together per call.
   */
  parts?: Array<string | { index: number; path: string[] }>;
}

export type NameEval =
  | { ok: true; value: string }
  | { ok: false; reason: string; node: ts.Node; param?: ParamRef };

/** Something with named members: an object literal, an enum, a module namespace, a parameter. */
export type Objectish =
  | { kind: 'object'; node: ts.ObjectLiteralExpression }
  | { kind: 'enum'; node: ts.EnumDeclaration }
  | { kind: 'namespace'; file: ts.SourceFile }
  | { kind: 'param'; ref: ParamRef };

type Member = { expr: ts.Expression } | { binding: Binding } | { param: ParamRef } | { fail: string };

const MAX_DEPTH = 30;

/**
 * Static evaluation of queue and job names: literals, consts, enums, `as const` objects (nested),
 * template literals and concatenation over resolvable parts, `queue.name`, and imports across
 * files and workspace packages. Anything else is an explicit failure with a reason — callers
 * report it as `unresolved-name`; nothing is guessed.
 */
export class Evaluator {
  constructor(private readonly binder: Binder) {}

  string(expr: ts.Expression, depth = 0): NameEval {
    if (depth > MAX_DEPTH) return fail(expr, 'too many indirections');
    const e = skipOuter(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { ok: true, value: e.text };
    if (ts.isNumericLiteral(e)) return { ok: true, value: String(Number(e.text)) };
    if (ts.isTemplateExpression(e) || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
      return this.concatenation(e, depth);
    }
    if (ts.isIdentifier(e)) {
      if (e.text === 'undefined') return fail(e, '`undefined`');
      const binding = this.binder.resolveIdentifier(e);
      if (!binding) return fail(e, `\`${e.text}\` is not declared in this file or its imports`);
      return this.bindingString(binding, e, depth + 1);
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const key = this.memberKey(e, depth);
      if (!key.ok) return key;
      if (key.value === 'name') {
        const fromInstance = this.instanceName(e.expression, depth + 1);
        if (fromInstance) return fromInstance;
      }
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const value = this.thisMember(e, key.value);
        if (value) return this.string(value, depth + 1);
      }
      const target = this.objectOf(e.expression, depth + 1);
      if (!target) return fail(e, `\`${e.expression.getText()}\` is not a static object`);
      return this.memberString(this.member(target, key.value, depth + 1), e, depth + 1);
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments.length === 0) {
      // 'x'.toUpperCase() and friends are rare in queue names; say so precisely.
      return fail(e, `call \`${e.getText()}\` is not evaluated`);
    }
    return fail(e, `\`${truncate(e.getText())}\` is not a static string`);
  }

  /**
   * `this.name` in a class: a constructor parameter property (`constructor(private name: string)`),
   * the value a constructor assigns (`this.name = name`), or a readonly initializer. A constructor
   * parameter then resolves per `new Cls(…)` / `super(…)` call, like any wrapper parameter.
   */
  private thisMember(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string): ts.Expression | undefined {
    let cls: ts.Node | undefined = access.parent;
    while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
    if (!cls) return undefined;
    const members = (cls as ts.ClassLikeDeclaration).members;
    const ctor = members.find(ts.isConstructorDeclaration);
    const property = ctor?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name && (ts.getModifiers(p) ?? []).length > 0);
    if (property) return property.name as ts.Identifier;
    const assigned: ts.Expression[] = [];
    for (const statement of ctor?.body?.statements ?? []) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, right, operatorToken } = statement.expression;
      if (operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) assigned.push(right);
    }
    // Assigned once in the constructor, and nowhere else in the class: a per-instance constant.
    if (assigned.length === 1 && !assignedOutsideConstructor(cls as ts.ClassLikeDeclaration, name, ctor)) return assigned[0];
    const declared = members.find((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && m.name.getText() === name);
    const readonly = declared && (ts.getModifiers(declared) ?? []).some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
    return readonly && declared.initializer ? declared.initializer : undefined;
  }

  /**
   * A template literal or `+` chain. All parts static → the string. Exactly one part coming from
   * a wrapper's parameter → that parameter, with the static text around it kept as an affix, so
   * `` `app-${name}` `` called as `mk('emails')` resolves to 'app-emails', not 'emails'.
   */
  private concatenation(e: ts.TemplateExpression | ts.BinaryExpression, depth: number): NameEval {
    const parts: Array<string | ts.Expression> = ts.isTemplateExpression(e)
      ? [e.head.text, ...e.templateSpans.flatMap((span) => [span.expression, span.literal.text])]
      : [e.left, e.right];
    const pieces: Array<string | ParamRef> = [];
    let firstFailure: (NameEval & { ok: false }) | undefined;
    for (const part of parts) {
      const result = typeof part === 'string' ? ({ ok: true, value: part } as const) : this.string(part, depth + 1);
      if (result.ok) {
        pieces.push(result.value);
        continue;
      }
      if (!result.param) {
        return typeof part !== 'string' && ts.isTemplateExpression(e) ? fail(e, `template part \`${part.getText()}\` is not static`) : result;
      }
      firstFailure ??= result;
      pieces.push(result.param);
    }
    if (!firstFailure) return { ok: true, value: pieces.join('') };
    const params = pieces.filter((p): p is ParamRef => typeof p !== 'string');
    const first = params[0]!;
    if (params.some((p) => p.fn !== first.fn || p.parts)) return fail(e, 'its parts come from parameters of different functions');
    if (params.length === 1) {
      const at = pieces.indexOf(first);
      const before = pieces.slice(0, at).join('');
      const after = pieces.slice(at + 1).join('');
      const [innerBefore, innerAfter] = first.affix ?? ['', ''];
      return { ...firstFailure, param: { ...first, affix: [before + innerBefore, innerAfter + after] } };
    }
    // Several parameters of one function: keep the template, fill it in at each call.
    const templateParts = pieces.map((p) => (typeof p === 'string' ? p : { index: p.index, path: p.path }));
    if (params.some((p) => p.affix)) return fail(e, 'its parts come from nested templates over parameters');
    return { ...firstFailure, param: { ...first, parts: templateParts } };
  }

  /** Objects whose members are looked up: `as const` literals, enums, namespaces, parameters. */
  objectOf(expr: ts.Expression, depth = 0): Objectish | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = skipOuter(expr);
    if (ts.isObjectLiteralExpression(e)) return { kind: 'object', node: e };
    if (ts.isCallExpression(e) && e.expression.getText() === 'Object.freeze' && e.arguments[0]) return this.objectOf(e.arguments[0], depth + 1);
    if (ts.isIdentifier(e)) {
      const binding = this.binder.resolveIdentifier(e);
      return binding ? this.bindingObject(binding, depth + 1) : undefined;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const key = this.memberKey(e, depth);
      if (!key.ok) return undefined;
      const parent = this.objectOf(e.expression, depth + 1);
      if (!parent) return undefined;
      const member = this.member(parent, key.value, depth + 1);
      if ('expr' in member) return this.objectOf(member.expr, depth + 1);
      if ('binding' in member) return this.bindingObject(member.binding, depth + 1);
      if ('param' in member) return { kind: 'param', ref: member.param };
    }
    return undefined;
  }

  /** Every key of an object literal or enum, evaluated (computed keys included). */
  keysOf(target: Objectish, depth = 0): Array<{ name: NameEval; node: ts.Node }> {
    if (target.kind === 'enum') {
      return target.node.members.map((m) => ({ name: this.enumMemberValue(m, depth), node: m }));
    }
    if (target.kind !== 'object') return [];
    const keys: Array<{ name: NameEval; node: ts.Node }> = [];
    for (const prop of target.node.properties) {
      if (ts.isSpreadAssignment(prop)) {
        const inner = this.objectOf(prop.expression, depth + 1);
        if (inner) keys.push(...this.keysOf(inner, depth + 1));
        continue;
      }
      if (!prop.name) continue;
      if (ts.isComputedPropertyName(prop.name)) keys.push({ name: this.string(prop.name.expression, depth + 1), node: prop });
      else {
        const text = propertyNameText(prop.name);
        keys.push({ name: text === undefined ? fail(prop.name, 'unsupported key') : { ok: true, value: text }, node: prop });
      }
    }
    return keys;
  }

  member(target: Objectish, key: string, depth = 0): Member {
    switch (target.kind) {
      case 'param':
        return { param: { ...target.ref, path: [...target.ref.path, key] } };
      case 'namespace': {
        const binding = this.binder.resolveExport(target.file, key);
        return binding ? { binding } : { fail: `\`${key}\` is not exported by ${target.file.fileName}` };
      }
      case 'enum': {
        const member = target.node.members.find((m) => propertyNameText(m.name) === key);
        if (!member) return { fail: `enum ${target.node.name.text} has no member ${key}` };
        return member.initializer ? { expr: member.initializer } : { fail: `enum member ${target.node.name.text}.${key} is numeric` };
      }
      case 'object': {
        const props = [...target.node.properties].reverse(); // later properties win
        for (const prop of props) {
          if (ts.isSpreadAssignment(prop)) {
            const inner = this.objectOf(prop.expression, depth + 1);
            if (inner) {
              const found = this.member(inner, key, depth + 1);
              if (!('fail' in found)) return found;
            }
            continue;
          }
          if (!prop.name) continue;
          const name = ts.isComputedPropertyName(prop.name) ? this.string(prop.name.expression, depth + 1) : { ok: true as const, value: propertyNameText(prop.name) ?? '' };
          if (!name.ok || name.value !== key) continue;
          if (ts.isPropertyAssignment(prop)) return { expr: prop.initializer };
          if (ts.isShorthandPropertyAssignment(prop)) return { expr: prop.name };
          return { fail: `member ${key} is a method` };
        }
        return { fail: `object has no property ${key}` };
      }
    }
  }

  private memberString(member: Member, at: ts.Node, depth: number): NameEval {
    if ('expr' in member) return this.string(member.expr, depth);
    if ('binding' in member) return this.bindingString(member.binding, at, depth);
    if ('param' in member) return { ok: false, reason: 'comes from a parameter', node: at, param: member.param };
    return fail(at, member.fail);
  }

  private memberKey(e: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number): NameEval {
    if (ts.isPropertyAccessExpression(e)) return { ok: true, value: e.name.text };
    return this.string(e.argumentExpression, depth + 1);
  }

  private enumMemberValue(member: ts.EnumMember, depth: number): NameEval {
    return member.initializer ? this.string(member.initializer, depth + 1) : fail(member, 'numeric enum member');
  }

  private bindingString(binding: Binding, at: ts.Node, depth: number): NameEval {
    switch (binding.kind) {
      case 'external':
        return fail(at, `imported from package "${binding.module}"`);
      case 'namespace':
        return fail(at, 'a module namespace is not a string');
      case 'parameter':
        return { ok: false, reason: `parameter \`${binding.node.name.getText()}\``, node: at, param: { fn: binding.fn, index: binding.index, path: parameterPath(binding.node, at) } };
      case 'expression':
        return this.string(binding.node, depth + 1);
      case 'declaration': {
        const node = binding.node;
        if (ts.isVariableDeclaration(node)) {
          if (!node.initializer) return fail(at, `\`${node.name.getText()}\` has no initializer`);
          if (!isConstant(node)) return fail(at, `\`${node.name.getText()}\` is reassigned, so its value is not static`);
          return this.string(node.initializer, depth + 1);
        }
        if (ts.isBindingElement(node)) return this.memberString(this.bindingElementMember(node, depth), at, depth + 1);
        if (ts.isEnumMember(node)) return this.enumMemberValue(node, depth);
        return fail(at, `\`${at.getText()}\` is not a string constant`);
      }
    }
  }

  private bindingObject(binding: Binding, depth: number): Objectish | undefined {
    switch (binding.kind) {
      case 'namespace':
        return { kind: 'namespace', file: binding.file };
      case 'parameter':
        return { kind: 'param', ref: { fn: binding.fn, index: binding.index, path: [] } };
      case 'expression':
        return this.objectOf(binding.node, depth + 1);
      case 'declaration': {
        const node = binding.node;
        if (ts.isEnumDeclaration(node)) return { kind: 'enum', node };
        if (ts.isVariableDeclaration(node) && node.initializer) return this.objectOf(node.initializer, depth + 1);
        if (ts.isBindingElement(node)) {
          const member = this.bindingElementMember(node, depth);
          if ('expr' in member) return this.objectOf(member.expr, depth + 1);
          if ('binding' in member) return this.bindingObject(member.binding, depth + 1);
          if ('param' in member) return { kind: 'param', ref: member.param };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** `const { A: { B } } = OBJ` → OBJ.A.B */
  private bindingElementMember(element: ts.BindingElement, depth: number): Member {
    const path: string[] = [];
    let node: ts.Node = element;
    while (ts.isBindingElement(node)) {
      const key = node.propertyName ? propertyNameText(node.propertyName as ts.PropertyName) : ts.isIdentifier(node.name) ? node.name.text : undefined;
      if (key === undefined) return { fail: 'unsupported destructuring' };
      path.unshift(key);
      node = node.parent.parent; // BindingElement → BindingPattern → BindingElement | VariableDeclaration | Parameter
    }
    let target: Objectish | undefined;
    if (ts.isVariableDeclaration(node) && node.initializer) target = this.objectOf(node.initializer, depth + 1);
    else if (ts.isParameter(node)) {
      const fn = node.parent as ts.SignatureDeclaration;
      target = { kind: 'param', ref: { fn, index: fn.parameters.indexOf(node), path: [] } };
    }
    if (!target) return { fail: 'destructured from a non-static value' };
    for (let i = 0; i < path.length - 1; i++) {
      const member = this.member(target, path[i]!, depth + 1);
      const next: Objectish | undefined = 'expr' in member ? this.objectOf(member.expr, depth + 1) : 'binding' in member ? this.bindingObject(member.binding, depth + 1) : 'param' in member ? { kind: 'param', ref: member.param } : undefined;
      if (!next) return { fail: `cannot follow ${path.slice(0, i + 1).join('.')}` };
      target = next;
    }
    return this.member(target, path[path.length - 1]!, depth + 1);
  }

  /** `queue.name` / `worker.name` where the variable holds `new Queue('x')`: the constructor's first argument. */
  private instanceName(expr: ts.Expression, depth: number): NameEval | undefined {
    const e = skipOuter(expr);
    if (!ts.isIdentifier(e)) return undefined;
    const binding = this.binder.resolveIdentifier(e);
    if (binding?.kind !== 'declaration' || !ts.isVariableDeclaration(binding.node)) return undefined;
    const init = binding.node.initializer && skipOuter(binding.node.initializer);
    if (!init || !ts.isNewExpression(init) || !init.arguments?.[0]) return undefined;
    const callee = init.expression.getText();
    if (!/(Queue|Worker|Bull)$/.test(callee)) return undefined;
    return this.string(init.arguments[0], depth + 1);
  }
}

function parameterPath(param: ts.ParameterDeclaration, at: ts.Node): string[] {
  // A destructured parameter `({ queue })` used as `queue` means path ['queue'].
  if (ts.isIdentifier(param.name) || !ts.isIdentifier(at)) return [];
  const path: string[] = [];
  const find = (pattern: ts.BindingPattern): boolean => {
    for (const el of pattern.elements) {
      if (ts.isOmittedExpression(el)) continue;
      const key = el.propertyName ? propertyNameText(el.propertyName as ts.PropertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
      if (ts.isIdentifier(el.name) && el.name.text === (at as ts.Identifier).text) {
        if (key) path.push(key);
        return true;
      }
      if (!ts.isIdentifier(el.name) && key) {
        path.push(key);
        if (find(el.name)) return true;
        path.pop();
      }
    }
    return false;
  };
  find(param.name);
  return path;
}

export function skipOuter(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    else return e;
  }
}

function fail(node: ts.Node, reason: string): NameEval {
  return { ok: false, reason, node };
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

const constancy = new WeakMap<ts.VariableDeclaration, boolean>();

/**
 * `const`, or a `let`/`var` (CommonJS code uses `var` for constants) that nothing in its file
 * ever assigns again: reading the initializer of a variable that changes would be a guess.
 */
function isConstant(decl: ts.VariableDeclaration): boolean {
  if (ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) return true;
  const cached = constancy.get(decl);
  if (cached !== undefined) return cached;
  const name = ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  let reassigned = !name;
  const visit = (n: ts.Node): void => {
    if (reassigned) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left) && n.left.text === name) reassigned = true;
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && n.operand.text === name && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) reassigned = true;
    else ts.forEachChild(n, visit);
  };
  visit(decl.getSourceFile());
  constancy.set(decl, !reassigned);
  return !reassigned;
}

function assignedOutsideConstructor(cls: ts.ClassLikeDeclaration, name: string, ctor: ts.ConstructorDeclaration | undefined): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n === ctor) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  for (const member of cls.members) visit(member);
  return found;
}
