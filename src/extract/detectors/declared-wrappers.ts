import path from 'node:path';
import { ts } from '../../util/typescript.js';
import type { WrapperDeclaration } from '../../config/types.js';
import type { AnalysisContext } from '../context.js';
import { analyzeProcessor, resolveFunction } from '../dispatch.js';
import type { Detector } from './types.js';

/**
 * Calls to in-house wrappers declared in the config's `workers` list — for wrappers the inference
 * cannot see into (a compiled package, a dynamic `require`). The callee must come from the
 * declared module: an external package import, or a repository file (path without extension).
 */
export function declaredWrapperDetector(wrappers: WrapperDeclaration[]): Detector {
  return {
    id: 'declared-wrappers',
    kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
    detect(node, ctx, emit) {
      const call = node as ts.CallExpression | ts.NewExpression;
      const wrapper = wrappers.find((w) => isDeclaredCallee(call.expression, w, ctx));
      if (!wrapper) return;
      const args = call.arguments ?? [];
      const location = ctx.location(call);
      const queue = ctx.name(args[wrapper.queueArg], call, `argument ${wrapper.queueArg + 1} (the queue) is missing`);
      const library = wrapper.library ?? 'bullmq';
      if (wrapper.role === 'producer') {
        const job = wrapper.nameArg === undefined ? { value: '__default__' } : ctx.name(args[wrapper.nameArg], call, `argument ${wrapper.nameArg + 1} (the job name) is missing`);
        emit({ type: 'producer', kind: 'add', library, location, queue, job });
        return;
      }
      const processor = wrapper.processorArg === undefined ? undefined : args[wrapper.processorArg];
      const fn = processor && resolveFunction(processor, ctx);
      emit({
        type: 'consumer',
        kind: 'worker',
        library,
        location,
        queue,
        ...analyzeProcessor(fn, ctx),
        definition: `${location.file}:${location.line}:${location.column}`,
        label: wrapper.export,
      });
    },
  };
}

function isDeclaredCallee(callee: ts.Expression, wrapper: WrapperDeclaration, ctx: AnalysisContext): boolean {
  const text = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (!text) return false;
  const origin = ctx.originOf(callee);
  if (origin) return origin.module === wrapper.module && origin.name === wrapper.export;
  const binding = ctx.bindingOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  if (binding?.kind !== 'declaration') return false;
  const declaredName = (binding.node as ts.NamedDeclaration).name?.getText();
  if (declaredName !== wrapper.export) return false;
  const file = ctx.relative(binding.node.getSourceFile().fileName).replace(/\.[cm]?[jt]sx?$/, '');
  const declared = wrapper.module.replace(/^\.\//, '').replace(/\.[cm]?[jt]sx?$/, '');
  if (file === declared || file === `${declared}/index`) return true;
  // A workspace package name: the file its entry resolves to.
  const resolved = ctx.resolver.resolve(path.join(ctx.root, 'package.json'), wrapper.module);
  return !!resolved && ctx.relative(resolved).replace(/\.[cm]?[jt]sx?$/, '') === file;
}
