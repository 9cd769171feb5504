import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { toRelative } from '../util/paths.js';

/** Files larger than this are not parsed: they are generated bundles, not queue wiring. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Files whose syntax tree is deeper than this are not analysed. The parser loops over long
 * binary, `else if` and method chains, so it accepts them, but every later pass (the detector
 * walk, name evaluation, binding) recurses and overflows the stack at about 2,000 levels.
 * Hand-written code stays far below; generated string concatenations do not.
 */
export const MAX_TREE_DEPTH = 1000;

export type SkipReporter = (file: string, reason: string) => void;

/**
 * Lazily reads and parses source files, once each. We use the TypeScript compiler API that
 * ts-morph bundles, without a Program or type checker: a parse per candidate file is all the
 * analysis needs, and it keeps cold runs within the benchmark budget (see bench/RESULTS.md).
 */
export class SourceStore {
  private readonly parsed = new Map<string, ts.SourceFile | null>();
  private readonly texts = new Map<string, string | null>();

  /** sha1 of every file read, by absolute path, when asked for: the result cache's key is built from it. */
  readonly hashes = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly onSkip: SkipReporter,
    private readonly recordHashes = false,
  ) {}

  /** Text of a file, or null when unreadable/binary (reported once as skipped). */
  text(abs: string): string | null {
    const cached = this.texts.get(abs);
    if (cached !== undefined) return cached;
    const text = this.readText(abs);
    this.texts.set(abs, text);
    return text;
  }

  /** Parsed file, or null when it cannot be analysed (reported once as skipped). */
  get(abs: string): ts.SourceFile | null {
    const cached = this.parsed.get(abs);
    if (cached !== undefined) return cached;
    let result: ts.SourceFile | null = null;
    const text = this.text(abs);
    if (text !== null) {
      try {
        const sf = ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, true, scriptKind(abs));
        const diagnostics = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
        const first = diagnostics[0];
        if (first) {
          const { line } = sf.getLineAndCharacterOfPosition(first.start);
          this.skip(abs, `syntax error at line ${line + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`);
        } else if (treeDepthExceeds(sf, MAX_TREE_DEPTH)) {
          this.skip(abs, `nested deeper than ${MAX_TREE_DEPTH} levels`);
        } else {
          result = sf;
        }
      } catch (error) {
        // Deeply nested input can overflow the parser's stack; that file alone is skipped.
        if (error instanceof RangeError) this.skip(abs, 'nested too deeply to parse');
        else this.skip(abs, `could not be parsed (${(error as Error).message.split('\n')[0]})`);
      }
    }
    this.parsed.set(abs, result);
    return result;
  }

  private readText(abs: string): string | null {
    let buffer: Buffer;
    try {
      const stat = fs.statSync(abs);
      if (stat.size > MAX_FILE_BYTES) {
        this.skip(abs, `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
        return null;
      }
      buffer = fs.readFileSync(abs);
    } catch (error) {
      this.skip(abs, `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return null;
    }
    if (buffer.subarray(0, 8000).includes(0)) {
      this.skip(abs, 'binary content');
      return null;
    }
    if (this.recordHashes) this.hashes.set(abs, crypto.createHash('sha1').update(buffer).digest('hex'));
    const text = buffer.toString('utf8');
    if (text.includes('\uFFFD') && !buffer.includes(Buffer.from('\uFFFD', 'utf8'))) {
      this.skip(abs, 'not valid UTF-8');
      return null;
    }
    return text;
  }

  private skip(abs: string, reason: string): void {
    this.onSkip(toRelative(this.root, abs), reason);
  }
}

/** Iterative (the point is not to recurse): whether any node lies deeper than `limit`. */
function treeDepthExceeds(sf: ts.SourceFile, limit: number): boolean {
  const nodes: ts.Node[] = [sf];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    ts.forEachChild(node, (child) => {
      nodes.push(child);
      depths.push(depth + 1);
    });
  }
  return false;
}

function scriptKind(file: string): ts.ScriptKind {
  const ext = path.extname(file);
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
