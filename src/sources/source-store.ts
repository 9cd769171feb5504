import path from 'node:path';
import { ts } from '../util/typescript.js';
import { toRelative } from '../util/paths.js';
import { notePath } from '../util/watched-paths.js';
import { decodeUtf8, type FileStamp, MARKERS, type Marker, markerBits, readFileBytes } from './file-bytes.js';
import { type ImportRecord, scanImportBytes, unpackRecords } from './import-scan.js';
import type { ReadAhead } from './read-ahead.js';
import { NOT_READ, SKIPPED } from './read-batch.js';

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
  /**
   * Raw bytes of the files read on this thread (not those the read-ahead threads read, unless
   * their text is asked for): a file's markers and imports are found in its bytes, without
   * decoding UTF-8.
   */
  private readonly bytes = new Map<string, Buffer | null>();
  private readonly markerBits = new Map<string, number>();

  /** Stamp of every file read, when asked for: the result cache's key (no second stat). */
  readonly stats = new Map<string, FileStamp>();

  /**
   * What the analysis learned from each file, beyond its marker bits and import records: files
   * whose text was decoded (parsed, matched against a pattern). Everything the analysis knows
   * about any other file is its imports and markers. The result cache uses this to reuse a
   * result when only such files changed (cache/evidence.ts).
   */
  readonly decoded = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly onSkip: SkipReporter,
    private readonly recordStats = false,
  ) {}

  /**
   * Takes what the read-ahead threads learned: the same marker bits, import records, stats and
   * skip reasons the store would have produced reading those files itself, in the same order.
   * Not their bytes: a file whose text is needed is read again (`primed` keeps the first read's
   * stamp, which is what the result cache records; a file edited in between is within that
   * run's racy window, cache/racy.ts, so the next run checks it again).
   */
  prime({ files, result }: ReadAhead): void {
    const skipped = new Map(result.skipped);
    for (let i = 0; i < files.length; i++) {
      const abs = files[i]!;
      const status = result.status[i]!;
      if (status === NOT_READ) continue;
      if (status === SKIPPED) {
        this.bytes.set(abs, null);
        this.markerBits.set(abs, 0);
        this.skip(abs, skipped.get(i) ?? 'unreadable');
        continue;
      }
      this.markerBits.set(abs, result.bits[i]!);
      this.packed.set(abs, result.imports[i]!);
      this.primed.add(abs);
      if (this.recordStats) this.stats.set(abs, [result.size[i]!, result.mtimeMs[i]!, result.ctimeMs[i]!]);
    }
  }

  /** Files the read-ahead threads read: their stamp is already known. */
  private readonly primed = new Set<string>();

  /**
   * Text of a file, or null when unreadable/binary/not UTF-8 (reported once as skipped).
   * `purpose: 'imports'` is for a scan of its import specifiers only, which the cache's evidence
   * records by their fingerprint (`noteImports`) instead of counting the whole file as read.
   */
  text(abs: string, purpose: 'full' | 'imports' = 'full'): string | null {
    if (purpose === 'full') this.decoded.add(abs);
    const cached = this.texts.get(abs);
    if (cached !== undefined) return cached;
    const buffer = this.buffer(abs);
    let text: string | null = null;
    if (buffer) {
      text = decodeUtf8(buffer);
      if (text === null) this.skip(abs, 'not valid UTF-8');
    }
    this.texts.set(abs, text);
    return text;
  }

  private readonly records = new Map<string, readonly ImportRecord[]>();

  /**
   * The file's import records (sources/import-scan.ts), from its bytes: what the import graph and
   * the relevance filter know of every file the detectors never parse.
   */
  importRecords(abs: string): readonly ImportRecord[] {
    let list = this.records.get(abs);
    if (!list) {
      const packed = this.packed.get(abs);
      if (packed !== undefined) list = unpackRecords(packed);
      else {
        const buffer = this.buffer(abs);
        list = buffer ? scanImportBytes(buffer) : [];
      }
      this.records.set(abs, list);
    }
    return list;
  }

  /** Records the read-ahead thread scanned, still packed (decoded on first use). */
  private readonly packed = new Map<string, string>();

  /** Records already known (primed from the read-ahead thread), by file. */
  primeRecords(abs: string, list: readonly ImportRecord[]): void {
    this.records.set(abs, list);
  }

  /**
   * Whether a file contains one of the markers every pass over the whole repository asks
   * about; all four are found in one visit of the bytes and remembered, so later passes cost
   * a map lookup per file, not a scan.
   */
  hasMarker(abs: string, marker: Marker): boolean {
    let bits = this.markerBits.get(abs);
    if (bits === undefined) {
      const buffer = this.buffer(abs);
      bits = buffer ? markerBits(buffer) : 0;
      this.markerBits.set(abs, bits);
    }
    return (bits & (1 << MARKERS.indexOf(marker))) !== 0;
  }

  /** Marker bits of every file tested, for the cache's evidence (only non-zero ones). */
  nonZeroMarkerBits(): Map<string, number> {
    return new Map([...this.markerBits].filter(([, bits]) => bits !== 0));
  }

  /** How many files were parsed (for `--timings`: the relevance filter's cost in files). */
  get parsedCount(): number {
    return this.parsed.size;
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

  private buffer(abs: string): Buffer | null {
    const cached = this.bytes.get(abs);
    if (cached !== undefined) return cached;
    const buffer = this.readBuffer(abs);
    this.bytes.set(abs, buffer);
    return buffer;
  }

  private readBuffer(abs: string): Buffer | null {
    const outcome = readFileBytes(abs);
    if (!outcome.ok) {
      // A file the analysis could not read is part of what it depends on, too.
      notePath(abs);
      this.skip(abs, outcome.reason);
      return null;
    }
    if (this.recordStats && !this.primed.has(abs)) this.stats.set(abs, outcome.stamp);
    return outcome.buffer;
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
