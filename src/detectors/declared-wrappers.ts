import path from 'node:path';
import type { WrapperDeclaration } from '../config/types.js';
import { ts } from '../util/typescript.js';
import { ROOT } from '../values/context.js';
import { UNDEF, unknown, type Value } from '../values/domain.js';
import { nodeId, relativePath } from '../values/program.js';
import { type DetectorContext, instantiate, location, openIn, reportedAt, runsAt, symbolOf } from './context.js';
import { analyzeProcessor } from './dispatch.js';
import { toName } from './names.js';

/**
 * Calls of in-house wrappers declared in the config's `workers` list — for wrappers the engine
 * cannot see into (a compiled package, a dynamic `require`). The callee must be the declared
 * export of the declared module: a package import, or a repository file (path without
 * extension, or a workspace package name that resolves to it).
 */
export function detectDeclaredWrapper(node: ts.CallExpression | ts.NewExpression, dc: DetectorContext, wrappers: readonly WrapperDeclaration[]): void {
  if (wrappers.length === 0) return;
  const callee = dc.interp.question(() => dc.interp.eval(node.expression, ROOT), () => UNDEF);
  const wrapper = wrappers.find((w) => isDeclared(callee, w, dc, node));
  if (!wrapper) return;
  const args = node.arguments ?? [];
  const arg = (i: number | undefined, ctx: import('../values/context.js').Ctx): Value => (i === undefined ? UNDEF : args[i] ? dc.interp.eval(args[i]!, ctx) : UNDEF);
  const instances = instantiate(
    dc,
    (ctx) => ({ queue: arg(wrapper.queueArg, ctx), second: arg(wrapper.role === 'producer' ? wrapper.nameArg : wrapper.processorArg, ctx) }),
    (r) => openIn(r.queue, wrapper.role === 'producer' ? r.second : undefined),
    () => ({ queue: unknown('bound: the evaluation budget ran out', node), second: UNDEF }),
  );
  const library = wrapper.library ?? 'bullmq';
  for (const inst of instances) {
    const at = reportedAt(inst, node, inst.result.queue);
    const queue = toName(dc.root, inst.result.queue.k === 'undef' ? unknown(`argument ${wrapper.queueArg + 1} (the queue) is missing`, node) : inst.result.queue, node, 'queue name');
    const base = { library, location: location(dc, at), queue, runs: runsAt(dc, inst, node), symbol: symbolOf(at) };
    if (wrapper.role === 'producer') {
      const job = wrapper.nameArg === undefined ? { value: '__default__' } : toName(dc.root, inst.result.second.k === 'undef' ? unknown(`argument ${wrapper.nameArg + 1} (the job name) is missing`, node) : inst.result.second, node, 'job name');
      dc.emit({ ...base, type: 'producer', kind: 'add', job });
      continue;
    }
    dc.emit({
      ...base,
      type: 'consumer',
      kind: 'worker',
      ...analyzeProcessor(inst.result.second, dc.interp, dc.root),
      definition: `${nodeId(dc.root, at)}`,
      label: wrapper.export,
    });
  }
}

function isDeclared(callee: Value, w: WrapperDeclaration, dc: DetectorContext, at: ts.Node): boolean {
  if (callee.k === 'lib') return callee.module === w.module && callee.path[callee.path.length - 1] === w.export;
  const decl = callee.k === 'fn' ? callee.decl : callee.k === 'class' ? callee.decl : undefined;
  if (!decl) return false;
  const name = (decl as ts.NamedDeclaration).name?.getText() ?? (decl.parent && ts.isVariableDeclaration(decl.parent) ? decl.parent.name.getText() : undefined);
  if (name !== w.export) return false;
  const file = relativePath(dc.root, decl.getSourceFile().fileName).replace(/\.[cm]?[jt]sx?$/, '');
  const declared = w.module.replace(/^\.\//, '').replace(/\.[cm]?[jt]sx?$/, '');
  if (file === declared || file === `${declared}/index`) return true;
  // A workspace package name (or any specifier): the file it resolves to from the call's file.
  const r = dc.resolver.resolve(at.getSourceFile().fileName, w.module);
  return r.kind === 'file' && r.file === decl.getSourceFile().fileName && path.posix.isAbsolute(r.file);
}
