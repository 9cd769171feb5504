/**
 * The TypeScript compiler API that ts-morph bundles, loaded with `require` straight from its file.
 * Through `require('ts-morph')` a cold run also loaded ts-morph and @ts-morph/common (their
 * own code and dependencies, about 140 ms on the bench machine) to reach the same object; and
 * an ESM `import` of a CommonJS package makes Node scan its source for export names first.
 * TypeScript compiles this form to `createRequire(import.meta.url)`, and `ts` keeps both its
 * values and its types (util/bundled-typescript.d.ts).
 */
import typescript = require('@ts-morph/common/dist/typescript.js');

export import ts = typescript;
