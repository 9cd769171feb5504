// Seeded mutations of fixture trees, shared by test/hostile/fuzz.test.ts (a few hundred
// iterations in `npm test`) and scripts/fuzz.mjs (as many as you like). Plain JS so the script
// runs without a build step for the tests; types in fuzz-core.d.mts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRng as createBenchRng } from '../../bench/lib/names.mjs';

/**
 * The bench generator's mulberry32 (bench/lib/names.mjs), with `int(n)` in [0, n): the same
 * sequence on every machine, and the same numbers this module drew before it shared that one.
 */
export function createRng(seed) {
  const rng = createBenchRng(seed);
  return { next: rng.next, int: (n) => rng.int(0, n - 1), pick: rng.pick };
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const MANIFEST = /(^|\/)(package\.json|project\.json|tsconfig[^/]*\.json|pnpm-workspace\.yaml)$/;

/** Tokens that stress the detectors: half-open constructs, queue APIs out of place, odd bytes. */
export const TOKENS = [
  '{', '}', '(', ')', '[', ']', ';', ',', '=>', '...', '?.', '!', '<', '>', '@', '#',
  "'", '"', '`', '${', '/*', '*/', '//', '\\', '\n', '\r\n', '\t', '\u2028', '\uFEFF', '\u00e9', '\ud83d\ude00',
  'new Worker(', 'new Queue(', '.add(', '.addBulk([', '.process(', "@Processor('", '@Process(', '@InjectQueue(',
  'extends WorkerHost', 'switch (job.name) {', 'case ', 'default: throw new Error()', 'if (job.name === ',
  "import { Worker, Queue } from 'bullmq';", "import { Processor } from '@nestjs/bullmq';", "export * from './index';",
  "export { default } from '.';", 'as const', 'enum E { A = E.A }', 'const x = x;', 'await ', 'yield ', 'async ',
  'class extends ', 'function (', 'null', 'undefined', '0n', '1e999', '/re[/', 'satisfies ', 'declare ',
  '<T,>(', 'import(', 'require(', 'module.exports = ', 'BullModule.registerQueue(', 'QUEUES.', 'JOB_NAMES.',
];

/**
 * One mutation of a text: truncation, deleted or duplicated lines, an injected token, or
 * swapped quotes. Returns the new text and a short label (for reproducing a failure).
 */
export function mutateText(text, rng) {
  const lines = text.split('\n');
  const op = rng.int(6);
  switch (op) {
    case 0: {
      const at = rng.int(text.length + 1);
      return { text: text.slice(0, at), label: `truncate@${at}` };
    }
    case 1: {
      const from = rng.int(lines.length);
      const count = 1 + rng.int(3);
      lines.splice(from, count);
      return { text: lines.join('\n'), label: `delete-lines@${from + 1}x${count}` };
    }
    case 2: {
      const from = rng.int(lines.length);
      const count = 1 + rng.int(3);
      const copy = lines.slice(from, from + count);
      const to = rng.int(lines.length + 1);
      lines.splice(to, 0, ...copy);
      return { text: lines.join('\n'), label: `duplicate-lines@${from + 1}x${count}->${to + 1}` };
    }
    case 3:
    case 4: {
      const token = rng.pick(TOKENS);
      const at = rng.int(text.length + 1);
      return { text: text.slice(0, at) + token + text.slice(at), label: `inject@${at}:${JSON.stringify(token)}` };
    }
    default: {
      const quotes = ["'", '"', '`'];
      const from = rng.pick(quotes);
      const to = rng.pick(quotes.filter((q) => q !== from));
      const line = rng.int(lines.length);
      const whole = rng.int(3) === 0;
      if (whole) return { text: text.split(from).join(to), label: `swap-quotes:${from}${to}` };
      lines[line] = lines[line].split(from).join(to);
      return { text: lines.join('\n'), label: `swap-quotes@${line + 1}:${from}${to}` };
    }
  }
}

/** Repo-relative POSIX paths of every file under `dir`. */
export function listTree(dir) {
  const out = [];
  const visit = (abs, rel) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(path.join(abs, entry.name), childRel);
      else if (entry.isFile()) out.push(childRel);
    }
  };
  visit(dir, '');
  return out;
}

/** Reads a fixture into memory once: path → content. */
export function readTree(dir) {
  return new Map(listTree(dir).map((rel) => [rel, fs.readFileSync(path.join(dir, rel), 'utf8')]));
}

/** Writes a tree into a fresh folder under the OS temp dir (never inside a git work tree). */
export function writeTree(files, prefix = 'job-owners-fuzz-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/**
 * Mutates 1–3 files of `files` (sources; manifests too with `manifests: true`) with 1–3
 * mutations each. Returns the changed files only, with the labels that produced them.
 */
export function mutateTree(files, rng, options = {}) {
  const candidates = [...files.keys()].filter((rel) => SOURCE.test(rel) || (options.manifests && MANIFEST.test(rel)));
  const changed = new Map();
  const labels = [];
  const fileCount = 1 + rng.int(3);
  for (let i = 0; i < fileCount && candidates.length > 0; i++) {
    const rel = rng.pick(candidates);
    let text = changed.get(rel) ?? files.get(rel);
    const count = 1 + rng.int(3);
    for (let j = 0; j < count; j++) {
      const m = mutateText(text, rng);
      text = m.text;
      labels.push(`${rel} ${m.label}`);
    }
    changed.set(rel, text);
  }
  return { changed, labels };
}

/**
 * Applies a mutation in place inside `dir` (a copy of `files`), and returns a function that
 * restores the originals, so many iterations share one temporary tree.
 */
export function applyMutation(dir, files, changed) {
  for (const [rel, text] of changed) fs.writeFileSync(path.join(dir, rel), text);
  return () => {
    for (const rel of changed.keys()) fs.writeFileSync(path.join(dir, rel), files.get(rel));
  };
}
