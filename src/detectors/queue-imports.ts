import { BULL_PACKAGES, QUEUE_LIBRARIES } from '../values/library.js';
import { packageNameOf } from '../resolution/repo-host.js';
import { ts } from '../util/typescript.js';

const memo = new WeakMap<ts.SourceFile, Set<string>>();

/**
 * Whether a file imports a queue library (a value or a type: `import type { Queue } from
 * 'bullmq'` says the file works with queues), or one of Bull's packages when `only` is 'bull'.
 */
export function usesQueueLibrary(sf: ts.SourceFile, only?: 'bull'): boolean {
  let found = memo.get(sf);
  if (!found) {
    found = new Set();
    const note = (spec: string): void => {
      const pkg = packageNameOf(spec);
      if (QUEUE_LIBRARIES.has(pkg)) found!.add(pkg);
    };
    for (const st of sf.statements) {
      if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) note(st.moduleSpecifier.text);
      else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) note(st.moduleReference.expression.text);
      else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const init = d.initializer;
          if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) note(init.arguments[0].text);
        }
      }
    }
    memo.set(sf, found);
  }
  if (only === 'bull') return [...found].some((p) => BULL_PACKAGES.has(p) || p === '@nestjs/bull');
  return found.size > 0;
}

const WORKER_CLASS = /^Worker(Pro)?$/;
const passing = new WeakMap<ts.SourceFile, boolean>();

/**
 * Whether the file hands a queue library's Worker class around as a value (`const W = pro ?
 * WorkerPro : Worker`, `start(Worker, name)`, `require('bullmq').Worker` stored or passed) rather
 * than only writing `new Worker(…)`, `extends Worker` or the type. Only then can a `new Ctor(…)`
 * whose class is a parameter be a Worker, so this is a sound test before binding such a `new`
 * through every caller.
 */
export function passesWorkerClass(sf: ts.SourceFile): boolean {
  const cached = passing.get(sf);
  if (cached !== undefined) return cached;
  const named = new Set<string>();
  const namespaces = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !QUEUE_LIBRARIES.has(packageNameOf(st.moduleSpecifier.text))) continue;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    else if (bindings) for (const el of bindings.elements) if (WORKER_CLASS.test((el.propertyName ?? el.name).text) && !el.isTypeOnly) named.add(el.name.text);
  }
  const isWorkerClass = (n: ts.Node): boolean => {
    if (ts.isIdentifier(n)) return named.has(n.text) && !ts.isImportSpecifier(n.parent);
    if (!ts.isPropertyAccessExpression(n) || !WORKER_CLASS.test(n.name.text)) return false;
    const target = n.expression;
    if (ts.isIdentifier(target)) return namespaces.has(target.text);
    return ts.isCallExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'require' && !!target.arguments[0] && ts.isStringLiteral(target.arguments[0]) && QUEUE_LIBRARIES.has(packageNameOf(target.arguments[0].text));
  };
  const constructedOrTyped = (n: ts.Node): boolean => {
    const parent = n.parent;
    return (ts.isNewExpression(parent) && parent.expression === n) || ts.isExpressionWithTypeArguments(parent) || ts.isTypeQueryNode(parent) || ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent);
  };
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (isWorkerClass(n) && !constructedOrTyped(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  passing.set(sf, found);
  return found;
}
