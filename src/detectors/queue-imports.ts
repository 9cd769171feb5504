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
