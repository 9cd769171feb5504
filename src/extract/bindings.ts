import { ts } from '../util/typescript.js';
import type { ModuleResolver } from './module-resolver.js';
import type { SourceStore } from '../sources/source-store.js';

/**
 * What an identifier refers to, found by walking scopes and following imports/re-exports
 * across repository files. This replaces the type checker for the few questions we ask:
 * "is this `Worker` the one from bullmq?" and "which string does this constant hold?".
 */
export type Binding =
  /** Imported from a package outside the repository; name '*' for a namespace import. */
  | { kind: 'external'; module: string; name: string }
  /** `import * as X from './repo-file'`. */
  | { kind: 'namespace'; file: ts.SourceFile }
  /** A variable, binding element, function, class or enum declaration. */
  | { kind: 'declaration'; node: ts.Node }
  /** A parameter of a function: resolved later at each call site (wrappers). */
  | { kind: 'parameter'; node: ts.ParameterDeclaration; fn: ts.SignatureDeclaration; index: number }
  /** An exported expression (`export default …`, `module.exports = …`). */
  | { kind: 'expression'; node: ts.Expression };

const MAX_DEPTH = 25;

export class Binder {
  constructor(
    private readonly store: SourceStore,
    private readonly resolver: ModuleResolver,
  ) {}

  /** Resolves an identifier in its lexical scope. */
  resolveIdentifier(id: ts.Identifier): Binding | undefined {
    return this.lookup(id.text, id, 0);
  }

  /** What `file` exports under `name` ('default' for the default export). */
  resolveExport(file: ts.SourceFile, name: string, depth = 0): Binding | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const table = exportTable(file);
    const entry = table.named.get(name);
    if (entry) {
      switch (entry.kind) {
        case 'reexport':
          return this.importFrom(file, entry.spec, entry.local, depth + 1);
        case 'local':
          return this.lookupInStatements(file.statements, entry.local, file, depth + 1);
        case 'namespace':
          return this.moduleNamespace(file, entry.spec);
        case 'binding':
          return entry.binding;
        case 'commonjs': {
          const b = entry.binding;
          return b.kind === 'expression' && ts.isIdentifier(b.node) ? this.lookupInStatements(file.statements, b.node.text, file, depth + 1) ?? b : b;
        }
      }
    }
    if (table.exportEquals) return table.exportEquals;
    const starSources = table.stars;
    for (const spec of starSources) {
      const target = this.resolver.resolve(file.fileName, spec);
      if (!target) continue;
      const sf = this.store.get(target);
      const found = sf && this.resolveExport(sf, name, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private importFrom(from: ts.SourceFile, specifier: string, name: string, depth: number): Binding | undefined {
    const target = this.resolver.resolve(from.fileName, specifier);
    if (!target) return { kind: 'external', module: specifier, name };
    const sf = this.store.get(target);
    if (!sf) return undefined;
    if (name === '*') return { kind: 'namespace', file: sf };
    return this.resolveExport(sf, name, depth);
  }

  private moduleNamespace(from: ts.SourceFile, specifier: string): Binding | undefined {
    return this.importFrom(from, specifier, '*', 0);
  }

  private lookup(name: string, from: ts.Node, depth: number): Binding | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let node: ts.Node | undefined = from.parent;
    while (node) {
      if (isFunctionLikeWithParameters(node)) {
        const index = node.parameters.findIndex((p) => bindsName(p.name, name));
        if (index !== -1) {
          return { kind: 'parameter', node: node.parameters[index]!, fn: node, index };
        }
      }
      if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
        const found = this.lookupInStatements(node.statements, name, node.getSourceFile(), depth);
        if (found) return found;
      } else if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
        const decl = node.initializer.declarations.find((d) => bindsName(d.name, name));
        if (decl) return declarationBinding(decl, name);
      } else if (ts.isCatchClause(node) && node.variableDeclaration && bindsName(node.variableDeclaration.name, name)) {
        return { kind: 'declaration', node: node.variableDeclaration };
      } else if ((ts.isClassExpression(node) || ts.isFunctionExpression(node)) && node.name?.text === name) {
        return { kind: 'declaration', node };
      }
      node = node.parent;
    }
    return undefined;
  }

  private lookupInStatements(statements: ts.NodeArray<ts.Statement>, name: string, file: ts.SourceFile, depth: number): Binding | undefined {
    for (const statement of statements) {
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const spec = statement.moduleSpecifier.text;
        if (clause.name?.text === name) return this.importFrom(file, spec, 'default', depth + 1);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) return this.importFrom(file, spec, '*', depth + 1);
        if (bindings && ts.isNamedImports(bindings)) {
          const element = bindings.elements.find((e) => e.name.text === name);
          if (element) return this.importFrom(file, spec, (element.propertyName ?? element.name).text, depth + 1);
        }
        continue;
      }
      if (ts.isImportEqualsDeclaration(statement) && statement.name.text === name) {
        const ref = statement.moduleReference;
        if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) return this.importFrom(file, ref.expression.text, '*', depth + 1);
        continue;
      }
      const found = declarationNamed(statement, name);
      if (found) return this.followRequire(found, name, file, depth);
    }
    return undefined;
  }

  /** `const { Worker } = require('bullmq')` and `const bullmq = require('bullmq')` behave as imports. */
  private followRequire(binding: Binding, name: string, file: ts.SourceFile, depth: number): Binding {
    if (binding.kind !== 'declaration') return binding;
    const node = binding.node;
    const declaration = ts.isBindingElement(node) ? rootDeclaration(node) : ts.isVariableDeclaration(node) ? node : undefined;
    const spec = declaration?.initializer && requireSpecifier(declaration.initializer);
    if (!declaration || !spec) return binding;
    if (ts.isIdentifier(declaration.name)) return this.importFrom(file, spec, '*', depth + 1) ?? binding;
    if (ts.isBindingElement(node) && node.parent.parent === declaration) {
      const imported = node.propertyName && ts.isIdentifier(node.propertyName) ? node.propertyName.text : name;
      return this.importFrom(file, spec, imported, depth + 1) ?? binding;
    }
    return binding;
  }
}

function isFunctionLikeWithParameters(node: ts.Node): node is ts.SignatureDeclaration & { parameters: ts.NodeArray<ts.ParameterDeclaration> } {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
}

/** `require('x')` or `await import('x')` → 'x'. */
export function requireSpecifier(expr: ts.Expression): string | undefined {
  let e = expr;
  if (ts.isAwaitExpression(e)) e = e.expression;
  if (ts.isCallExpression(e) && e.arguments.length === 1 && ts.isStringLiteral(e.arguments[0]!)) {
    if ((ts.isIdentifier(e.expression) && e.expression.text === 'require') || e.expression.kind === ts.SyntaxKind.ImportKeyword) {
      return (e.arguments[0] as ts.StringLiteral).text;
    }
  }
  return undefined;
}

function rootDeclaration(element: ts.BindingElement): ts.VariableDeclaration | undefined {
  let node: ts.Node = element;
  while (node && !ts.isVariableDeclaration(node)) node = node.parent;
  return node as ts.VariableDeclaration | undefined;
}

function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (ts.isIdentifier(name)) return name.text === wanted;
  return name.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, wanted));
}

function findBindingElement(name: ts.BindingName, wanted: string): ts.BindingElement | undefined {
  if (ts.isIdentifier(name)) return undefined;
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name) && element.name.text === wanted) return element;
    const nested = findBindingElement(element.name, wanted);
    if (nested) return nested;
  }
  return undefined;
}

/** How one exported name is found, recorded once per file (see `exportTable`). */
type ExportEntry =
  /** `export { local as name } from 'spec'` */
  | { kind: 'reexport'; spec: string; local: string }
  /** `export { local as name }` */
  | { kind: 'local'; local: string }
  /** `export * as name from 'spec'` */
  | { kind: 'namespace'; spec: string }
  /** `export const name`, `export function name`, `export default …` */
  | { kind: 'binding'; binding: Binding }
  /** `module.exports = { name }`, `exports.name = …` */
  | { kind: 'commonjs'; binding: Binding };

interface ExportTable {
  named: Map<string, ExportEntry>;
  /** `export = x`: every name not exported before it resolves to x. */
  exportEquals?: Binding;
  /** `export * from 'spec'`, searched in order when no statement exports the name. */
  stars: string[];
}

const exportTables = new WeakMap<ts.SourceFile, ExportTable>();

/**
 * Every name a file exports and how to find it, built in one pass over its statements. Name
 * lookups used to scan all statements (and `getText()` every expression statement, for
 * CommonJS) per question; barrels asked thousands of questions. The first statement exporting
 * a name wins, as it did in that scan.
 */
function exportTable(file: ts.SourceFile): ExportTable {
  const cached = exportTables.get(file);
  if (cached) return cached;
  const table: ExportTable = { named: new Map(), stars: [] };
  const add = (name: string, entry: ExportEntry): void => {
    if (!table.named.has(name)) table.named.set(name, entry);
  };
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      const spec = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (spec) table.stars.push(spec);
      } else if (ts.isNamespaceExport(clause)) {
        if (spec) add(clause.name.text, { kind: 'namespace', spec });
      } else {
        for (const element of clause.elements) {
          const local = (element.propertyName ?? element.name).text;
          add(element.name.text, spec ? { kind: 'reexport', spec, local } : { kind: 'local', local });
        }
      }
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      const binding: Binding = { kind: 'expression', node: statement.expression };
      if (statement.isExportEquals) {
        table.exportEquals = binding;
        break; // it answers for every name not exported before it
      }
      add('default', { kind: 'binding', binding });
      continue;
    }
    if (hasExportModifier(statement)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) add('default', { kind: 'binding', binding: { kind: 'declaration', node: statement } });
      else for (const name of declaredNames(statement)) add(name, { kind: 'binding', binding: declarationNamed(statement, name)! });
    }
    for (const [name, binding] of commonJsExports(statement)) add(name, { kind: 'commonjs', binding });
  }
  exportTables.set(file, table);
  return table;
}

/** Names a statement declares (what `declarationNamed` can find in it). */
function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => boundNames(d.name));
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) return [statement.name.text];
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) return [statement.name.text];
  return [];
}

function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

function declarationBinding(decl: ts.VariableDeclaration, name: string): Binding {
  if (ts.isIdentifier(decl.name)) return { kind: 'declaration', node: decl };
  return { kind: 'declaration', node: findBindingElement(decl.name, name) ?? decl };
}

/** The declaration named `name` made by one statement, if any. */
function declarationNamed(statement: ts.Statement, name: string): Binding | undefined {
  if (ts.isVariableStatement(statement)) {
    const decl = statement.declarationList.declarations.find((d) => bindsName(d.name, name));
    return decl ? declarationBinding(decl, name) : undefined;
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name?.text === name) {
    return { kind: 'declaration', node: statement };
  }
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && statement.name.text === name) {
    return { kind: 'declaration', node: statement };
  }
  return undefined;
}

/** `module.exports = { A }`, `module.exports.A = …`, `exports.A = …`: [name, binding] pairs. */
function commonJsExports(statement: ts.Statement): Array<[string, Binding]> {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return [];
  const { left, right, operatorToken } = statement.expression;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  const text = left.getText();
  if (text === 'module.exports') {
    const out: Array<[string, Binding]> = [['default', { kind: 'expression', node: right }]];
    if (ts.isObjectLiteralExpression(right)) {
      for (const prop of right.properties) {
        if (ts.isShorthandPropertyAssignment(prop)) out.push([prop.name.text, { kind: 'expression', node: prop.name }]);
        else if (ts.isPropertyAssignment(prop)) {
          const name = propertyNameText(prop.name);
          if (name !== undefined) out.push([name, { kind: 'expression', node: prop.initializer }]);
        }
      }
    }
    return out;
  }
  for (const prefix of ['module.exports.', 'exports.']) {
    if (text.startsWith(prefix)) return [[text.slice(prefix.length), { kind: 'expression', node: right }]];
  }
  return [];
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function hasExportModifier(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.ExportKeyword);
}
