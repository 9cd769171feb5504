#!/usr/bin/env node
// `npm run bench` (issue #6): generate synthetic monorepos, time `job-owners check` on each,
// cold and warm, compare with `tsc --noEmit`, check the budgets and write bench/RESULTS.md.
//
//   node bench/run.mjs [--sizes 1000,5000,20000] [--runs 5] [--seed 1] [--dir $TMPDIR/job-owners-bench]
//                      [--no-tsc] [--no-doubling] [--no-write] [--strict] [--generate-only]
//
// Exit code: 0, or 1 when a budget or the correctness check fails and --strict is given;
// 2 on usage errors or when the CLI cannot be run at all.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MARKER_FILE, generate } from './generate.mjs';
import { PARSED_VS_IMPORTERS, buildGenericWrapperTree, fileCounts, writeTree } from './generic-wrapper.mjs';
import { compareWithManifest } from './lib/compare.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
// JOB_OWNERS_BENCH_CLI=path/to/other-build.js benchmarks another build (or a stub) instead.
const CLI = process.env.JOB_OWNERS_BENCH_CLI ? resolve(process.env.JOB_OWNERS_BENCH_CLI) : join(ROOT, 'bin', 'job-owners.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const RUN_TIMEOUT_MS = 10 * 60_000;

const BUDGETS = {
  cold5kSeconds: 1.5,
  cold5kVsTsc: 0.1,
  cold20kSeconds: 4,
  warm5kSeconds: 0.4,
  rss20kMB: 300,
  doublingIncrease: 0.15,
  // Issue 14.3: a rename-style save (sed -i, most editors) of a file without queue code.
  renameSaveVsWarm: 1.2,
  // Issue 11.3: files parsed ≤ the files that import a queue library or the wrapper, + 10 %.
  genericWrapperParsedVsImporters: PARSED_VS_IMPORTERS,
};

// ── Measurement ──────────────────────────────────────────────────────────────────────────────

/** Run `node <args>` once; wall time from hrtime, peak RSS from GNU time (or /proc VmHWM). */
function measure(args, { cwd = ROOT, env = {} } = {}) {
  return new Promise((resolvePromise) => {
    const tmp = TIME ? mkdtempSync(join(os.tmpdir(), 'job-owners-time-')) : null;
    const timeFile = tmp ? join(tmp, 'time.txt') : null;
    const cmd = TIME ?? process.execPath;
    const argv = TIME ? ['-f', '%M', '-o', timeFile, process.execPath, ...args] : args;
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so a timeout can end the child and its node process
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    let hwmKB = 0;
    const poll = TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKB = Math.max(hwmKB, Number(m[1]));
          } catch {
            /* process gone */
          }
        }, 5);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let rssKB = hwmKB;
      if (timeFile) {
        try {
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          rssKB = Number(lines[lines.length - 1]) || 0;
        } catch {
          rssKB = 0;
        }
        rmSync(tmp, { recursive: true, force: true });
      }
      resolvePromise({
        ms,
        rssMB: rssKB / 1024,
        code: timedOut ? 'timeout' : code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(3)} s` : '–');
const pct = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`;
const mb = (x) => (Number.isFinite(x) && x > 0 ? `${Math.round(x)} MB` : '–');

// ── Trees ────────────────────────────────────────────────────────────────────────────────────

function generatorFingerprint() {
  const h = createHash('sha256');
  const files = ['generate.mjs', ...readdirSync(join(HERE, 'lib')).sort().map((f) => `lib/${f}`)];
  for (const f of files) h.update(`${f}\0${readFileSync(join(HERE, f))}\0`);
  return h.digest('hex').slice(0, 16);
}

/** Generate a tree unless an identical one (same options, same generator source) is there. */
function ensureTree(baseDir, { files, seed, padding }) {
  const name = `tree-${files}-s${seed}${padding > 1 ? `-pad${padding}` : ''}`;
  const dir = join(baseDir, name);
  const manifestPath = join(baseDir, `${name}.manifest.json`);
  const fingerprint = generatorFingerprint();
  if (existsSync(join(dir, MARKER_FILE)) && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.fingerprint === fingerprint) return { dir, manifest, genMs: manifest.genMs, reused: true };
  }
  const started = process.hrtime.bigint();
  const manifest = generate({ outDir: dir, files, seed, padding, force: false });
  const genMs = Number(process.hrtime.bigint() - started) / 1e6;
  writeFileSync(manifestPath, `${JSON.stringify({ ...manifest, fingerprint, genMs }, null, 2)}\n`);
  return { dir, manifest: { ...manifest, fingerprint, genMs }, genMs, reused: false };
}

// ── The tool ─────────────────────────────────────────────────────────────────────────────────

const checkArgs = (dir, extra = []) => [CLI, 'check', dir, '--format', 'json', ...extra];

/** Whether the CLI accepts a flag: usage errors exit 2 and name the option. */
async function accepts(dir, flag) {
  const r = await measure(checkArgs(dir, [flag]));
  return r.code === 0 || r.code === 1;
}

const cacheDirOf = (dir) => join(dir, 'node_modules', '.cache', 'job-owners');

/** The first service source file (sorted) that mentions no queue, job or Nest wiring. */
function ordinaryFile(dir) {
  const apps = join(dir, 'apps');
  for (const app of readdirSync(apps).sort()) {
    const src = join(apps, app, 'src');
    if (!existsSync(src)) continue;
    for (const name of readdirSync(src, { recursive: true }).map(String).sort()) {
      if (!name.endsWith('.ts')) continue;
      const file = join(src, name);
      const text = readFileSync(file, 'utf8');
      if (!/bull|Queue|Worker|QUEUES|JOB|Nest|Module|Processor/.test(text)) return file;
    }
  }
  return undefined;
}

async function benchTree(tree, { runs, cacheFlag, noCacheFlag, log }) {
  const { dir, manifest } = tree;
  const files = manifest.totals.sourceFiles;
  const row = { files, queueFiles: manifest.totals.queueFiles, padding: manifest.generator.padding, genMs: tree.genMs, reused: tree.reused };

  // Correctness first (also warms the OS file cache, so "cold" means the tool's cache only).
  rmSync(cacheDirOf(dir), { recursive: true, force: true });
  const first = await measure(checkArgs(dir, cacheFlag ? [cacheFlag] : []));
  row.exitCode = first.code;
  try {
    row.problems = compareWithManifest(JSON.parse(first.stdout), manifest);
  } catch {
    row.problems = [`exit ${first.code}, stdout is not JSON: ${first.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`];
  }
  if (first.code !== 0) row.problems.unshift(`exit code ${first.code}, expected 0`);
  log(`  ${files} files: check exit ${first.code}, ${row.problems.length ? `${row.problems.length} correctness problems` : 'matches the manifest'}`);

  const cold = [];
  for (let i = 0; i < runs; i++) {
    rmSync(cacheDirOf(dir), { recursive: true, force: true });
    cold.push(await measure(checkArgs(dir, cacheFlag ? [cacheFlag] : [])));
  }
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await measure(checkArgs(dir, cacheFlag ? [cacheFlag] : [])));
  const noCache = [];
  if (noCacheFlag) for (let i = 0; i < runs; i++) noCache.push(await measure(checkArgs(dir, [noCacheFlag])));
  // The pre-commit case: one ordinary file (no queue code) edited since the last run. The file
  // gets its bytes back afterwards, so a reused tree stays what the generator wrote.
  const edited = [];
  const target = ordinaryFile(dir);
  if (target) {
    const original = readFileSync(target);
    try {
      for (let i = 0; i < runs; i++) {
        writeFileSync(target, `${original}\n// edited before commit ${i}\n`);
        edited.push(await measure(checkArgs(dir, cacheFlag ? [cacheFlag] : [])));
      }
    } finally {
      writeFileSync(target, original);
    }
  }
  // The same kind of edit saved the way `sed -i` and most editors save: a temporary file in the
  // same folder renamed over the original, which changes the folder's timestamp (issue 14.3). The
  // file sits next to queue code (the folder of the first consumer, where the analysis resolves
  // relative imports), added untimed before the first run: a folder the old cache watched.
  // Timed in alternating pairs with a warm run (nothing changed), so load drift on a shared
  // machine moves both alike: the budget is on the ratio of the pair medians.
  const renamed = [];
  const warmPaired = [];
  const consumerFile = manifest.queues[0]?.consumer?.file;
  if (target && consumerFile) {
    const neighbour = join(dir, dirname(consumerFile), 'bench-notes.ts');
    const text = readFileSync(target);
    const temp = join(dirname(neighbour), `.bench-save-${process.pid}`);
    try {
      writeFileSync(neighbour, text);
      // Cache warm with the new file first, so each timed run sees exactly one save.
      await measure(checkArgs(dir, cacheFlag ? [cacheFlag] : []));
      for (let i = 0; i < Math.max(runs, 7); i++) {
        warmPaired.push(await measure(checkArgs(dir, cacheFlag ? [cacheFlag] : [])));
        writeFileSync(temp, `${text}\n// saved by rename ${i}\n`);
        renameSync(temp, neighbour);
        renamed.push(await measure(checkArgs(dir, cacheFlag ? [cacheFlag] : [])));
      }
    } finally {
      rmSync(temp, { force: true });
      rmSync(neighbour, { force: true });
    }
  }
  const all = [first, ...cold, ...warm, ...noCache, ...edited, ...renamed, ...warmPaired];
  row.coldMs = median(cold.map((r) => r.ms));
  row.coldMin = Math.min(...cold.map((r) => r.ms));
  row.coldMax = Math.max(...cold.map((r) => r.ms));
  row.warmMs = median(warm.map((r) => r.ms));
  row.noCacheMs = noCache.length ? median(noCache.map((r) => r.ms)) : Number.NaN;
  row.editedMs = edited.length ? median(edited.map((r) => r.ms)) : Number.NaN;
  row.renamedMs = renamed.length ? median(renamed.map((r) => r.ms)) : Number.NaN;
  row.renameWarmMs = warmPaired.length ? median(warmPaired.map((r) => r.ms)) : Number.NaN;
  row.rssMB = Math.max(...all.map((r) => r.rssMB));
  row.filesPerSecond = files / (row.coldMs / 1000);
  row.badExits = all.filter((r) => r.code !== 0).length;
  log(`  ${files} files: cold ${sec(row.coldMs)}, warm ${sec(row.warmMs)}, after an edit ${sec(row.editedMs)}, after a rename-save ${sec(row.renamedMs)}, peak ${mb(row.rssMB)}, ${Math.round(row.filesPerSecond)} files/s`);
  return row;
}

// ── The generic-wrapper-name tree (issue 11.3) ──────────────────────────────────────────────

const GENERIC_UNRELATED = 3000;

/** Writes (or reuses) the tree of bench/generic-wrapper.mjs under `baseDir`. */
function ensureGenericWrapperTree(baseDir) {
  const dir = join(baseDir, `generic-wrapper-${GENERIC_UNRELATED}`);
  const fingerprint = createHash('sha256').update(readFileSync(join(HERE, 'generic-wrapper.mjs'))).digest('hex').slice(0, 16);
  const manifestPath = `${dir}.manifest.json`;
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.fingerprint === fingerprint && existsSync(join(dir, 'package.json'))) return { dir, manifest };
  }
  rmSync(dir, { recursive: true, force: true });
  const { files, manifest } = buildGenericWrapperTree({ unrelated: GENERIC_UNRELATED });
  writeTree(dir, files);
  writeFileSync(manifestPath, `${JSON.stringify({ ...manifest, fingerprint }, null, 2)}\n`);
  return { dir, manifest: { ...manifest, fingerprint } };
}

/**
 * Cold runs (`--no-cache --timings`) on the generic-wrapper tree: the parsed-file count from
 * `--timings`, the median time, and whether every queue is owned by the worker app and produced
 * by the api app with nothing reported.
 */
async function benchGenericWrapper(baseDir, { runs, log }) {
  const { dir, manifest } = ensureGenericWrapperTree(baseDir);
  await measure(checkArgs(dir, ['--no-cache'])); // untimed: warms the OS page cache
  const timed = [];
  for (let i = 0; i < runs; i++) timed.push(await measure(checkArgs(dir, ['--no-cache', '--timings'])));
  const last = timed[timed.length - 1];
  const counts = fileCounts(last.stderr);
  const problems = [];
  if (!counts) problems.push('--timings printed no file counts');
  if (timed.some((r) => r.code !== 0)) problems.push(`exit ${timed.find((r) => r.code !== 0).code}`);
  try {
    const result = JSON.parse(last.stdout);
    for (const q of manifest.queues) {
      const got = result.queues.find((r) => r.queue === q.name);
      if (!got) problems.push(`${q.name} missing`);
      else if (got.owner !== q.owner) problems.push(`${q.name}: owner ${got.owner}, not ${q.owner}`);
      else if (!got.producers.some((p) => p.service === q.producer && p.job === q.job)) problems.push(`${q.name}: no ${q.producer} producer of ${q.job}`);
    }
    if (result.findings.length > 0) problems.push(`${result.findings.length} finding(s)`);
  } catch {
    problems.push('output is not JSON');
  }
  const row = {
    files: manifest.sourceFiles,
    importers: manifest.importers,
    listed: counts?.listed ?? Number.NaN,
    relevant: counts?.relevant ?? Number.NaN,
    parsed: counts?.parsed ?? Number.NaN,
    coldMs: median(timed.map((r) => r.ms)),
    problems,
  };
  log(`  generic wrapper: ${row.files} files, ${row.importers} import bullmq or the wrapper, ${row.parsed} parsed, cold ${sec(row.coldMs)}${problems.length ? `, WRONG: ${problems.join('; ')}` : ''}`);
  return row;
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGB: (os.totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' / '),
    date: new Date().toISOString(),
  };
}

function evaluateBudgets(rows, tsc, doubling, generic) {
  const by = (files, padding = 1) => rows.find((r) => r.files === files && r.padding === padding) ?? rows.find((r) => r.target === files && r.padding === padding);
  const r5 = by(5000);
  const r20 = by(20000);
  const out = [];
  const add = (name, measured, limit, ok) => out.push({ name, measured, limit, status: ok === null ? 'SKIP' : ok ? 'PASS' : 'FAIL' });
  add('5,000 files cold, median', r5 ? sec(r5.coldMs) : 'not run', `≤ ${BUDGETS.cold5kSeconds} s`, r5 ? r5.coldMs / 1000 <= BUDGETS.cold5kSeconds : null);
  add(
    '5,000 files cold vs tsc --noEmit',
    r5 && tsc ? `${(r5.coldMs / tsc.ms).toFixed(3)} × (${sec(tsc.ms)})` : 'not run',
    `≤ ${BUDGETS.cold5kVsTsc} ×`,
    r5 && tsc ? r5.coldMs / tsc.ms <= BUDGETS.cold5kVsTsc : null,
  );
  add('20,000 files cold, median', r20 ? sec(r20.coldMs) : 'not run', `≤ ${BUDGETS.cold20kSeconds} s`, r20 ? r20.coldMs / 1000 <= BUDGETS.cold20kSeconds : null);
  add('5,000 files warm (nothing changed), median', r5 ? sec(r5.warmMs) : 'not run', `≤ ${BUDGETS.warm5kSeconds} s`, r5 ? r5.warmMs / 1000 <= BUDGETS.warm5kSeconds : null);
  add(
    '5,000 files after a rename-save of a file without queue code, vs warm',
    r5 && Number.isFinite(r5.renamedMs) ? `${(r5.renamedMs / r5.renameWarmMs).toFixed(2)} × (${sec(r5.renamedMs)} vs ${sec(r5.renameWarmMs)}, alternating pairs)` : 'not run',
    `≤ ${BUDGETS.renameSaveVsWarm} ×`,
    r5 && Number.isFinite(r5.renamedMs) ? r5.renamedMs / r5.renameWarmMs <= BUDGETS.renameSaveVsWarm : null,
  );
  add('20,000 files peak RSS', r20 ? mb(r20.rssMB) : 'not run', `≤ ${BUDGETS.rss20kMB} MB`, r20 ? r20.rssMB <= BUDGETS.rss20kMB : null);
  add(
    'doubling non-queue files (5,000 → padded), cold',
    doubling ? `${pct(doubling.increase)} (${sec(doubling.baseMs)} → ${sec(doubling.paddedMs)})` : 'not run',
    `≤ +${BUDGETS.doublingIncrease * 100} %`,
    doubling ? doubling.increase <= BUDGETS.doublingIncrease : null,
  );
  add(
    'generic wrapper method name: files parsed vs files importing a queue library or the wrapper',
    generic ? `${generic.parsed} parsed, ${generic.importers} importers (${generic.files.toLocaleString('en-US')} files)` : 'not run',
    `≤ ${BUDGETS.genericWrapperParsedVsImporters} × importers`,
    generic ? generic.parsed <= generic.importers * BUDGETS.genericWrapperParsedVsImporters && generic.problems.length === 0 : null,
  );
  const wrong = rows.filter((r) => r.problems.length > 0 || r.badExits > 0);
  add(
    'correctness: exit 0 and owners equal the manifest',
    wrong.length ? `${wrong.length} tree(s) wrong` : `${rows.length} tree(s) right`,
    'every tree',
    rows.length ? wrong.length === 0 : null,
  );
  return out;
}

function table(headers, lines) {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
}

function renderResults({ m, rows, tsc, doubling, generic, budgets, options, flags, kept }) {
  const resultRows = rows.map((r) => [
    `${r.files.toLocaleString('en-US')}${r.padding > 1 ? ` (padding ×${r.padding})` : ''}`,
    String(r.queueFiles),
    r.reused ? `${sec(r.genMs)} (earlier run)` : sec(r.genMs),
    `${sec(r.coldMs)} (${(r.coldMin / 1000).toFixed(2)}–${(r.coldMax / 1000).toFixed(2)})`,
    sec(r.warmMs),
    Number.isFinite(r.editedMs) ? sec(r.editedMs) : 'n/a',
    Number.isFinite(r.renamedMs) ? sec(r.renamedMs) : 'n/a',
    flags.noCache ? sec(r.noCacheMs) : 'n/a',
    mb(r.rssMB),
    Number.isFinite(r.filesPerSecond) ? Math.round(r.filesPerSecond).toLocaleString('en-US') : '–',
    r.problems.length || r.badExits ? `no: ${r.problems.slice(0, 2).join('; ')}${r.problems.length > 2 ? ' …' : ''}` : 'yes',
  ]);
  const problems = rows.flatMap((r) => r.problems.map((p) => `- ${r.files} files: ${p}`));
  return `# job-owners benchmark results

Generated by \`npm run bench\` (\`node bench/run.mjs\`). Re-run it to refresh this file; it records
the machine it ran on. Budgets (issue #6) are defined for a **2-core** machine.

## Machine

| | |
|---|---|
| CPU | ${m.cpu} |
| Cores (available parallelism) | ${m.cores} |
| Memory | ${m.memoryGB} GB |
| Node | ${m.node} |
| OS | ${m.os} |
| Load average 1/5/15 min (at the end) | ${m.load} |
| Date | ${m.date} |

## Results

Synthetic pnpm monorepos from \`bench/generate.mjs\` (seed ${options.seed}; 20 services, 8 util libraries,
\`@bench/queue-contracts\` and \`@bench/platform-config\`; about 4 KB per file; about 2 % of files touch
queues). ${options.runs} run(s) per column; times are medians of wall time (min–max for cold).
Command: \`node bin/job-owners.js check <tree> --format json${flags.cache ? ` ${flags.cache}` : ''}\`.

${table(['Source files', 'Queue files', 'Generate', 'Cold median (min–max)', 'Warm median', 'After an edit, median', 'After a rename-save, median', '--no-cache median', 'Peak RSS', 'Files/s (cold)', 'Correct'], resultRows)}

- **Cold**: the tool's cache directory (\`<tree>/node_modules/.cache/job-owners\`) removed before each run.
  The OS page cache is warm (one untimed run first), as it is in CI after checkout.
- **Warm**: the same command again with no file changed.
- **After an edit**: one ordinary service file (no queue code) edited before each run, as in a
  pre-commit hook; the cache keeps the result when the edit cannot change it (README, "Cache").
- **After a rename-save**: an ordinary file next to queue code (in the first consumer's folder), saved
  the way \`sed -i\` and most editors save (a temporary file renamed over the original, which changes
  the folder's timestamp); timed in alternating pairs with a warm run, and budgeted on that ratio.
- **--no-cache**: ${flags.noCache ? 'the same command with `--no-cache` (cache neither read nor written)' : 'the CLI does not accept `--no-cache`; not measured'}.
- **Peak RSS**: maximum resident set size over all runs of that tree (${TIME ? 'GNU `/usr/bin/time -f %M`' : '`/proc/<pid>/status` VmHWM, polled'}).

## Reference: tsc --noEmit on the 5,000-file tree

${tsc ? `\`tsc --noEmit -p <tree>/tsconfig.json\` (TypeScript from this repo, once): **${sec(tsc.ms)}**, peak RSS ${mb(tsc.rssMB)}, exit ${tsc.code}${tsc.code === 0 ? ' (the tree type-checks cleanly)' : ' (type errors; the reference is not fair until fixed)'}.
The tree ships small stub declarations for \`bullmq\`, \`@nestjs/*\` and \`@types/node\` under its
\`node_modules\`; real declarations are larger, so this reference understates what tsc costs.` : 'Not run (`--no-tsc`, or the 5,000-file size was not selected).'}

## Doubling the files that do not touch queues

${doubling ? `5,000-file tree vs the same tree with \`--padding 2\` (${doubling.paddedFiles.toLocaleString('en-US')} files, the same ${doubling.queueFiles} queue-touching files: same queues, jobs, producers and consumers), cold, ${doubling.pairs} alternating pairs of runs: median ${sec(doubling.baseMs)} → ${sec(doubling.paddedMs)}, **${pct(doubling.increase)}**.` : 'Not run.'}

## A wrapper with a generic method name

${generic ? `bench/generic-wrapper.mjs: a queue wrapper (\`@gw/jobs\`) whose methods are \`register\` and \`queue\`, ${generic.importers} files that import bullmq or the wrapper, and ${GENERIC_UNRELATED.toLocaleString('en-US')} unrelated files calling \`register\`/\`queue\` on other objects (a form library, a plugin registry). \`--no-cache --timings\`: ${generic.listed.toLocaleString('en-US')} files listed, ${generic.relevant} relevant, **${generic.parsed} parsed**; cold median ${sec(generic.coldMs)}; ${generic.problems.length ? `wrong: ${generic.problems.join('; ')}` : 'every queue owned by the worker app and produced by the api app, nothing reported'}.` : 'Not run.'}

## Budgets

${table(['Budget', 'Measured', 'Limit', 'Status'], budgets.map((b) => [b.name, b.measured, b.limit, `**${b.status}**`]))}
${m.cores !== 2 ? `\nNote: this machine has ${m.cores} cores; the budgets are defined for 2.\n` : ''}${problems.length ? `\n## Correctness problems\n\n${problems.slice(0, 40).join('\n')}${problems.length > 40 ? `\n- … ${problems.length - 40} more` : ''}\n` : ''}\n${KEPT_MARKER}\n${kept ? `\n${kept}` : ''}`;
}

/** Everything after this line of RESULTS.md is kept by hand (figures measured on public
 *  snapshots and against other builds, not by this script) and carried over on regeneration. */
const KEPT_MARKER = '<!-- Kept by hand below this line: `npm run bench` carries it over. -->';

function keptSection(resultsFile) {
  if (!existsSync(resultsFile)) return '';
  const text = readFileSync(resultsFile, 'utf8');
  const at = text.indexOf(KEPT_MARKER);
  return at < 0 ? '' : text.slice(at + KEPT_MARKER.length).replace(/^\n+/, '');
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,5000,20000' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      // Outside the repository on purpose: a tree under a git-ignored folder (.bench/) would be
      // ignored by a tool that honours the enclosing repository's .gitignore.
      dir: { type: 'string', default: join(os.tmpdir(), 'job-owners-bench') },
      'no-tsc': { type: 'boolean', default: false },
      'no-doubling': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      results: { type: 'string', default: join(HERE, 'RESULTS.md') },
      strict: { type: 'boolean', default: false },
      'generate-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'usage: node bench/run.mjs [--sizes 1000,5000,20000] [--runs 5] [--seed 1] [--dir $TMPDIR/job-owners-bench]\n' +
        '                          [--no-tsc] [--no-doubling] [--no-write] [--results FILE] [--strict] [--generate-only]\n',
    );
    return 0;
  }
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (sizes.some((s) => !Number.isInteger(s) || s < 100) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    process.stderr.write('bench: --sizes must be integers ≥ 100, --runs ≥ 1, --seed an integer\n');
    return 2;
  }
  const log = (s) => process.stderr.write(`${s}\n`);
  const baseDir = resolve(values.dir);

  log(`bench: generating trees under ${relative(process.cwd(), baseDir) || '.'}`);
  const trees = [];
  for (const files of sizes) {
    const t = ensureTree(baseDir, { files, seed, padding: 1 });
    log(`  ${files} files: ${t.reused ? 'reused' : `generated in ${sec(t.genMs)}`} (${t.manifest.totals.queueFiles} queue files, ${t.manifest.queues.length} queues, avg ${t.manifest.totals.averageBytes} B)`);
    trees.push({ ...t, target: files });
  }
  const padded = !values['no-doubling'] && sizes.includes(5000) ? ensureTree(baseDir, { files: 5000, seed, padding: 2 }) : null;
  if (padded) log(`  5000 × padding 2: ${padded.reused ? 'reused' : `generated in ${sec(padded.genMs)}`} (${padded.manifest.totals.sourceFiles} files)`);
  if (values['generate-only']) return 0;

  if (!process.env.JOB_OWNERS_BENCH_CLI && !existsSync(join(ROOT, 'dist', 'cli', 'run-from-process.js'))) {
    log('bench: the CLI is not built (dist/cli/run-from-process.js missing); run `npm run build` first');
    return 2;
  }
  const probe = trees[0].dir;
  const version = await measure([CLI, '--version']);
  if (version.code !== 0) {
    log(`bench: \`job-owners --version\` failed (exit ${version.code}): ${version.stderr.trim().slice(0, 400)}`);
    return 2;
  }
  const flags = {
    cache: (await accepts(probe, '--cache')) ? '--cache' : null,
    noCache: (await accepts(probe, '--no-cache')) ? '--no-cache' : null,
  };
  log(`bench: job-owners ${version.stdout.trim()}; cache flag ${flags.cache ?? '(none: cache on by default or absent)'}; --no-cache ${flags.noCache ? 'supported' : 'not supported'}`);

  const [load1] = os.loadavg();
  if (load1 > 0.5) log(`bench: warning: load average ${load1.toFixed(2)} — other processes compete for the CPU; timings will be noisy`);
  const rows = [];
  for (const t of trees) {
    const row = await benchTree(t, { runs, cacheFlag: flags.cache, noCacheFlag: flags.noCache, log });
    rows.push({ ...row, target: t.target });
  }
  let doubling = null;
  if (padded) {
    const row = await benchTree(padded, { runs, cacheFlag: flags.cache, noCacheFlag: flags.noCache, log });
    rows.push({ ...row, target: 5000 });
    // The ratio is measured on its own, alternating the two trees run by run: timed minutes
    // apart, load drift on a shared machine moved it by several points either way.
    const baseTree = trees.find((t) => t.target === 5000);
    const baseRuns = [];
    const paddedRuns = [];
    for (let i = 0; i < Math.max(runs, 7); i++) {
      for (const [tree, into] of [[baseTree, baseRuns], [padded, paddedRuns]]) {
        rmSync(cacheDirOf(tree.dir), { recursive: true, force: true });
        into.push((await measure(checkArgs(tree.dir, flags.cache ? [flags.cache] : []))).ms);
      }
    }
    const baseMs = median(baseRuns);
    const paddedMs = median(paddedRuns);
    doubling = { baseMs, paddedMs, increase: paddedMs / baseMs - 1, pairs: baseRuns.length, paddedFiles: row.files, queueFiles: row.queueFiles };
    log(`  doubling: ${sec(baseMs)} → ${sec(paddedMs)} (${pct(doubling.increase)}, ${baseRuns.length} alternating pairs)`);
  }
  let tsc = null;
  const t5 = trees.find((t) => t.target === 5000);
  if (!values['no-tsc'] && t5) {
    log('bench: tsc --noEmit on the 5,000-file tree (once)…');
    tsc = await measure([TSC, '--noEmit', '-p', join(t5.dir, 'tsconfig.json')]);
    log(`  tsc: ${sec(tsc.ms)}, peak ${mb(tsc.rssMB)}, exit ${tsc.code}`);
  }

  const generic = await benchGenericWrapper(baseDir, { runs, log });
  const budgets = evaluateBudgets(rows, tsc, doubling, generic);
  const m = machine();
  log('');
  log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, node ${m.node}`);
  for (const r of rows) {
    log(
      `${String(r.files).padStart(6)} files${r.padding > 1 ? ' (padded)' : '         '}  cold ${sec(r.coldMs).padStart(9)}  warm ${sec(r.warmMs).padStart(9)}  ` +
        `no-cache ${sec(r.noCacheMs).padStart(9)}  rss ${mb(r.rssMB).padStart(7)}  ${String(Math.round(r.filesPerSecond)).padStart(6)} files/s  ${r.problems.length || r.badExits ? 'WRONG' : 'ok'}`,
    );
  }
  for (const b of budgets) log(`${b.status.padEnd(4)}  ${b.name}: ${b.measured} (limit ${b.limit})`);
  if (!values['no-write']) {
    writeFileSync(values.results, renderResults({ m, rows, tsc, doubling, generic, budgets, options: { seed, runs }, flags, kept: keptSection(values.results) }));
    log(`bench: wrote ${relative(process.cwd(), values.results)}`);
  }
  const failed = budgets.some((b) => b.status === 'FAIL');
  if (failed && !values.strict) log('bench: some budgets FAIL (exit 0 without --strict)');
  return failed && values.strict ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
