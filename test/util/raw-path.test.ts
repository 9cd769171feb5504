import { describe, expect, it } from 'vitest';
import { decodePath, displayPath, fsPath } from '../../src/util/raw-path.js';

const roundTrip = (bytes: Buffer): Buffer => {
  const back = fsPath(decodePath(bytes));
  return typeof back === 'string' ? Buffer.from(back, 'utf8') : back;
};

describe('paths with any bytes', () => {
  it('valid UTF-8 stays a plain string (a literal U+FFFD included)', () => {
    for (const name of ['src/main.ts', 'src/café.ts', 'src/日本.ts', 'src/🎉.ts', 'src/\uFFFD.ts']) {
      const bytes = Buffer.from(name, 'utf8');
      expect(decodePath(bytes)).toBe(name);
      expect(fsPath(name)).toBe(name);
      expect(displayPath(name)).toBe(name);
    }
  });

  it('invalid bytes round-trip exactly and display as \\xNN', () => {
    const cases = [
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x73]), // Latin-1 café.ts
      Buffer.from([0xff, 0xfe, 0x2f, 0x61]),
      Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate is not UTF-8
      Buffer.from([0xc0, 0xaf]), // overlong '/'
      Buffer.concat([Buffer.from('🎉', 'utf8'), Buffer.from([0x80]), Buffer.from('\uFFFD', 'utf8')]),
      Buffer.from([0xf0, 0x9f, 0x8e]), // truncated 4-byte sequence
    ];
    for (const bytes of cases) expect(roundTrip(bytes).equals(bytes)).toBe(true);
    expect(displayPath(decodePath(cases[0]!))).toBe('caf\\xE9.ts');
    expect(JSON.parse(JSON.stringify(decodePath(cases[0]!)))).toBe(decodePath(cases[0]!));
  });
});
