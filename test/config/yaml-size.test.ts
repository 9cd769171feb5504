/**
 * Issue 14.5: YAML configs parse in time linear in their size. The parser's own duplicate-key
 * check compares every key with every earlier key of its map (a 20,000-entry `owners` map took
 * 26 s, 200,000 never finished); ours finds duplicates in one pass.
 */
import { describe, expect, it } from 'vitest';
import { parseYamlText, SyntaxProblem } from '../../src/config/parse-text.js';

function owners(n: number): string {
  const lines = ['owners:'];
  for (let i = 0; i < n; i++) lines.push(`  queue-${i}: service-${i % 7}`);
  return `${lines.join('\n')}\n`;
}

function timedParse(text: string): { value: unknown; ms: number } {
  const started = performance.now();
  const value = parseYamlText(text);
  return { value, ms: performance.now() - started };
}

describe('YAML config parsing is linear in size', () => {
  it('20,000 and 200,000 owners entries parse, the larger in about ten times the time of the smaller', { timeout: 60_000 }, () => {
    const small = timedParse(owners(20_000));
    const large = timedParse(owners(200_000));
    expect(Object.keys((small.value as { owners: object }).owners)).toHaveLength(20_000);
    expect(Object.keys((large.value as { owners: object }).owners)).toHaveLength(200_000);
    // Quadratic would be ×100; allow noise (and a warm-up advantage for the second) up to ×30.
    expect(large.ms / Math.max(small.ms, 1)).toBeLessThan(30);
    expect(large.ms).toBeLessThan(20_000);
  });

  it('a duplicated key is still an error, with both places', () => {
    let error: unknown;
    try {
      parseYamlText('owners:\n  emails: workers\n  reports: api\n  emails: api\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SyntaxProblem);
    expect(error).toMatchObject({ format: 'YAML', line: 4, column: 3, detail: 'Map keys must be unique: "emails" is also defined at line 2' });
  });

  it('a duplicate in a nested map of a large file is found; equal keys in different maps are not duplicates', () => {
    expect(() => parseYamlText(`${owners(5_000)}rules:\n  no-consumer: warn\n  no-consumer: off\n`)).toThrow(/"no-consumer" is also defined at line 5003/);
    expect(parseYamlText('a:\n  x: 1\nb:\n  x: 2\n')).toEqual({ a: { x: 1 }, b: { x: 2 } });
    // 1 and '1' are different keys for the parser too.
    expect(parseYamlText("1: a\n'1': b\n")).toEqual({ 1: 'b' });
  });
});
