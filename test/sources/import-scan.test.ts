import { describe, expect, it } from 'vitest';
import { type ImportRecord, scanImports } from '../../src/sources/import-scan.js';

type Case = [title: string, code: string, expected: Array<Partial<ImportRecord> & { spec: string }>];

const rec = (spec: string, names: string[], kind: ImportRecord['kind'] = 'static', typeOnly = false) => ({ spec, names, kind, typeOnly });

// Every import form a repository uses, and the text that only looks like one.
const cases: Case[] = [
  ['named', `import { Queue, Worker as W } from 'bullmq';`, [rec('bullmq', ['Queue', 'Worker'])]],
  ['default and named', `import x, { a } from "./x.js"`, [rec('./x.js', ['default', 'a'])]],
  ['namespace', `import * as q from '../queues'`, [rec('../queues', ['*'])]],
  ['default and namespace', `import d, * as ns from 'm'`, [rec('m', ['default', '*'])]],
  ['side effect', `import './polyfill'`, [rec('./polyfill', [])]],
  ['type only', `import type { Job } from 'bullmq'`, [rec('bullmq', ['Job'], 'static', true)]],
  ['type elements only', `import { type Job, type Queue } from 'bullmq'`, [rec('bullmq', ['Job', 'Queue'], 'static', true)]],
  ['mixed type element', `import { type Job, Queue } from 'bullmq'`, [rec('bullmq', ['Job', 'Queue'])]],
  ['default named type', `import type from './type'`, [rec('./type', ['default'])]],
  ['string name', `import { "a-b" as ab } from './x'`, [rec('./x', ['a-b'])]],
  ['multi-line', `import {\n  A,\n  // comment\n  B,\n} from '@acme/queue';`, [rec('@acme/queue', ['A', 'B'])]],
  ['re-export named', `export { a as b, c } from './c'`, [rec('./c', ['a', 'c'], 'reexport')]],
  ['re-export star', `export * from './d'`, [rec('./d', ['*'], 'reexport')]],
  ['re-export namespace', `export * as svc from './svc'`, [rec('./svc', ['*'], 'reexport')]],
  ['re-export type', `export type { T } from './t'`, [rec('./t', ['T'], 'reexport', true)]],
  ['local export list', `const a = 1; export { a };`, []],
  ['export declaration', `export const x = require('./y');`, [rec('./y', ['*'], 'require')]],
  ['require', `const { Worker } = require('bullmq')`, [rec('bullmq', ['*'], 'require')]],
  ['import equals', `import bull = require('bull')`, [rec('bull', ['*'], 'require')]],
  ['dynamic import', `const m = await import('./lazy')`, [rec('./lazy', ['*'], 'dynamic')]],
  ['import.meta', `const u = new URL('./x.js', import.meta.url)`, []],
  ['member named require', `obj.require('x'); a.import('y')`, []],
  ['in a line comment', `// import { Queue } from 'bullmq'\nexport {}`, []],
  ['in a block comment', `/* require('bull') */`, []],
  ['in a string', `const s = "import { Queue } from 'bullmq'";`, []],
  ['in a template', 'const s = `require("bull") ${x} import y from "z"`;', []],
  ['after a template substitution', 'const s = `${a + `${b}`}`; import q from "./q";', [rec('./q', ['default'])]],
  ['regex with quote', `const r = /'/g;\nimport z from './z';`, [rec('./z', ['default'])]],
  ['division is not a regex', `const half = a / 2; const q = b / 3; import w from './w';`, [rec('./w', ['default'])]],
  ['JSX apostrophe recovers at the line end', `const el = <p>Don't do this</p>;\nconst m = require('./after');`, [rec('./after', ['*'], 'require')]],
  ['dynamic import of a variable', `import(name)`, []],
  ['many', `import a from 'a'\nimport b from 'b'\nexport * from 'c'`, [rec('a', ['default']), rec('b', ['default']), rec('c', ['*'], 'reexport')]],
];

describe('scanImports', () => {
  it.each(cases)('%s', (_title, code, expected) => {
    expect(scanImports(code).map(({ at: _at, ...r }) => r)).toEqual(expected);
  });
});
