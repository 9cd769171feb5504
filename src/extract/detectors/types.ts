import type { ts } from 'ts-morph';
import type { AnalysisContext } from '../context.js';
import type { Fact } from '../facts.js';

/**
 * A detector recognises one API shape and turns it into facts. It declares the syntax kinds it
 * wants so one traversal per file serves every detector. To add support for a new API, write a
 * detector here and list it in `detectors/index.ts`.
 */
export interface Detector {
  id: string;
  kinds: ts.SyntaxKind[];
  detect(node: ts.Node, ctx: AnalysisContext, emit: (fact: Fact) => void): void;
}
