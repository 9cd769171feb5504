import path from 'node:path';
import type { Resolution } from '../resolution/module-resolver.js';
import type { SourceLocation } from '../model/result.js';
import { ts } from '../util/typescript.js';

/**
 * What the interpreter needs from the stages before it: parsed files (read once, on demand)
 * and imports resolved as TypeScript resolves them. Nothing else about the repository.
 */
export interface Program {
  /** Absolute path of the analysed root; locations are relative to it. */
  readonly root: string;
  sourceFile(abs: string): ts.SourceFile | undefined;
  resolve(fromAbs: string, specifier: string): Resolution;
  /** The Nest queue library a file's package depends on, for bare string tokens (`'BullQueue_x'`). */
  nestLibraryOf(abs: string): 'bullmq' | 'bull' | undefined;
}

export function locationOf(root: string, node: ts.Node): SourceLocation {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { file: relativePath(root, sf.fileName), line: line + 1, column: character + 1 };
}

export function relativePath(root: string, abs: string): string {
  if (abs.startsWith(`${root}/`)) return abs.slice(root.length + 1);
  return path.posix.relative(root, abs) || '.';
}

/** `file:line:column` of a node: a stable identity for definitions and anchors across stages. */
export function nodeId(root: string, node: ts.Node): string {
  const l = locationOf(root, node);
  return `${l.file}:${l.line}:${l.column}`;
}

/** The source text of a node on one line, shortened for messages. */
export function oneLine(node: ts.Node, max = 60): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
