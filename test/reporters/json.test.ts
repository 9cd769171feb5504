import { describe, expect, it } from 'vitest';
import { canonicalize, json } from '../../src/reporters/json.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { ctx, reverseKeysDeep } from './helpers.js';

describe('json reporter', () => {
  it('prints the whole result, two-space indented, ending with a newline', () => {
    const out = json(audiobookResult(), ctx());
    expect(JSON.parse(out)).toEqual(audiobookResult());
    expect(out.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "job-owners",\n    "version": "1.0.0"\n  },\n')).toBe(true);
    expect(out.endsWith('\n  }\n}\n')).toBe(true);
  });

  it('orders keys as declared in result.ts, whatever the insertion order', () => {
    const result = awkwardResult();
    const out = json(reverseKeysDeep(result), ctx());
    expect(out).toBe(json(result, ctx()));
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'tool', 'services', 'queues', 'jobs', 'findings', 'skipped', 'unreached', 'summary']);
    expect(Object.keys(parsed.services[0])).toEqual(['name', 'root', 'source', 'kind']);
    expect(Object.keys(parsed.queues[0])).toEqual(['queue', 'alternatives', 'prefix', 'library', 'owner', 'consumers', 'producers']);
    expect(Object.keys(parsed.queues[1].consumers[0])).toEqual([
      'service', 'file', 'line', 'column', 'kind', 'library', 'handles', 'unhandled', 'definition', 'attribution', 'conditions', 'evidence',
    ]);
    expect(Object.keys(parsed.queues[1].producers[0])).toEqual(['service', 'file', 'line', 'column', 'kind', 'library', 'job', 'attribution']);
    expect(Object.keys(parsed.jobs[0])).toEqual(['queue', 'prefix', 'name', 'producers', 'receivers', 'handlers', 'status']);
    expect(Object.keys(parsed.findings[0])).toEqual(['rule', 'severity', 'queue', 'job', 'services', 'message', 'locations']);
    expect(Object.keys(parsed.findings[0].locations[0])).toEqual(['file', 'line', 'column']);
    expect(Object.keys(parsed.summary)).toEqual(['errors', 'warnings', 'suppressed']);
  });

  it('orders nested evidence as name, file, line, column', () => {
    const parsed = JSON.parse(json(reverseKeysDeep(audiobookResult()), ctx()));
    expect(Object.keys(parsed.queues[0].consumers[0].evidence[0])).toEqual(['name', 'file', 'line', 'column']);
  });

  it('puts keys it does not know after the declared ones, sorted, and drops undefined', () => {
    const value = canonicalize(
      { zeta: 1, summary: { suppressed: 0, warnings: 0, errors: 0, extra: true }, alpha: 2, schemaVersion: 1, tool: undefined },
      { keys: ['schemaVersion', 'tool', 'summary'], children: { summary: { keys: ['errors', 'warnings', 'suppressed'] } } },
    );
    expect(JSON.stringify(value)).toBe(
      '{"schemaVersion":1,"summary":{"errors":0,"warnings":0,"suppressed":0,"extra":true},"alpha":2,"zeta":1}',
    );
  });

  it('keeps a `__proto__` key as data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    expect(JSON.stringify(canonicalize(input))).toBe('{"__proto__":{"polluted":true},"a":1}');
  });
});
