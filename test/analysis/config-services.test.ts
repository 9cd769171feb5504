import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';

const root = path.resolve(__dirname, '../../fixtures/audiobook-fixed');

describe('config services override discovery', () => {
  const result = analyze({
    root,
    config: {
      ...EMPTY_CONFIG,
      services: {
        // One package started as two processes: the EPUB worker file becomes its own service.
        'epub-worker': ['apps/workers/src/workers/epub-parsing.worker.ts'],
        // A root declaration renames the discovered package.
        backend: { root: 'apps/api', entry: ['src/main.ts'] },
      },
    },
  });

  it('lists declared services with source "config" and drops the renamed package', () => {
    expect(result.services.map((s) => [s.name, s.root, s.source])).toEqual([
      ['backend', 'apps/api', 'config'],
      ['epub-worker', 'apps/workers/src/workers', 'config'],
      ['workers', 'apps/workers', 'workspace'],
    ]);
  });

  it('attributes consumers and producers to the declared services', () => {
    const owners = Object.fromEntries(result.queues.map((q) => [q.queue, q.owner]));
    expect(owners).toEqual({ 'audio-processing': 'workers', 'epub-parsing': 'epub-worker' });
    expect([...new Set(result.queues.flatMap((q) => q.producers.map((p) => p.service)))]).toEqual(['backend']);
    expect(result.findings).toEqual([]);
  });
});
