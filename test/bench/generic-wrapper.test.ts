// The generic-wrapper-name bench tree (bench/generic-wrapper.mjs, issue 11.3), small: its manifest
// counts the files that import bullmq or the wrapper, and the CLI parses no more than those
// (+ 10 %, the bench budget) while finding every queue. Counts, never timings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARSED_VS_IMPORTERS, buildGenericWrapperTree, fileCounts, writeTree } from '../../bench/generic-wrapper.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'bin', 'job-owners.js');
const { files, manifest } = buildGenericWrapperTree({ unrelated: 600, queues: 6 });
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-owners-generic-wrapper-'));
  writeTree(dir, files);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench: a wrapper with a generic method name', () => {
  it('the manifest counts exactly the source files that import bullmq or the wrapper', () => {
    const importers = [...files].filter(([rel, text]) => rel.endsWith('.ts') && !rel.startsWith('node_modules/') && /from '(bullmq|@gw\/jobs)'/.test(text));
    expect(importers.length).toBe(manifest.importers);
    const callers = [...files.values()].filter((text) => /\.register\(/.test(text) && !/@gw\/jobs/.test(text));
    expect(callers.length).toBeGreaterThan(300);
  });

  it('parses at most the importers + 10 %, and every queue has its worker owner and api producer', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'json', '--no-cache', '--timings'], { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    const counts = fileCounts(r.stderr);
    expect(counts, r.stderr).toBeDefined();
    expect(counts!.listed).toBe(manifest.sourceFiles);
    expect(counts!.parsed).toBeLessThanOrEqual(Math.floor(manifest.importers * PARSED_VS_IMPORTERS));
    const result = JSON.parse(r.stdout) as { queues: Array<{ queue: string; owner: string; producers: Array<{ service: string; job: string }> }>; findings: unknown[] };
    expect(result.findings).toEqual([]);
    expect(result.queues.map((q) => [q.queue, q.owner, q.producers.map((p) => `${p.service}:${p.job}`)]).sort()).toEqual(
      manifest.queues.map((q) => [q.name, q.owner, [`${q.producer}:${q.job}`]]).sort(),
    );
  });
});
