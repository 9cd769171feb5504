/**
 * The import specifiers of one file, found without a parse.
 *
 * Every source file of the repository is scanned (the relevance filter and the importer index
 * need the whole import graph), so this must cost far less than a parse: a full lexer in
 * JavaScript ran at 80 MB/s, a second on a 20,000-file tree. Instead the three keywords are found
 * with the native `Buffer#indexOf` on the raw bytes, and each hit is checked locally:
 * identifier boundaries, not a member (`x.require`), `import`/`export` at the start of a
 * statement, not after `//` or inside an unclosed `/*` on code, not inside a quote opened
 * earlier on the same line. Only then is the clause read, from a small decoded window.
 *
 * The local checks err towards finding an import (a line-start `import` inside a multi-line
 * template literal counts); they never skip a statement-level import. It runs on the read-ahead
 * thread (read-ahead-worker.ts).
 */
export interface ImportRecord {
  /** The module specifier as written. */
  spec: string;
  /** Names taken from the module: 'default', '*' (all of it) or a named export; empty for `import 'x'`. */
  names: string[];
  /**
   * `context`: `require(\`./routers/${name}\`)`, `import(\`./jobs/${x}.js\`)` — a module chosen
   * at runtime from a folder; `spec` is the folder (`./routers/`), and every source file under it
   * may be loaded (what webpack calls a context module).
   */
  kind: 'static' | 'reexport' | 'require' | 'dynamic' | 'context';
  /** `import type …`, `export type … from`, or only `type` elements: erased at runtime. */
  typeOnly: boolean;
  /** Byte offset of the keyword in the file (for the line an import path is reported at). */
  at?: number;
}

const enum C {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  DQuote = 34,
  Dollar = 36,
  SQuote = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Comma = 44,
  Dot = 46,
  Slash = 47,
  Semi = 59,
  Eq = 61,
  Backslash = 92,
  Underscore = 95,
  Backtick = 96,
  LBrace = 123,
  RBrace = 125,
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === C.Underscore || c === C.Dollar || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

const KEYWORDS = ['import', 'export', 'require'] as const;
const PORT = Buffer.from('port');
const REQUIRE = Buffer.from('require');

export function scanImports(text: string): ImportRecord[] {
  return scanImportBytes(Buffer.from(text, 'utf8'));
}

export function scanImportBytes(buf: Buffer): ImportRecord[] {
  const out: ImportRecord[] = [];
  const blocks = new BlockComments(buf);
  let consumedTo = 0;
  // `require(` is rare: its positions are merged into the walk over `port` (import/export).
  let requires: number[] | undefined;
  let r = 0;
  for (let at = buf.indexOf(REQUIRE); at !== -1; at = buf.indexOf(REQUIRE, at + 7)) (requires ??= []).push(at);
  const visit = (at: number, word: (typeof KEYWORDS)[number]): void => {
    if (at < consumedTo) return; // inside a clause already read (`import … from './export'`)
    const end = at + word.length;
    if (at > 0 && (isIdentPart(buf[at - 1]!) || buf[at - 1] === C.Dot)) return;
    if (end < buf.length && isIdentPart(buf[end]!)) return;
    const next = nextSignificant(buf, end);
    // `export const …`, `export class …`: most hits, and none of them an import.
    if (word === 'export' && next !== C.LBrace && next !== C.Star && !(next === 116 /* t */ && isTypeReexport(buf, end))) return;
    const call = next === C.LParen;
    if (word === 'require' && !call) return;
    if (!onCode(buf, at, blocks)) return;
    if (word !== 'require' && !call && !atStatementStart(buf, at)) return;
    const before = out.length;
    consumedTo = readClause(buf, end, word, out);
    for (let i = before; i < out.length; i++) out[i]!.at = at;
  };
  // One native search finds both `import` and `export`.
  for (let at = buf.indexOf(PORT); at !== -1; at = buf.indexOf(PORT, at + 4)) {
    if (at < 2) continue;
    const a = buf[at - 2];
    const b = buf[at - 1];
    const word = a === 105 && b === 109 ? 'import' : a === 101 && b === 120 ? 'export' : undefined;
    if (!word) continue;
    while (requires && r < requires.length && requires[r]! < at - 2) visit(requires[r++]!, 'require');
    visit(at - 2, word);
  }
  while (requires && r < requires.length) visit(requires[r++]!, 'require');
  return out;
}

/** `export type {` / `export type *` (not `export type X = …`). */
function isTypeReexport(buf: Buffer, end: number): boolean {
  let i = end;
  while (i < buf.length && buf[i] !== 116) i++;
  if (buf.toString('latin1', i, i + 4) !== 'type' || (i + 4 < buf.length && isIdentPart(buf[i + 4]!))) return false;
  const after = nextSignificant(buf, i + 4);
  return after === C.LBrace || after === C.Star;
}

function nextSignificant(buf: Buffer, from: number): number {
  for (let i = from; i < buf.length; i++) {
    const c = buf[i]!;
    if (c !== C.Space && c !== C.Tab && c !== C.LF && c !== C.CR) return c;
  }
  return -1;
}

/** Only whitespace since the line began, or a `;`, `{`, `}` before the keyword. */
function atStatementStart(buf: Buffer, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = buf[i]!;
    if (c === C.LF) return true;
    if (c === C.Space || c === C.Tab || c === C.CR) continue;
    return c === C.Semi || c === C.LBrace || c === C.RBrace;
  }
  return true;
}

/**
 * Not in a comment or a string, judged from the keyword's own line and the block comments: a
 * `//` or an odd count of quotes before it on its line means comment or string; a block
 * comment (an opening on code, up to its close) around it means comment.
 */
function onCode(buf: Buffer, at: number, blocks: BlockComments): boolean {
  const lineStart = buf.lastIndexOf(C.LF, at - 1) + 1;
  return lineCodeBefore(buf, lineStart, at) && !blocks.contains(at);
}

const OPEN = Buffer.from('/*');
const CLOSE = Buffer.from('*/');

/** The block comments of one file, found once, asked in increasing positions. */
class BlockComments {
  private ranges: number[] | undefined;
  private next = 0;

  constructor(private readonly buf: Buffer) {}

  contains(at: number): boolean {
    const r = (this.ranges ??= this.find());
    while (this.next < r.length && r[this.next + 1]! <= at) this.next += 2;
    return this.next < r.length && r[this.next]! < at;
  }

  private find(): number[] {
    const out: number[] = [];
    const buf = this.buf;
    for (let open = buf.indexOf(OPEN); open !== -1; ) {
      const openLine = buf.lastIndexOf(C.LF, open - 1) + 1;
      if (!lineCodeBefore(buf, openLine, open)) {
        open = buf.indexOf(OPEN, open + 2); // `'src/**/*.ts'`: inside a string
        continue;
      }
      const close = buf.indexOf(CLOSE, open + 2);
      const end = close === -1 ? buf.length : close + 2;
      out.push(open, end);
      open = buf.indexOf(OPEN, end);
    }
    return out;
  }
}

/** Whether position `at` of its line is outside strings and line comments. */
function lineCodeBefore(buf: Buffer, lineStart: number, at: number): boolean {
  let quote = 0;
  for (let i = lineStart; i < at; i++) {
    const c = buf[i]!;
    if (quote !== 0) {
      if (c === C.Backslash) i++;
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === C.SQuote || c === C.DQuote || c === C.Backtick) quote = c;
    else if (c === C.Slash && buf[i + 1] === C.Slash) return false;
  }
  return quote === 0;
}

/** Reads the clause after the keyword; returns the offset where it ended. */
function readClause(buf: Buffer, from: number, word: (typeof KEYWORDS)[number], out: ImportRecord[]): number {
  const scanner = new Scanner(buf, from, out);
  if (word === 'import') scanner.onImport();
  else if (word === 'export') scanner.onExport();
  else scanner.onRequire();
  return scanner.position;
}

/** Reads one clause after `import`, `export` or `require`, from the keyword's end, on the bytes. */
class Scanner {
  position = 0;
  private i: number;
  private readonly n: number;

  constructor(
    private readonly s: Buffer,
    from: number,
    private readonly out: ImportRecord[],
  ) {
    this.i = from;
    this.n = s.length;
  }

  private done(): boolean {
    this.position = this.i;
    return true;
  }

  private skipTrivia(): void {
    const s = this.s;
    while (this.i < this.n) {
      const c = s[this.i]!;
      if (c === C.Space || c === C.Tab || c === C.LF || c === C.CR) this.i++;
      else if (c === C.Slash && s[this.i + 1] === C.Slash) {
        const end = s.indexOf(C.LF, this.i);
        this.i = end === -1 ? this.n : end + 1;
      } else if (c === C.Slash && s[this.i + 1] === C.Star) {
        const end = s.indexOf('*/', this.i + 2);
        this.i = end === -1 ? this.n : end + 2;
      } else return;
    }
  }

  private peek(): number {
    this.skipTrivia();
    return this.i < this.n ? this.s[this.i]! : -1;
  }

  private word(): string | undefined {
    this.skipTrivia();
    if (this.i >= this.n || !isIdentStart(this.s[this.i]!)) return undefined;
    const start = this.i;
    while (this.i < this.n && isIdentPart(this.s[this.i]!)) this.i++;
    return this.s.toString(this.s[start]! > 127 ? 'utf8' : 'latin1', start, this.i);
  }

  /** A quoted string at the cursor (after trivia), or undefined (cursor unchanged). */
  /**
   * A template literal whose static head names a relative folder (`\`./routers/v1/${r}\``):
   * that folder (`./routers/v1/`). The template is skipped whole.
   */
  private templateFolder(): string | undefined {
    if (this.peek() !== C.Backtick) return undefined;
    const s = this.s;
    const start = this.i + 1;
    let j = start;
    while (j < this.n && s[j] !== C.Backtick && !(s[j] === 0x24 && s[j + 1] === 0x7b)) {
      if (s[j] === C.Backslash) j++;
      j++;
    }
    if (j >= this.n || s[j] === C.Backtick) return undefined;
    const head = s.toString('utf8', start, j);
    const slash = head.lastIndexOf('/');
    if (!/^\.{1,2}\//.test(head) || slash < 0) return undefined;
    // Skip to the closing backtick (over `${…}` with nested braces).
    let depth = 0;
    for (; j < this.n; j++) {
      const ch = s[j];
      if (ch === C.Backslash) j++;
      else if (depth === 0 && ch === C.Backtick) break;
      else if (ch === 0x7b) depth++;
      else if (ch === 0x7d) depth--;
    }
    this.i = Math.min(j + 1, this.n);
    return head.slice(0, slash + 1);
  }

  private stringLiteral(): string | undefined {
    const c = this.peek();
    if (c !== C.SQuote && c !== C.DQuote) return undefined;
    const s = this.s;
    this.i++;
    let value = '';
    let from = this.i;
    while (this.i < this.n) {
      const ch = s[this.i]!;
      if (ch === c) {
        value += s.toString('utf8', from, this.i);
        this.i++;
        return value;
      }
      if (ch === C.Backslash) {
        value += s.toString('utf8', from, this.i) + String.fromCharCode(s[this.i + 1] ?? 0);
        this.i += 2;
        from = this.i;
        continue;
      }
      if (ch === C.LF) return undefined;
      this.i++;
    }
    return undefined;
  }

  /** `{ a, b as c, type d, "x-y" as e }` → imported names and whether every one was `type`. */
  private namedList(): { names: string[]; allTypes: boolean } {
    const names: string[] = [];
    let allTypes = true;
    this.i++; // {
    while (this.i < this.n) {
      const c = this.peek();
      if (c === -1) break;
      if (c === C.RBrace) {
        this.i++;
        break;
      }
      if (c === C.Comma) {
        this.i++;
        continue;
      }
      let name: string | undefined;
      let isType = false;
      if (c === C.SQuote || c === C.DQuote) name = this.stringLiteral();
      else {
        name = this.word();
        if (name === 'type') {
          const save = this.i;
          const next = this.peek();
          const after = next === C.Comma || next === C.RBrace ? undefined : this.word();
          if (after !== undefined && after !== 'as') {
            isType = true;
            name = after;
          } else this.i = save; // an element named `type`, or `type as x`
        }
      }
      if (name === undefined) {
        this.i++;
        continue;
      }
      const save = this.i;
      if (this.word() === 'as') {
        if (this.stringLiteral() === undefined) this.word();
      } else this.i = save;
      names.push(name);
      if (!isType) allTypes = false;
    }
    return { names, allTypes: allTypes && names.length > 0 };
  }

  private push(spec: string, names: string[], kind: ImportRecord['kind'], typeOnly: boolean): boolean {
    this.out.push({ spec, names, kind, typeOnly });
    return this.done();
  }

  onImport(): boolean {
    const c = this.peek();
    if (c === C.LParen) {
      this.i++;
      const spec = this.stringLiteral();
      if (spec !== undefined) return this.push(spec, ['*'], 'dynamic', false);
      const folder = this.templateFolder();
      if (folder !== undefined) return this.push(folder, ['*'], 'context', false);
      return this.done();
    }
    if (c === C.Dot) return this.done(); // import.meta
    const direct = this.stringLiteral();
    if (direct !== undefined) return this.push(direct, [], 'static', false);
    let typeOnly = false;
    const names: string[] = [];
    let everyNamedIsType = true;
    let sawNamed = false;
    let first = this.peek() === C.LBrace || this.peek() === C.Star ? undefined : this.word();
    if (first === 'type') {
      const save = this.i;
      const next = this.peek();
      const nextWord = next === C.LBrace || next === C.Star ? undefined : this.word();
      if (next === C.LBrace || next === C.Star || (nextWord !== undefined && nextWord !== 'from')) {
        typeOnly = true;
        first = nextWord;
      } else {
        this.i = save; // `import type from './x'`: a default import named "type"
      }
    }
    if (first !== undefined) {
      // `import x = require('y')` (TypeScript) is read at its `require`.
      if (this.peek() === C.Eq) return this.done();
      names.push('default');
      everyNamedIsType = false;
      if (this.peek() === C.Comma) this.i++;
    }
    const c2 = this.peek();
    if (c2 === C.Star) {
      this.i++;
      this.word(); // as
      this.word(); // the namespace
      names.push('*');
      everyNamedIsType = false;
    } else if (c2 === C.LBrace) {
      const list = this.namedList();
      names.push(...list.names);
      sawNamed = true;
      if (!list.allTypes) everyNamedIsType = false;
    }
    if (this.word() !== 'from') return this.done();
    const spec = this.stringLiteral();
    if (spec === undefined) return this.done();
    return this.push(spec, names, 'static', typeOnly || (sawNamed && everyNamedIsType && names.length > 0));
  }

  onExport(): boolean {
    let typeOnly = false;
    let c = this.peek();
    if (c !== C.LBrace && c !== C.Star) {
      if (this.word() !== 'type') return this.done();
      typeOnly = true;
      c = this.peek();
      if (c !== C.LBrace && c !== C.Star) return this.done(); // `export type X = …`
    }
    let names: string[];
    if (c === C.Star) {
      this.i++;
      const save = this.i;
      if (this.word() === 'as') {
        if (this.stringLiteral() === undefined) this.word();
      } else this.i = save;
      names = ['*'];
    } else {
      const list = this.namedList();
      names = list.names;
      if (list.allTypes) typeOnly = true;
    }
    const save = this.i;
    if (this.word() !== 'from') {
      this.i = save; // `export { a, b }`: a local export list
      return this.done();
    }
    const spec = this.stringLiteral();
    if (spec === undefined) return this.done();
    return this.push(spec, names, 'reexport', typeOnly);
  }

  onRequire(): boolean {
    if (this.peek() !== C.LParen) return this.done();
    this.i++;
    const folder = this.peek() === C.Backtick ? this.templateFolder() : undefined;
    if (folder !== undefined) return this.push(folder, ['*'], 'context', false);
    const spec = this.stringLiteral();
    if (spec === undefined || this.peek() !== C.RParen) return this.done();
    this.i++;
    return this.push(spec, ['*'], 'require', false);
  }
}

/**
 * A short fingerprint of a file's imports (FNV-1a over their canonical text): what the result
 * cache compares to know that an edit left a file's place in the import graph unchanged.
 */
export function importFingerprint(records: readonly ImportRecord[]): string {
  let h = 0x811c9dc5;
  const text = records.map((r) => `${r.kind}${r.typeOnly ? 'T' : ''}\u0001${r.spec}\u0001${r.names.join('\u0002')}`).join('\u0003');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${records.length.toString(36)}.${h.toString(36)}`;
}

/**
 * One file's records as a string, for the read-ahead thread to send (strings cross threads far
 * cheaper than objects): fields separated by U+0001, records by U+0002.
 */
export function packRecords(records: readonly ImportRecord[]): string {
  return records.map((r) => `${KIND_CODES[r.kind]}${r.typeOnly ? 't' : ''}\u0001${r.spec}\u0001${r.names.join('\u0003')}\u0001${r.at ?? 0}`).join('\u0002');
}

const KIND_CODES: Record<ImportRecord['kind'], string> = { static: 's', reexport: 'x', require: 'q', dynamic: 'd', context: 'c' };
const KINDS: Record<string, ImportRecord['kind']> = { s: 'static', x: 'reexport', q: 'require', d: 'dynamic', c: 'context' };

export function unpackRecords(packed: string): ImportRecord[] {
  if (packed === '') return [];
  return packed.split('\u0002').map((r) => {
    const [head, spec, names, at] = r.split('\u0001') as [string, string, string, string];
    return { spec, names: names === '' ? [] : names.split('\u0003'), kind: KINDS[head[0]!]!, typeOnly: head.length > 1, at: Number(at) };
  });
}
