import { ts } from '../util/typescript.js';
import { isFunctionNode, lookup } from './scope.js';

/**
 * What code adds to an array a variable holds: `jobs.push({ name: 'message', data })` in a loop,
 * `jobs.unshift(x)`, `jobs.splice(i, 0, x)`, `jobs[i] = x`, `jobs.fill(x)`. The engine is
 * flow-insensitive, so the variable's array is its initializer's elements plus every element
 * added anywhere in its scope: `const jobs = []; for (…) jobs.push(job); await q.addBulk(jobs)`
 * produces each pushed job instead of an empty list (which dropped the producer silently).
 */
export function elementsAddedTo(d: ts.VariableDeclaration): readonly ts.Expression[] {
  const cached = cache.get(d);
  if (cached) return cached;
  const out: ts.Expression[] = [];
  if (ts.isIdentifier(d.name)) {
    const name = d.name.text;
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n.text === name && n !== d.name) {
        const added = addedThrough(n);
        if (added.length > 0) {
          const target = lookup(name, n);
          if (target?.kind === 'var' && target.decl === d) out.push(...added);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(scopeOf(d));
  }
  cache.set(d, out);
  return out;
}

const cache = new WeakMap<ts.VariableDeclaration, ts.Expression[]>();

/** The function (or file) a variable lives in: where code can reach it by name. */
function scopeOf(d: ts.VariableDeclaration): ts.Node {
  let scope: ts.Node = d;
  while (scope.parent && !ts.isSourceFile(scope) && !isFunctionNode(scope)) scope = scope.parent;
  return scope;
}

/** The expressions a use of the array's name adds to it (spreads stay spreads). */
function addedThrough(id: ts.Identifier): ts.Expression[] {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === id) {
    const call = parent.parent;
    if (!ts.isCallExpression(call) || call.expression !== parent) return [];
    switch (parent.name.text) {
      case 'push':
      case 'unshift':
        return [...call.arguments];
      case 'splice':
        return call.arguments.slice(2);
      case 'fill':
        return call.arguments.slice(0, 1);
      default:
        return [];
    }
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === id) {
    const assignment = parent.parent;
    if (ts.isBinaryExpression(assignment) && assignment.left === parent && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) return [assignment.right];
  }
  return [];
}
