/**
 * Types for the TypeScript compiler that ts-morph bundles (its `dist/typescript.js`, whose
 * declarations ship as `lib/typescript.d.ts` under another name). See util/typescript.ts.
 */
declare module '@ts-morph/common/dist/typescript.js' {
  import { ts } from '@ts-morph/common/lib/typescript.js';
  export = ts;
}
