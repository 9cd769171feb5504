import path from 'node:path';
import { ts } from '../util/typescript.js';
import type { Value } from '../values/domain.js';
import { relativePath } from '../values/program.js';
import type { DetectorContext } from './context.js';

export interface SandboxedProcessor {
  /** Absolute path of the processor's source file, when found. */
  file?: string;
  /** Its default export. */
  fn?: Value;
  reason: string;
}

/**
 * A processor given as a file path or URL runs in a child process (SPEC §2.7). The interpreter
 * has already evaluated the path the way Node would (`__dirname` of the compiled file mirrors
 * the source folder); here it is mapped from the built `.js` name to the `.ts` source, and the
 * file's default export is the processor. Undefined when the value is no path.
 */
export function sandboxedProcessor(dc: DetectorContext, v: Value, at: ts.Node): SandboxedProcessor | undefined {
  if (v.k !== 'str') return undefined;
  const raw = v.v.startsWith('file://') ? decodeURIComponent(v.v.slice('file://'.length)) : v.v;
  const from = at.getSourceFile().fileName;
  // A relative path is resolved by Node against the working directory: the package folder.
  const abs = path.posix.isAbsolute(raw) ? raw : path.posix.resolve(packageDirOf(dc, from), raw);
  const candidates = [abs, abs.replace(/\/(dist|build|out)\//, '/src/'), abs.replace(/\/(dist|build|out)\/(?:src\/)?/, '/')];
  for (const candidate of candidates) {
    for (const spec of [candidate, candidate.replace(/\.js$/, '')]) {
      const r = dc.resolver.resolve(from, spec);
      if (r.kind !== 'file') continue;
      const sf = dc.interp.program.sourceFile(r.file);
      if (!sf) return { file: r.file, reason: 'processor file could not be parsed' };
      const fn = dc.interp.exportValue(sf, 'default', sf, 0);
      return { file: r.file, fn, reason: fn.k === 'fn' ? 'default export' : 'no default-exported function' };
    }
  }
  return { reason: `${relativePath(dc.root, abs)} not found` };
}

function packageDirOf(dc: DetectorContext, file: string): string {
  for (let dir = path.posix.dirname(file); dir.length > dc.root.length; dir = path.posix.dirname(dir)) {
    if (ts.sys.fileExists(`${dir}/package.json`)) return dir;
  }
  return dc.root;
}
