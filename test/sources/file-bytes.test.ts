import { describe, expect, it } from 'vitest';
import { looksBinary } from '../../src/sources/file-bytes.js';

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('looksBinary: which files are not source text', () => {
  it.each([
    ['plain TypeScript', text("import { Queue } from 'bullmq';\nnew Queue('emails');\n"), false],
    ['a stray NUL pasted into a comment (seen in a real router file)', text("// strip '\u0000' from titles\nimport { Queue } from 'bullmq';\n"), false],
    ['UTF-8 beyond ASCII with one NUL', text('// “quotes” \u0000 é\nexport const q = 1;\n'), false],
    ['a PNG renamed .ts', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), true],
    ['an MPEG transport stream (.ts video)', Buffer.concat([Buffer.from([0x47, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d]), Buffer.alloc(180, 0xff)]), true],
    ['UTF-16 text', Buffer.from("import 'bullmq';\n", 'utf16le'), true],
    ['one NUL in bytes that are not UTF-8', Buffer.from([0x69, 0x6d, 0x70, 0x00, 0xc3, 0x28, 0x0a]), true],
  ])('%s → %s', (_name, buffer, binary) => {
    expect(looksBinary(buffer)).toBe(binary);
  });

  it('a multi-byte character cut at the 8000-byte sample boundary is not a reason', () => {
    const buffer = Buffer.concat([text('// \u0000\n'), Buffer.alloc(7999 - 5, 0x61), text('é'), text('\n')]);
    expect(looksBinary(buffer)).toBe(false);
  });
});
