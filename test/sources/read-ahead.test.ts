// The read-ahead threads must hand the store exactly what the store would have read itself:
// the same texts (read again when asked for), marker bits, size/mtime and skip reasons. The worker only runs from the build
// (Node 20 cannot start a worker from a .ts file), so this test loads it from dist/, which
// `npm test` builds first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { MARKERS } from '../../src/sources/file-bytes.js';
import { unpackRecords } from '../../src/sources/import-scan.js';
import type { ReadAhead } from '../../src/sources/read-ahead.js';
import { emptyPart, mergeParts, readClaimed } from '../../src/sources/read-batch.js';
import { SourceStore } from '../../src/sources/source-store.js';
import { fixturePath, REPO_ROOT } from '../analysis/helpers.js';

type StartReadAhead = (files: string[], options?: { minFiles?: number }) => { finish(): Promise<ReadAhead | undefined> };
const { startReadAhead } = (await import(path.join(REPO_ROOT, 'dist/sources/read-ahead.js'))) as { startReadAhead: StartReadAhead };
const readAll = (files: string[]): Promise<ReadAhead | undefined> => startReadAhead(files, { minFiles: 0 }).finish();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-read-ahead-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, content: string | Buffer): string {
  const abs = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
  return abs;
}

/** Everything a store knows about each file, as plain data. */
function observe(store: SourceStore, files: string[]) {
  return files.map((abs) => ({
    file: path.relative(tmp, abs),
    markers: MARKERS.filter((m) => store.hasMarker(abs, m)),
    text: store.text(abs),
    stat: store.stats.get(abs) ?? null,
  }));
}

describe('read-ahead worker', () => {
  const files = [
    write('a/queue.ts', "import { Queue } from 'bullmq';\nexport const q = new Queue('mail');\n"),
    write('a/main.ts', "import { NestFactory } from '@nestjs/core';\n// job-owners-ignore-next-line no-consumer -- why\nBullModule;\n"),
    write('a/empty.ts', ''),
    write('a/unicode.ts', "export const greeting = 'héllo — ✓';\n"),
    write('a/binary.ts', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])),
    write('a/big.ts', Buffer.alloc(9 * 1024 * 1024, 0x61)),
    path.join(tmp, 'a/missing.ts'),
    // Larger than the 64 KB scratch buffer a thread starts with.
    ...Array.from({ length: 3 }, (_, i) => write(`b/large-${i}.ts`, `import './a';\n// bull ${'x'.repeat((i + 1) * 100 * 1024)}\n`)),
  ];
  fs.mkdirSync(path.join(tmp, 'a/folder.ts'));
  files.push(path.join(tmp, 'a/folder.ts'));

  it('gives the store the same bytes, markers, stats and skip reasons as reading directly', async () => {
    const readAhead = await readAll(files);
    expect(readAhead).toBeDefined();

    const direct: Array<[string, string]> = [];
    const directStore = new SourceStore(tmp, (f, r) => direct.push([f, r]), true);
    const expected = observe(directStore, files);

    const primed: Array<[string, string]> = [];
    const primedStore = new SourceStore(tmp, (f, r) => primed.push([f, r]), true);
    primedStore.prime(readAhead!);
    expect(observe(primedStore, files)).toEqual(expected);
    expect(primed).toEqual(direct);
    expect(direct.map(([f]) => f).sort()).toEqual(['a/big.ts', 'a/binary.ts', 'a/folder.ts', 'a/missing.ts']);
    expect(expected.find((e) => e.file === 'a/main.ts')!.markers).toEqual(['job-owners-ignore']);
  });

  it('stays out of the way below the threshold', async () => {
    expect(await startReadAhead(files).finish()).toBeUndefined();
  });

  it('two threads that each read part of the files give what one thread gives', () => {
    // The main thread reads alongside the worker once the compiler is loaded (both claim chunks
    // from one counter): the files before index 6 read by one, the rest by the other.
    const whole = emptyPart(files.length);
    readClaimed(files, new Int32Array([0]), whole);
    const first = emptyPart(files.length);
    readClaimed(files.slice(0, 6), new Int32Array([0]), first);
    const rest = emptyPart(files.length);
    readClaimed(files, new Int32Array([6]), rest);
    expect(first.status.slice(6).every((s) => s === 0)).toBe(true);
    expect(rest.status.slice(0, 6).every((s) => s === 0)).toBe(true);
    expect(mergeParts(rest, first)).toEqual(whole);
    expect(whole.skipped.map(([i]) => path.relative(tmp, files[i]!))).toEqual(['a/binary.ts', 'a/big.ts', 'a/missing.ts', 'a/folder.ts']);
    expect(unpackRecords(whole.imports[files.indexOf(path.join(tmp, 'b/large-2.ts'))]!).map((r) => r.spec)).toEqual(['./a']);
  });

  it('an analysis fed by the worker equals one that reads for itself', async () => {
    const root = fixturePath('audiobook-incident');
    const list = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'node_modules' ? [] : list(abs);
        return /\.[jt]s$/.test(e.name) ? [abs] : [];
      });
    const readAhead = await readAll(list(root));
    expect(readAhead).toBeDefined();
    expect(analyze({ root, readAhead })).toEqual(analyze({ root }));
  });
});
