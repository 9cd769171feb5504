import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/reporters/markdown.js';
import { encodeIdPart, mermaidLabel, queueNodeId, serviceNodeId } from '../../src/reporters/util/mermaid-text.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult, LEGACY_QUEUE, MAIL_QUEUE } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { largeResult } from '../fixtures-results/large.js';
import { ctx } from './helpers.js';
import { decodeMermaidEntities, extractAllMermaid, extractMermaid, parseFlowchart } from './mermaid-check.js';

describe('mermaid flowchart', () => {
  it.each([
    ['clean', cleanResult()],
    ['audiobook', audiobookResult()],
    ['awkward', awkwardResult()],
  ])('has safe ids and properly quoted labels (%s)', (_, result) => {
    const chart = parseFlowchart(extractMermaid(markdown(result, ctx())));
    for (const [id, label] of chart.nodes) {
      expect(id).toMatch(/^[A-Za-z0-9_]+$/);
      expect(label).not.toMatch(/["`<>|]/);
    }
    for (const edge of chart.edges) if (edge.label !== undefined) expect(edge.label).not.toMatch(/["`<>|]/);
  });

  it('draws the audiobook queue as a conflict: one node per service and queue, one edge per producing service', () => {
    const chart = parseFlowchart(extractMermaid(markdown(audiobookResult(), ctx())));
    expect([...chart.nodes.keys()]).toEqual(['s_api', 's_workers', 'q_audio_002dprocessing']);
    expect(chart.edges).toEqual([
      { from: 's_api', to: 'q_audio_002dprocessing', label: '1 job type' },
      { from: 's_workers', to: 'q_audio_002dprocessing', label: '1 job type' },
      { from: 'q_audio_002dprocessing', to: 's_api', label: undefined },
      { from: 'q_audio_002dprocessing', to: 's_workers', label: undefined },
    ]);
    expect(extractMermaid(markdown(audiobookResult(), ctx()))).toContain('q_audio_002dprocessing[("audio-processing")]:::conflict');
    expect(extractMermaid(markdown(cleanResult(), ctx()))).not.toContain('conflict');
  });

  it('aggregates: one edge per producing service and queue, however many job types and sites', () => {
    const chart = parseFlowchart(extractMermaid(markdown(awkwardResult(), ctx())));
    const keys = chart.edges.map((e) => `${e.from}>${e.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(chart.edges).toContainEqual({ from: 's__0040acme_002fapi', to: 'q_mail_003aout_002c100_0025', label: '2 job types' });
  });

  it('splits a repository with more than 25 queues into one small diagram per service', () => {
    const diagrams = extractAllMermaid(markdown(largeResult(), ctx()));
    expect(diagrams).toHaveLength(8); // the 8 deployed processes; the library has only an unresolved site
    for (const source of diagrams) {
      const chart = parseFlowchart(source);
      expect(chart.nodes.size).toBeLessThan(30);
      const keys = chart.edges.map((e) => `${e.from}>${e.to}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('round-trips awkward names through the label entities', () => {
    const chart = parseFlowchart(extractMermaid(markdown(awkwardResult(), ctx())));
    const labels = [...chart.nodes.values()].map(decodeMermaidEntities);
    expect(labels).toContain(MAIL_QUEUE);
    expect(labels).toContain(`${LEGACY_QUEUE} (prefix custom)`);
    expect(labels).toContain('@acme/api');
  });

  it('encodes ids injectively and keeps keywords out', () => {
    const names = ['a-b', 'a_b', 'a_002db', 'a__b', 'end', 'A', 'a', '', 'é', '🎧'];
    const ids = names.map(encodeIdPart);
    expect(new Set(ids).size).toBe(names.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_]*$/);
    expect(serviceNodeId('end')).toBe('s_end');
    expect(queueNodeId('x', 'bull')).not.toBe(queueNodeId('x', 'custom'));
    // the prefix separator cannot be forged by a queue name
    expect(queueNodeId('x_Pcustom', 'bull')).not.toBe(queueNodeId('x', 'custom'));
    expect(queueNodeId('x', 'a')).not.toBe(queueNodeId('x_0050a', 'bull'));
  });

  it('quotes labels and escapes with Mermaid entity codes', () => {
    expect(mermaidLabel('say "hi" #1 <b>&`|')).toBe('"say #quot;hi#quot; #35;1 #lt;b#gt;#amp;#96;#124;"');
    expect(mermaidLabel('#quot;')).toBe('"#35;quot;"');
    expect(mermaidLabel('a\nb')).toBe('"a\\nb"');
  });
});
