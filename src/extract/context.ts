import path from 'node:path';
import { ts } from '../util/typescript.js';
import type { SourceLocation } from '../model/result.js';
import { type Binder, type Binding, requireSpecifier } from './bindings.js';
import { type Evaluator, type NameEval, skipOuter } from './evaluate.js';
import type { Name } from './facts.js';
import type { ModuleResolver } from './module-resolver.js';
import type { SourceStore } from '../sources/source-store.js';

/** The shared services every detector uses; one per analysis run. */
export class AnalysisContext {
  constructor(
    readonly root: string,
    readonly store: SourceStore,
    readonly resolver: ModuleResolver,
    readonly binder: Binder,
    readonly evaluator: Evaluator,
  ) {}

  location(node: ts.Node): SourceLocation {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { file: this.relative(sf.fileName), line: line + 1, column: character + 1 };
  }

  relative(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  /** Evaluates a name expression into a fact `Name` (resolved, unresolved, or parameter-bound). */
  name(expr: ts.Expression | undefined, at: ts.Node, missingReason = 'missing'): Name {
    if (!expr) return { unresolved: missingReason, text: '', location: this.location(at) };
    return this.fromEval(this.evaluator.string(expr), expr);
  }

  fromEval(result: NameEval, expr: ts.Node): Name {
    if (result.ok) return { value: result.value };
    return {
      unresolved: result.reason,
      text: oneLine(expr.getText()),
      location: this.location(expr),
      origin: this.location(result.node),
      // Evaluated once per process only at module level: inside a function (a loop, a
      // factory) one expression yields a different queue per call.
      ...(isTopLevel(result.node) ? { originTopLevel: true } : {}),
      ...(result.param ? { param: result.param } : {}),
    };
  }

  /**
   * Where a callee or decorator comes from: `{ module, name }` when it is (or re-exports) a
   * package export, e.g. `{ module: 'bullmq', name: 'Worker' }` for `new BullWorker()` after
   * `import { Worker as BullWorker } from 'bullmq'` or `new bullmq.Worker()`.
   */
  originOf(expr: ts.Expression, depth = 0): { module: string; name: string } | undefined {
    if (depth > 5) return undefined;
    const e = skipOuter(expr);
    if (ts.isIdentifier(e)) {
      const binding = this.binder.resolveIdentifier(e);
      if (binding?.kind === 'external') return { module: binding.module, name: binding.name === 'default' ? 'default' : binding.name };
      // `const WorkerClass = pro ? require('@taskforcesh/bullmq-pro').WorkerPro : Worker`:
      // a constant alias of a library class (either branch) is that class.
      if (binding?.kind === 'declaration' && ts.isVariableDeclaration(binding.node) && binding.node.initializer && isConstDeclaration(binding.node)) {
        return this.originOf(binding.node.initializer, depth + 1);
      }
      return undefined;
    }
    if (ts.isConditionalExpression(e)) return this.originOf(e.whenTrue, depth + 1) ?? this.originOf(e.whenFalse, depth + 1);
    if (ts.isPropertyAccessExpression(e) && ts.isCallExpression(skipOuter(e.expression))) {
      const spec = requireSpecifier(skipOuter(e.expression));
      if (spec) return { module: spec, name: e.name.text };
    }
    if (ts.isPropertyAccessExpression(e)) {
      const base = skipOuter(e.expression);
      if (ts.isIdentifier(base)) {
        const binding = this.binder.resolveIdentifier(base);
        if (binding?.kind === 'external' && (binding.name === '*' || binding.name === 'default')) return { module: binding.module, name: e.name.text };
        if (binding?.kind === 'namespace') {
          const inner = this.binder.resolveExport(binding.file, e.name.text);
          if (inner?.kind === 'external') return { module: inner.module, name: inner.name };
        }
      }
    }
    return undefined;
  }

  /** The binding of an identifier expression, if it is one. */
  bindingOf(expr: ts.Expression): Binding | undefined {
    const e = skipOuter(expr);
    return ts.isIdentifier(e) ? this.binder.resolveIdentifier(e) : undefined;
  }
}

function isTopLevel(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isClassStaticBlockDeclaration(n)) return false;
  }
  return true;
}

function isConstDeclaration(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/** Decorators of a class, method, property or parameter (TS 5 moved them into modifiers). */
export function decoratorsOf(node: ts.Node): ts.Decorator[] {
  return ts.canHaveDecorators(node) ? [...(ts.getDecorators(node) ?? [])] : [];
}

/** `@Foo(args)` → { callee: Foo, args }; `@Foo` → { callee: Foo, args: [] }. */
export function decoratorCall(decorator: ts.Decorator): { callee: ts.Expression; args: readonly ts.Expression[] } {
  const e = decorator.expression;
  if (ts.isCallExpression(e)) return { callee: e.expression, args: e.arguments };
  return { callee: e, args: [] };
}
