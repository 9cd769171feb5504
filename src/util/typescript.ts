/**
 * The TypeScript compiler API that ts-morph bundles, loaded with `require`. An ESM `import` of
 * ts-morph (a CommonJS package) makes Node scan its source for export names first — about 70 ms
 * of every cold run, spent before anything is parsed. TypeScript compiles this form to
 * `createRequire(import.meta.url)`, and `ts` keeps both its values and its types.
 */
import tsMorph = require('ts-morph');

export import ts = tsMorph.ts;
