// The benchmark generator (bench/generate.mjs) and, on its output, the CLI — as a correctness
// check only. Timings live in `npm run bench`, never in unit tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER_FILE, buildTree, generate, type Manifest } from '../../bench/generate.mjs';
import { compareWithManifest, ownersOf } from '../../bench/lib/compare.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'bin', 'job-owners.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
// Above READ_AHEAD_MIN_FILES (500), so the CLI run below reads through the worker thread as a real
// repository would.
const FILES = 600;

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, base, out);
    else out.push(relative(base, path).split('\\').join('/'));
  }
  return out;
}

/** sha256 over every file on disk (path and bytes), except the generator's marker. */
function hashTree(dir: string): string {
  const h = createHash('sha256');
  for (const rel of walk(dir).filter((p) => p !== MARKER_FILE).sort()) h.update(`${rel}\0${readFileSync(join(dir, rel), 'utf8')}\0`);
  return h.digest('hex');
}

const sourceFiles = (dir: string) => walk(dir).filter((p) => /^(apps|libs)\/[^/]+\/src\/.*\.ts$/.test(p));

describe('bench generator', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'job-owners-gen-'));
  const a = join(tmp, 'a');
  const b = join(tmp, 'b');
  let manifest: Manifest;

  beforeAll(() => {
    manifest = generate({ outDir: a, files: FILES, seed: 1 });
    generate({ outDir: b, files: FILES, seed: 1 });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is deterministic for a seed, and the seed matters', () => {
    expect(hashTree(a)).toBe(hashTree(b));
    expect(hashTree(a)).toBe(manifest.digest);
    expect(buildTree({ files: FILES, seed: 2 }).manifest.digest).not.toBe(manifest.digest);
  });

  it('writes exactly the requested number of source files, about 4 KB each', () => {
    const files = sourceFiles(a);
    expect(files).toHaveLength(FILES);
    expect(manifest.totals.sourceFiles).toBe(FILES);
    const bytes = files.reduce((n, f) => n + statSync(join(a, f)).size, 0);
    expect(bytes / files.length).toBeGreaterThan(3000);
    expect(bytes / files.length).toBeLessThan(5000);
  });

  it('lays out a pnpm workspace of 20 services and shared libraries', () => {
    expect(readFileSync(join(a, 'pnpm-workspace.yaml'), 'utf8')).toContain("'apps/*'");
    expect(manifest.services).toHaveLength(20);
    expect(manifest.services.filter((s) => s.framework === 'nestjs').length).toBeGreaterThan(0);
    for (const s of manifest.services) {
      const pkg = JSON.parse(readFileSync(join(a, s.root, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string> };
      expect(pkg.name).toBe(s.name);
      expect(pkg.scripts.start).toBeTruthy();
    }
    expect(readFileSync(join(a, 'libs/queue-contracts/src/queues.ts'), 'utf8')).toMatch(/export const QUEUES = \{[\s\S]*\} as const;/);
  });

  it('gives every queue exactly one consuming service, found independently in the code', () => {
    const queuesTs = readFileSync(join(a, 'libs/queue-contracts/src/queues.ts'), 'utf8');
    const keyToName = new Map([...queuesTs.matchAll(/^ {2}([A-Z0-9_]+): '([^']+)',$/gm)].map((m) => [m[1], m[2]]));
    const consumers = new Map<string, Set<string>>();
    for (const f of sourceFiles(a)) {
      const text = readFileSync(join(a, f), 'utf8');
      for (const m of text.matchAll(/(?:new Worker(?:<[^>]*>)?\(\s*|@Processor\()QUEUES\.([A-Z0-9_]+)/g)) {
        const queue = keyToName.get(m[1] ?? '') ?? `?${m[1]}`;
        const service = f.split('/').slice(0, 2).join('/');
        consumers.set(queue, (consumers.get(queue) ?? new Set()).add(service));
        expect(text).toMatch(/default:\s*\n\s*throw new Error/);
      }
    }
    expect(manifest.queues.length).toBeGreaterThanOrEqual(3);
    expect([...consumers.keys()].sort()).toEqual(manifest.queues.map((q) => q.queue));
    for (const q of manifest.queues) {
      expect([...(consumers.get(q.queue) ?? [])]).toEqual([q.ownerRoot]);
      expect(q.producers.length).toBeGreaterThan(0);
      expect(q.producers.every((p) => p.service !== q.owner)).toBe(true);
      expect([...new Set(q.producers.flatMap((p) => p.jobs))].sort()).toEqual(q.jobs);
    }
  });

  it('padding doubles only the files that do not touch queues', () => {
    const padded = buildTree({ files: FILES, seed: 1, padding: 2 }).manifest;
    expect(padded.queues).toEqual(manifest.queues);
    expect(padded.totals.queueFiles).toBe(manifest.totals.queueFiles);
    expect(padded.totals.nonQueueFiles).toBe(2 * manifest.totals.nonQueueFiles);
  });

  it('type-checks with tsc (so the bench reference is a clean program)', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [TSC, '--noEmit', '-p', join(a, 'tsconfig.json')], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('job-owners check reports it clean, with the owners of the manifest', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [CLI, 'check', a, '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status, r.stderr.slice(0, 2000)).toBe(0);
    const result = JSON.parse(r.stdout) as { queues: { queue: string; owner: string | null }[] };
    expect(ownersOf(result.queues)).toEqual(ownersOf(manifest.queues));
    expect(compareWithManifest(result, manifest)).toEqual([]);
  });
});
