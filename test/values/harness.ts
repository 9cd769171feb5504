import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverPackages } from '../../src/discovery/packages.js';
import { listFiles } from '../../src/discovery/list-files.js';
import { createResolution } from '../../src/resolution/index.js';
import { scanImports } from '../../src/sources/import-scan.js';
import { SourceStore } from '../../src/sources/source-store.js';
import { ts } from '../../src/util/typescript.js';
import { ROOT } from '../../src/values/context.js';
import type { Value } from '../../src/values/domain.js';
import { createEngine, type Engine } from '../../src/values/index.js';
import { writeFiles } from '../support/repo-files.js';

/** A small repository on disk with the value engine over it. */
export interface Repo {
  root: string;
  engine: Engine;
  /** The expression whose text is exactly `text` in `file` (repo-relative). */
  expr(file: string, text: string): ts.Expression;
  /** Its value in the root context. */
  value(file: string, text: string): Value;
  cleanup(): void;
}

export function repo(files: Record<string, string>): Repo {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jo-values-')));
  writeFiles(root, files);
  const listing = listFiles(root, { include: [], exclude: [] });
  const packages = discoverPackages(root, listing.manifests);
  const store = new SourceStore(root, () => {});
  const resolution = createResolution({
    root,
    sources: listing.sources,
    others: [...listing.manifests, ...listing.configs],
    packages,
    recordsOf: (abs) => scanImports(store.text(abs) ?? ''),
  });
  const sources = listing.sources.map((rel) => path.join(root, rel));
  const engine = createEngine({ root, store, resolution, packages, callFiles: () => sources });
  const expr = (file: string, text: string): ts.Expression => {
    const sf = store.get(path.join(root, file));
    if (!sf) throw new Error(`${file} did not parse`);
    let found: ts.Expression | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isExpression(n) && n.getText() === text) found = n;
      else ts.forEachChild(n, visit);
    };
    visit(sf);
    if (!found) throw new Error(`no expression \`${text}\` in ${file}`);
    return found;
  };
  return {
    root,
    engine,
    expr,
    value: (file, text) => engine.interp.eval(expr(file, text), ROOT),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** A value as plain data for assertions: strings, alternatives, handles by role and name. */
export function show(v: Value): unknown {
  switch (v.k) {
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'undef':
      return undefined;
    case 'null':
      return null;
    case 'oneOf':
      return { oneOf: v.alts.map((a) => ({ value: show(a.value), cond: a.cond, default: a.isDefault })) };
    case 'handle':
      return { handle: v.h.role, library: v.h.library, name: show(v.h.name), ...(v.h.prefix ? { prefix: show(v.h.prefix) } : {}) };
    case 'unknown':
      return { unknown: v.reason };
    case 'open':
      return { open: v.what };
    case 'arr':
      return v.items.map((t) => show(t()));
    case 'env':
      return { env: v.name };
    default:
      return { [v.k]: true };
  }
}
