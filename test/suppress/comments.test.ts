import { describe, expect, it } from 'vitest';
import { scanComments } from '../../src/suppress/comments.js';

describe('scanComments', () => {
  it('finds line and block comments with 1-based positions, skipping strings', () => {
    const source = ['const a = "// not a comment"; // one', "const b = '/* no */'; /* two", 'lines */ const c = `x', '// in template`; // three'].join('\n');
    expect(scanComments(source)).toEqual([
      { text: ' one', line: 1, column: 31, endLine: 1 },
      { text: ' two\nlines ', line: 2, column: 23, endLine: 3 },
      { text: ' three', line: 4, column: 18, endLine: 4 },
    ]);
  });

  it('an unterminated string ends at the newline and does not swallow later comments', () => {
    expect(scanComments("const s = 'oops\n// real").map((c) => c.line)).toEqual([2]);
  });

  it('counts escaped newlines inside template literals', () => {
    expect(scanComments('const t = `a\\\nb`;\n// here').map((c) => c.line)).toEqual([3]);
  });
});
