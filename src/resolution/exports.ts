import { ts } from '../util/typescript.js';

/** How one exported name of a module is found. */
export type ExportEntry =
  /** A binding of the module's own top level (a declaration or an import) named `name`. */
  | { kind: 'local'; name: string }
  /** `export { name as x } from 'spec'`, `export { default as x } from 'spec'`. */
  | { kind: 'reexport'; spec: string; name: string }
  /** `export * as x from 'spec'`. */
  | { kind: 'namespace'; spec: string }
  /** `export default <expression>`, `exports.x = <expression>`, `module.exports = { x: … }`. */
  | { kind: 'expression'; node: ts.Expression }
  /** `export default function …` / `export default class …` (possibly anonymous). */
  | { kind: 'declaration'; node: ts.FunctionDeclaration | ts.ClassDeclaration };

export interface ExportTable {
  named: Map<string, ExportEntry>;
  /** `export * from 'spec'`, searched in order when no statement exports the name. */
  stars: string[];
  /** `export = x` / `module.exports = x`: the module's value; unknown names are its properties. */
  moduleValue?: ts.Expression;
}

const tables = new WeakMap<ts.SourceFile, ExportTable>();

/**
 * Every name a module exports and how to find it, in one pass over its statements, ES module
 * and CommonJS forms alike. The first statement exporting a name wins (a later `export *` never
 * shadows it), as in TypeScript's own binder.
 */
export function exportTable(file: ts.SourceFile): ExportTable {
  const cached = tables.get(file);
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
        if (spec) add(moduleExportName(clause.name), { kind: 'namespace', spec });
      } else {
        for (const element of clause.elements) {
          const local = moduleExportName(element.propertyName ?? element.name);
          add(moduleExportName(element.name), spec ? { kind: 'reexport', spec, name: local } : { kind: 'local', name: local });
        }
      }
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      if (statement.isExportEquals) table.moduleValue ??= statement.expression;
      else add('default', { kind: 'expression', node: statement.expression });
      continue;
    }
    if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword) && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement))) {
        add('default', { kind: 'declaration', node: statement });
        if (statement.name) add(statement.name.text, { kind: 'local', name: statement.name.text });
      } else for (const name of declaredNames(statement)) add(name, { kind: 'local', name });
      continue;
    }
    commonJs(statement, table, add);
  }
  // `module.exports = X`: X is also the ES default import of this module.
  if (table.moduleValue && !table.named.has('default')) table.named.set('default', { kind: 'expression', node: table.moduleValue });
  tables.set(file, table);
  return table;
}

/** `module.exports = …`, `module.exports.x = …`, `exports.x = …`. */
function commonJs(statement: ts.Statement, table: ExportTable, add: (name: string, entry: ExportEntry) => void): void {
  if (!ts.isExpressionStatement(statement)) return;
  let expr = statement.expression;
  // `module.exports = exports = x`, `exports.a = exports.b = x`
  const targets: ts.Expression[] = [];
  while (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    targets.push(expr.left);
    expr = expr.right;
  }
  for (const left of targets) {
    if (isModuleExports(left)) {
      table.moduleValue ??= expr;
      if (ts.isObjectLiteralExpression(expr)) {
        for (const prop of expr.properties) {
          if (ts.isShorthandPropertyAssignment(prop)) add(prop.name.text, { kind: 'local', name: prop.name.text });
          else if (ts.isPropertyAssignment(prop) || ts.isMethodDeclaration(prop)) {
            const name = propertyNameText(prop.name);
            if (name !== undefined) add(name, ts.isPropertyAssignment(prop) ? { kind: 'expression', node: prop.initializer } : { kind: 'expression', node: expr });
          }
        }
      }
      continue;
    }
    if (ts.isPropertyAccessExpression(left) && (isModuleExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports'))) {
      add(left.name.text, { kind: 'expression', node: expr });
    }
  }
}

function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** Names a statement declares at the top level of its module. */
export function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => boundNames(d.name));
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) return [statement.name.text];
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) return [statement.name.text];
  return [];
}

export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

export function propertyNameText(name: ts.PropertyName | ts.MemberName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

function moduleExportName(name: ts.ModuleExportName): string {
  return name.text;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}
