import path from 'node:path';
import { ts } from '../util/typescript.js';
import type { AnalysisContext } from './context.js';
import { type FunctionLike, isFunctionLike, resolveFunction } from './dispatch.js';
import { skipOuter } from './evaluate.js';
import { resolveAsFileOrDirectory } from './module-resolver.js';
import { isFile } from '../util/fs.js';

export interface SandboxedProcessor {
  /** Absolute path of the processor's source file, when found. */
  file?: string;
  /** Its default export, when it is a function we can read. */
  fn?: FunctionLike;
  reason: string;
}

const PATH_MODULES = new Set(['path', 'node:path', 'path/posix', 'node:path/posix']);
const URL_MODULES = new Set(['url', 'node:url']);

/**
 * A processor given as a file path or URL runs in a child process (SPEC §2.7). We evaluate the
 * path the way Node would at runtime — `__dirname` of the compiled file mirrors the source
 * folder — then map the `.js` name to its `.ts` source and read its default export.
 * Returns undefined when the expression is not path-like (a function processor).
 */
export function resolveSandboxedProcessor(expr: ts.Expression, ctx: AnalysisContext): SandboxedProcessor | undefined {
  if (!isPathLike(expr, ctx)) return undefined;
  const raw = evaluatePath(expr, ctx);
  if (!raw) return { reason: `path \`${expr.getText().slice(0, 60)}\` is not static` };
  // A relative path is resolved by Node against the working directory: the package folder.
  const evaluated = path.isAbsolute(raw) ? raw : path.resolve(packageDirOf(expr.getSourceFile().fileName, ctx.root), raw);
  const file = resolveAsFileOrDirectory(evaluated) ?? resolveAsFileOrDirectory(evaluated.replace(/([/\\])(dist|build|out)([/\\])/, '$1src$3'));
  if (!file) return { reason: `${ctx.relative(evaluated)} not found` };
  const sf = ctx.store.get(file);
  if (!sf) return { file, reason: 'processor file could not be parsed' };
  const exported = ctx.binder.resolveExport(sf, 'default');
  let fn: FunctionLike | undefined;
  if (exported?.kind === 'declaration' && isFunctionLike(exported.node)) fn = exported.node;
  else if (exported?.kind === 'expression') fn = resolveFunction(exported.node, ctx);
  else if (exported?.kind === 'declaration' && ts.isVariableDeclaration(exported.node) && exported.node.initializer) fn = resolveFunction(exported.node.initializer, ctx);
  return { file, fn, reason: fn ? 'default export' : 'no default-exported function' };
}

function isPathLike(expr: ts.Expression, ctx: AnalysisContext): boolean {
  const e = skipOuter(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return true;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL') return true;
  if (ts.isCallExpression(e)) return pathCall(e, ctx) !== undefined;
  if (ts.isIdentifier(e)) {
    const binding = ctx.binder.resolveIdentifier(e);
    if (binding?.kind === 'declaration' && ts.isVariableDeclaration(binding.node) && binding.node.initializer && !isFunctionLike(binding.node.initializer)) {
      const init = skipOuter(binding.node.initializer);
      return !ts.isArrowFunction(init) && !ts.isFunctionExpression(init) && isPathLike(init, ctx);
    }
  }
  return false;
}

/** `path.join` / `join` / `resolve` / `pathToFileURL` / `fileURLToPath`, by import origin. */
function pathCall(call: ts.CallExpression, ctx: AnalysisContext): 'join' | 'resolve' | 'dirname' | 'identity' | undefined {
  const origin = ctx.originOf(call.expression);
  if (!origin) return undefined;
  if (PATH_MODULES.has(origin.module) && (origin.name === 'join' || origin.name === 'resolve' || origin.name === 'dirname')) return origin.name;
  if (URL_MODULES.has(origin.module) && (origin.name === 'pathToFileURL' || origin.name === 'fileURLToPath')) return 'identity';
  return undefined;
}

function evaluatePath(expr: ts.Expression, ctx: AnalysisContext, depth = 0): string | undefined {
  if (depth > 10) return undefined;
  const e = skipOuter(expr);
  const file = e.getSourceFile().fileName;
  const dir = path.dirname(file);
  if (ts.isIdentifier(e)) {
    if (e.text === '__dirname') return dir;
    if (e.text === '__filename') return file;
    const binding = ctx.binder.resolveIdentifier(e);
    if (binding?.kind === 'declaration' && ts.isVariableDeclaration(binding.node) && binding.node.initializer) return evaluatePath(binding.node.initializer, ctx, depth + 1);
  }
  if (ts.isPropertyAccessExpression(e) && ts.isMetaProperty(e.expression)) {
    if (e.name.text === 'dirname') return dir;
    if (e.name.text === 'filename') return file;
    if (e.name.text === 'url') return `file://${file}`;
  }
  if (ts.isCallExpression(e)) {
    const kind = pathCall(e, ctx);
    if (kind === 'identity' && e.arguments[0]) return stripFileUrl(evaluatePath(e.arguments[0], ctx, depth + 1));
    if (kind === 'dirname' && e.arguments[0]) {
      const inner = stripFileUrl(evaluatePath(e.arguments[0], ctx, depth + 1));
      return inner === undefined ? undefined : path.dirname(inner);
    }
    if (kind === 'join' || kind === 'resolve') {
      const parts: string[] = [];
      for (const arg of e.arguments) {
        const part = stripFileUrl(evaluatePath(arg, ctx, depth + 1));
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return kind === 'join' ? path.join(...parts) : path.resolve(dir, ...parts);
    }
    return undefined;
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL' && e.arguments?.[0]) {
    const relative = evaluatePath(e.arguments[0], ctx, depth + 1);
    const base = e.arguments[1] ? stripFileUrl(evaluatePath(e.arguments[1], ctx, depth + 1)) : undefined;
    if (relative === undefined) return undefined;
    if (relative.startsWith('file://')) return stripFileUrl(relative);
    return base ? path.resolve(path.dirname(base), relative) : undefined;
  }
  if (ts.isTemplateExpression(e) || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    const pieces = ts.isTemplateExpression(e) ? templatePieces(e) : [e.left, e.right];
    let out = '';
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        out += piece;
        continue;
      }
      const value = evaluatePath(piece, ctx, depth + 1);
      if (value === undefined) return undefined;
      out += value;
    }
    return out;
  }
  const literal = ctx.evaluator.string(e);
  return literal.ok ? literal.value : undefined;
}

function templatePieces(e: ts.TemplateExpression): Array<string | ts.Expression> {
  const out: Array<string | ts.Expression> = [e.head.text];
  for (const span of e.templateSpans) out.push(span.expression, span.literal.text);
  return out;
}

function stripFileUrl(p: string | undefined): string | undefined {
  return p?.startsWith('file://') ? decodeURIComponent(p.slice('file://'.length)) : p;
}

function packageDirOf(file: string, root: string): string {
  let dir = path.dirname(file);
  while (dir.length > root.length) {
    if (isFile(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return root;
}
