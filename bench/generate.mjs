#!/usr/bin/env node
// Deterministic synthetic pnpm monorepo for benchmarking job-owners (issue #6).
//
//   node bench/generate.mjs --files 5000 --seed 1 --out /tmp/x [--padding 2] [--manifest [file]]
//
// Same options ⇒ byte-identical tree (mulberry32 PRNG; no Date, no Math.random). The tree is
// CLEAN for job-owners: every queue has exactly one consuming service, whose consumer switches on
// job.name with a throwing default; every handled job name is produced somewhere. The manifest
// (returned by generate(), or written with --manifest) lists the expected queues and owners.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { camel, createRng, createUniquer, pascal, relSpecifier, upperSnake } from './lib/names.mjs';
import { KERNEL_EXPORTS, KERNEL_FILES, nestAreaModule, ordinaryFile } from './lib/ordinary.mjs';
import {
  PLATFORM_CONFIG_FILES,
  bullmqProducerFile,
  bullmqWorkerFile,
  contractsFiles,
  nestConsumerModuleFile,
  nestProcessorFile,
  nestPublisherFile,
  nestQueuesModuleFile,
} from './lib/queues.mjs';
import { STUB_FILES } from './lib/stubs.mjs';
import * as W from './lib/words.mjs';

export const GENERATOR_VERSION = 2;
export const MARKER_FILE = 'bench-tree.json';
const SCOPE = '@bench';
const UTIL_LIBS = 8;
const LIB_SHARE = 0.25;

/**
 * Build the whole tree in memory. Returns { files: Map<relPath, content>, manifest }.
 * Only `.ts` files under apps/ and libs/ count as source files; `files` is their exact number
 * when padding is 1. `padding` multiplies the files that do not touch queues and keeps the queue
 * plan (queues, jobs, owners, producer and consumer files) unchanged: the "doubling" experiment.
 */
export function buildTree({ files, seed = 1, servicesCount = 20, queueShare = 0.02, padding = 1 }) {
  if (!Number.isInteger(files) || files < 100) throw new RangeError('files must be an integer ≥ 100');
  if (!Number.isInteger(servicesCount) || servicesCount < 2 || servicesCount > 99) throw new RangeError('servicesCount must be 2..99');
  if (!(queueShare > 0 && queueShare < 0.5)) throw new RangeError('queueShare must be in (0, 0.5)');
  if (!(padding >= 1)) throw new RangeError('padding must be ≥ 1');

  const root = createRng(seed);
  const rngLayout = root.fork(1);
  const rngQueues = root.fork(2);
  const rngFiles = root.fork(3);
  const out = new Map();
  const put = (path, text) => {
    if (out.has(path)) throw new Error(`generator bug: ${path} written twice`);
    out.set(path, text);
  };

  // ── Packages ────────────────────────────────────────────────────────────────────────────
  const services = [];
  for (let i = 1; i <= servicesCount; i++) {
    const id = `svc-${String(i).padStart(2, '0')}`;
    services.push({
      id,
      name: `${SCOPE}/${id}`,
      dir: `apps/${id}`,
      nest: i % 4 === 0,
      areas: rngLayout.sample(W.AREAS, rngLayout.int(3, 5)),
      weight: 0.5 + rngLayout.next(),
      ordinary: [],
      owned: [],
      produced: [],
    });
  }
  const utils = [];
  for (let i = 1; i <= UTIL_LIBS; i++) {
    const id = `util-${String(i).padStart(2, '0')}`;
    utils.push({
      id,
      index: i,
      name: `${SCOPE}/${id}`,
      dir: `libs/${id}`,
      areas: rngLayout.sample(W.AREAS, rngLayout.int(2, 4)),
      weight: 0.5 + rngLayout.next(),
      ordinary: [],
    });
  }

  // ── Queues: names, jobs, one owner, producers in other services ────────────────────────
  const queueFilesTarget = Math.max(1, Math.round(files * queueShare));
  const queueCount = Math.max(3, Math.round(queueFilesTarget / 5));
  const queueName = createUniquer('-');
  const usedQueueNames = new Set();
  const ownerOrder = rngQueues.sample(services, services.length);
  for (let i = ownerOrder.length - 1; i > 0; i--) {
    const j = rngQueues.int(0, i);
    [ownerOrder[i], ownerOrder[j]] = [ownerOrder[j], ownerOrder[i]];
  }
  const producersPerQueue = Math.max(1, Math.round((queueFilesTarget - queueCount * 2.2) / queueCount));
  const queues = [];
  for (let i = 0; i < queueCount; i++) {
    let topic;
    let base;
    for (let tries = 0; tries < 50 && (base === undefined || usedQueueNames.has(base)); tries++) {
      topic = rngQueues.pick(W.QUEUE_TOPICS);
      base = `${topic}-${rngQueues.pick(W.QUEUE_ACTIONS)}`;
    }
    usedQueueNames.add(base);
    const name = queueName(base);
    const jobName = createUniquer('-');
    const jobs = [];
    const jobCount = rngQueues.int(2, 4);
    const seenJobs = new Set();
    for (let k = 0; k < jobCount; k++) {
      let candidate;
      for (let tries = 0; tries < 20 && (candidate === undefined || seenJobs.has(candidate)); tries++) {
        candidate = `${rngQueues.pick(W.JOB_VERBS)}-${k === 0 || rngQueues.chance(0.3) ? topic : rngQueues.pick(W.JOB_OBJECTS)}`;
      }
      seenJobs.add(candidate);
      const n = jobName(candidate);
      jobs.push({ name: n, member: pascal(n), key: upperSnake(n), method: camel(n) });
    }
    const owner = ownerOrder[i % ownerOrder.length];
    const style = i % 2 === 0 ? 'enum' : 'const';
    const q = {
      name,
      key: upperSnake(name),
      pascal: pascal(name),
      camel: camel(name),
      style,
      jobsType: style === 'enum' ? `${pascal(name)}Job` : `${upperSnake(name)}_JOBS`,
      jobsTypeAlias: `${pascal(name)}JobName`,
      payload: `${pascal(name)}Payload`,
      payloadField: `${camel(rngQueues.pick(W.ENTITIES.filter((e) => e !== 'tenant')))}Id`,
      jobs,
      owner,
      variant: rngQueues.pick(['inline', 'inline', 'named-processor', 'top-level']),
      producers: [],
    };
    const np = Math.min(servicesCount - 1, Math.max(1, producersPerQueue + rngQueues.int(-1, 1)));
    const candidates = services.filter((s) => s !== owner);
    const producerServices = rngQueues.sample(candidates, np);
    producerServices.forEach((svc, p) => {
      // Job k is produced by producer k % np, so every handled name has a producer.
      const own = jobs.filter((_, k) => k % np === p);
      if (own.length === 0) own.push(jobs[p % jobs.length]);
      const extra = jobs.filter((j) => !own.includes(j) && rngQueues.chance(0.25));
      const produced = jobs.filter((j) => own.includes(j) || extra.includes(j));
      const entry = { q, svc, jobs: produced, variant: rngQueues.pick(['class', 'functions']), withBulk: rngQueues.chance(0.3) };
      q.producers.push(entry);
      svc.produced.push(entry);
    });
    owner.owned.push(q);
    queues.push(q);
  }

  // ── Queue-touching and fixed files: count them, so the source-file total is exact ────────
  let queueTouching = 0;
  for (const s of services) {
    queueTouching += s.owned.length * (s.nest ? 2 : 1); // worker, or processor + its module
    queueTouching += s.produced.length; // producer / publisher
    if (s.nest && s.produced.length > 0) queueTouching += 1; // queues.module.ts
    if (s.nest && (s.produced.length > 0 || s.owned.length > 0)) queueTouching += 1; // app.module.ts (BullModule.forRoot)
  }
  let fixedPlain = 4 /* contracts */ + Object.keys(PLATFORM_CONFIG_FILES).length + Object.keys(KERNEL_FILES).length + UTIL_LIBS /* index.ts */;
  for (const s of services) {
    fixedPlain += 1; // main.ts
    if (s.nest) {
      fixedPlain += s.areas.length; // <area>/<area>.module.ts
      if (s.produced.length === 0 && s.owned.length === 0) fixedPlain += 1; // app.module.ts without Bull
    }
  }
  const nonQueueTarget = Math.round((files - queueTouching) * padding);
  const ordinaryCount = nonQueueTarget - fixedPlain;
  const minOrdinary = [...utils, ...services].reduce((n, p) => n + p.areas.length, 0);
  if (ordinaryCount < minOrdinary) {
    throw new RangeError(`files=${files} is too small for ${servicesCount} services (need ≥ ${files + minOrdinary - ordinaryCount})`);
  }

  // ── Distribute ordinary files: each area of each package gets at least one ──────────────
  const packages = [...utils, ...services];
  const libTotal = utils.reduce((n, u) => n + u.weight, 0);
  const appTotal = services.reduce((n, s) => n + s.weight, 0);
  const libFiles = Math.round(ordinaryCount * LIB_SHARE);
  const quota = new Map();
  for (const u of utils) quota.set(u, u.areas.length);
  for (const s of services) quota.set(s, s.areas.length);
  let remaining = ordinaryCount - minOrdinary;
  let libRemaining = Math.max(0, libFiles - utils.reduce((n, u) => n + u.areas.length, 0));
  libRemaining = Math.min(libRemaining, remaining);
  const appRemaining = remaining - libRemaining;
  const spread = (group, total, count) => {
    let given = 0;
    group.forEach((p, i) => {
      const n = i === group.length - 1 ? count - given : Math.floor((count * p.weight) / total);
      quota.set(p, quota.get(p) + n);
      given += n;
    });
  };
  spread(utils, libTotal, libRemaining);
  spread(services, appTotal, appRemaining);

  const exportName = createUniquer();
  for (const p of packages) {
    const fileName = createUniquer('-');
    const n = quota.get(p);
    for (let i = 0; i < n; i++) {
      const area = i < p.areas.length ? p.areas[i] : rngFiles.pick(p.areas);
      const entity = rngFiles.pick(W.ENTITIES);
      const aspect = rngFiles.pick(W.ASPECTS);
      const stem = fileName(`${area}/${entity}-${aspect}`);
      const P = exportName(pascal(`${area}-${entity}-${aspect}`));
      p.ordinary.push({
        path: `${p.dir}/src/${stem}.ts`,
        area,
        entity,
        aspect,
        P,
        c: P[0].toLowerCase() + P.slice(1),
        U: upperSnake(P.replace(/([a-z0-9])([A-Z])/g, '$1-$2')),
        score: `${P[0].toLowerCase()}${P.slice(1)}Score`,
        injectable: Boolean(p.nest) && (i < p.areas.length || rngFiles.chance(0.6)),
      });
    }
  }

  // ── Write ordinary files ─────────────────────────────────────────────────────────────────
  const util01 = utils[0];
  for (const p of packages) {
    const isUtil = !p.nest && p.dir.startsWith('libs/');
    p.ordinary.forEach((f, i) => {
      const deps = [];
      const earlier = p.ordinary.slice(Math.max(0, i - 40), i);
      for (const d of rngFiles.sample(earlier, rngFiles.int(0, 2))) deps.push({ name: d.score, from: relSpecifier(f.path, d.path) });
      const libChoices = isUtil ? utils.filter((u) => u.index < p.index) : utils;
      if (libChoices.length > 0 && rngFiles.chance(0.45)) {
        const lib = rngFiles.pick(libChoices);
        const d = rngFiles.pick(lib.ordinary);
        deps.push({ name: d.score, from: lib.name });
      }
      const kernel = (sym) => (p === util01 ? relSpecifier(f.path, `${util01.dir}/${KERNEL_EXPORTS[sym]}`) : util01.name);
      const statuses = rngFiles.sample(W.STATUSES, rngFiles.int(3, 5));
      const noun = `${f.entity} ${f.aspect}`;
      const doc = rngFiles.pick([
        `${pascal(f.entity)} ${f.aspect} for the ${f.area} domain.`,
        `Keeps ${f.entity} records consistent across ${f.area} flows (${f.aspect}).`,
        `${f.aspect[0].toUpperCase()}${f.aspect.slice(1)} of ${f.entity} data. Pure functions unless noted.`,
        `${f.area}: ${f.entity} ${f.aspect}. See the ${f.area} runbook before changing statuses.`,
      ]);
      const target = rngFiles.int(3500, 4700);
      put(
        f.path,
        ordinaryFile(
          { ...f, statuses, tags: W.TAGS, deps, kernel, rng: rngFiles, injectable: f.injectable, noun, doc, precision: rngFiles.pick([10, 100, 1000]), extraDateBlock: rngFiles.chance(0.5) },
          target,
        ),
      );
    });
  }

  // ── Libraries ────────────────────────────────────────────────────────────────────────────
  const libPkg = (name, description) =>
    `${JSON.stringify({ name, version: '1.0.0', private: true, description, main: 'src/index.ts', types: 'src/index.ts' }, null, 2)}\n`;
  const contracts = contractsFiles(queues);
  for (const [rel, text] of Object.entries(contracts)) put(`libs/queue-contracts/${rel}`, text);
  put('libs/queue-contracts/package.json', libPkg(`${SCOPE}/queue-contracts`, 'Queue and job names shared by every service'));
  for (const [rel, text] of Object.entries(PLATFORM_CONFIG_FILES)) put(`libs/platform-config/${rel}`, text);
  put('libs/platform-config/package.json', libPkg(`${SCOPE}/platform-config`, 'Runtime configuration shared by every service'));
  for (const [rel, text] of Object.entries(KERNEL_FILES)) put(`${util01.dir}/${rel}`, text);
  for (const u of utils) {
    const mods = [
      ...(u === util01 ? Object.keys(KERNEL_FILES).map((k) => `${u.dir}/${k}`) : []),
      ...u.ordinary.map((f) => f.path).sort(),
    ];
    put(`${u.dir}/src/index.ts`, `${mods.map((m) => `export * from '${relSpecifier(`${u.dir}/src/index.ts`, m)}';`).join('\n')}\n`);
    put(`${u.dir}/package.json`, libPkg(u.name, `Shared ${u.areas.join(', ')} helpers`));
  }

  // ── Services ─────────────────────────────────────────────────────────────────────────────
  const manifestServices = [];
  for (const s of services) {
    const src = `${s.dir}/src`;
    const helperDeps = (from) =>
      s.ordinary.length > 0 ? [{ name: s.ordinary[s.ordinary.length - 1].score, from: relSpecifier(from, s.ordinary[s.ordinary.length - 1].path) }] : [];
    const usesBull = s.owned.length > 0 || s.produced.length > 0;
    for (const q of s.owned) {
      if (s.nest) {
        const file = `${src}/jobs/${q.name}.processor.ts`;
        put(file, nestProcessorFile(q, { owner: s.id, helperDeps: helperDeps(file) }));
        put(`${src}/jobs/${q.name}.module.ts`, nestConsumerModuleFile(q));
        q.consumer = { file, kind: 'nest-processor' };
      } else {
        const file = `${src}/workers/${q.name}.worker.ts`;
        put(file, bullmqWorkerFile(q, { owner: s.id, variant: q.variant, helperDeps: helperDeps(file) }));
        q.consumer = { file, kind: 'worker', variant: q.variant };
      }
    }
    for (const pr of s.produced) {
      if (s.nest) {
        pr.file = `${src}/queues/${pr.q.name}.publisher.ts`;
        put(pr.file, nestPublisherFile(pr.q, pr.jobs));
      } else {
        pr.file = `${src}/jobs/${pr.q.name}.producer.ts`;
        put(pr.file, bullmqProducerFile(pr.q, pr.jobs, pr));
      }
    }
    const warm = s.ordinary.slice(0, 2);
    if (s.nest) {
      const areaModules = s.areas.map((area) => {
        const providers = s.ordinary.filter((f) => f.area === area && f.injectable);
        const file = `${src}/${area}/${area}.module.ts`;
        const name = `${pascal(area)}Module`;
        put(file, nestAreaModule(name, providers.map((f) => ({ name: f.P, from: relSpecifier(file, f.path) }))));
        return { name, from: `./${area}/${area}.module` };
      });
      if (s.produced.length > 0) put(`${src}/queues/queues.module.ts`, nestQueuesModuleFile(s.produced));
      const imports = [
        ...(usesBull ? [`import { BullModule } from '@nestjs/bullmq';`] : []),
        `import { Module } from '@nestjs/common';`,
        ...(usesBull ? [`import { connection } from '@bench/platform-config';`] : []),
        ...areaModules.map((m) => `import { ${m.name} } from '${m.from}';`),
        ...s.owned.map((q) => `import { ${q.pascal}JobsModule } from './jobs/${q.name}.module';`),
        ...(s.produced.length > 0 ? [`import { QueuesModule } from './queues/queues.module';`] : []),
      ];
      const moduleImports = [
        ...(usesBull ? ['BullModule.forRoot({ connection })'] : []),
        ...areaModules.map((m) => m.name),
        ...(s.produced.length > 0 ? ['QueuesModule'] : []),
        ...s.owned.map((q) => `${q.pascal}JobsModule`),
      ];
      put(
        `${src}/app.module.ts`,
        `${imports.join('\n')}\n\n@Module({\n  imports: [\n${moduleImports.map((m) => `    ${m},`).join('\n')}\n  ],\n})\nexport class AppModule {}\n`,
      );
      put(
        `${src}/main.ts`,
        `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
${warm.map((f) => `import { ${f.score} } from '${relSpecifier(`${src}/main.ts`, f.path)}';`).join('\n')}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  const port = process.env.PORT ?? '${3000 + services.indexOf(s)}';
  await app.listen(port);
  console.info(\`${s.id} listening on \${port} (warm-up \${${warm.map((f) => `${f.score}([1, 2, 3])`).join(' + ') || '0'}})\`);
}

void bootstrap();
`,
      );
    } else {
      const imports = [
        ...s.owned.map((q) => `import { start${q.pascal}Worker } from './workers/${q.name}.worker';`),
        ...s.produced.map((pr) =>
          pr.variant === 'class'
            ? `import { ${pr.q.pascal}Producer } from './jobs/${pr.q.name}.producer';`
            : // The producer functions are the service's job API, imported as one namespace (a
              // named import of the closer alone would leave every producer function dead code).
              `import * as ${pr.q.camel}Jobs from './jobs/${pr.q.name}.producer';`,
        ),
        ...warm.map((f) => `import { ${f.score} } from '${relSpecifier(`${src}/main.ts`, f.path)}';`),
      ];
      const closers = [
        ...s.owned.map((q) => `start${q.pascal}Worker()`),
        ...s.produced.map((pr) => (pr.variant === 'class' ? `new ${pr.q.pascal}Producer()` : `{ close: ${pr.q.camel}Jobs.close${pr.q.pascal}Queue }`)),
      ];
      put(
        `${src}/main.ts`,
        `${imports.join('\n')}

interface Closable {
  close(): Promise<void>;
}

async function main(): Promise<void> {
  const resources: Closable[] = [${closers.length ? `\n${closers.map((c) => `    ${c},`).join('\n')}\n  ` : ''}];
  const shutdown = async (): Promise<void> => {
    await Promise.all(resources.map((resource) => resource.close()));
    process.exitCode = 0;
  };
  process.once('SIGTERM', () => {
    void shutdown();
  });
  console.info(\`${s.id} started with \${resources.length} queue resources (warm-up \${${warm.map((f) => `${f.score}([1, 2, 3])`).join(' + ') || '0'}})\`);
}

void main();
`,
      );
    }
    const deps = {
      [`${SCOPE}/platform-config`]: 'workspace:*',
      [`${SCOPE}/queue-contracts`]: 'workspace:*',
      ...Object.fromEntries(utils.map((u) => [u.name, 'workspace:*'])),
      ...(usesBull ? { bullmq: '^5.34.0' } : {}),
      ...(s.nest ? { '@nestjs/common': '^10.4.0', '@nestjs/core': '^10.4.0' } : {}),
      ...(s.nest && usesBull ? { '@nestjs/bullmq': '^10.2.0' } : {}),
    };
    put(
      `${s.dir}/package.json`,
      `${JSON.stringify(
        {
          name: s.name,
          version: '1.0.0',
          private: true,
          main: 'dist/main.js',
          scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/main.js', dev: 'tsx watch src/main.ts' },
          dependencies: Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b))),
        },
        null,
        2,
      )}\n`,
    );
    put(
      `${s.dir}/tsconfig.json`,
      `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', rootDir: 'src' }, include: ['src'] }, null, 2)}\n`,
    );
    manifestServices.push({ name: s.name, root: s.dir, framework: s.nest ? 'nestjs' : 'bullmq', entry: `${src}/main.ts` });
  }

  // ── Root ─────────────────────────────────────────────────────────────────────────────────
  put('pnpm-workspace.yaml', `packages:\n  - 'apps/*'\n  - 'libs/*'\n`);
  put(
    'package.json',
    `${JSON.stringify(
      {
        name: 'bench-platform',
        version: '0.0.0',
        private: true,
        packageManager: 'pnpm@9.15.0',
        scripts: { build: 'pnpm -r build', typecheck: 'tsc --noEmit -p tsconfig.json' },
        devDependencies: { typescript: '5.9.3' },
      },
      null,
      2,
    )}\n`,
  );
  put(
    'tsconfig.base.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022'],
          module: 'commonjs',
          moduleResolution: 'node',
          strict: true,
          esModuleInterop: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          skipLibCheck: true,
          declaration: false,
          paths: { [`${SCOPE}/*`]: ['./libs/*/src'] },
        },
      },
      null,
      2,
    )}\n`,
  );
  put(
    'tsconfig.json',
    `${JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'] }, null, 2)}\n`,
  );
  put('.gitignore', 'node_modules/\ndist/\n');
  for (const [rel, text] of Object.entries(STUB_FILES)) put(rel, text);

  // ── Manifest ─────────────────────────────────────────────────────────────────────────────
  const sourcePaths = [...out.keys()].filter((p) => /^(apps|libs)\/[^/]+\/src\/.*\.ts$/.test(p));
  const sourceBytes = sourcePaths.reduce((n, p) => n + Buffer.byteLength(out.get(p)), 0);
  const manifest = {
    generator: { version: GENERATOR_VERSION, seed, files, padding, servicesCount, queueShare },
    totals: {
      sourceFiles: sourcePaths.length,
      queueFiles: queueTouching,
      nonQueueFiles: sourcePaths.length - queueTouching,
      sourceBytes,
      averageBytes: Math.round(sourceBytes / sourcePaths.length),
    },
    services: manifestServices,
    libraries: [`${SCOPE}/platform-config`, `${SCOPE}/queue-contracts`, ...utils.map((u) => u.name)],
    queues: queues
      .map((q) => ({
        queue: q.name,
        owner: q.owner.name,
        ownerRoot: q.owner.dir,
        consumer: q.consumer,
        jobs: q.jobs.map((j) => j.name).sort(),
        producers: q.producers
          .map((pr) => ({ service: pr.svc.name, file: pr.file, jobs: pr.jobs.map((j) => j.name).sort() }))
          .sort((a, b) => a.file.localeCompare(b.file)),
      }))
      .sort((a, b) => a.queue.localeCompare(b.queue)),
  };
  if (sourcePaths.length !== queueTouching + nonQueueTarget) {
    throw new Error(`generator bug: ${sourcePaths.length} source files, expected ${queueTouching + nonQueueTarget}`);
  }
  const digest = createHash('sha256');
  for (const p of [...out.keys()].sort()) digest.update(`${p}\0${out.get(p)}\0`);
  manifest.digest = digest.digest('hex');
  return { files: out, manifest };
}

/** Write the tree to outDir (replacing a previous generated tree there). Returns the manifest. */
export function generate({ outDir, force = false, ...options }) {
  const { files, manifest } = buildTree(options);
  const dir = resolve(outDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER_FILE)) && !force) {
      throw new Error(`${dir} is not empty and was not made by the generator (no ${MARKER_FILE}); pass force to replace it`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const made = new Set();
  for (const [rel, text] of files) {
    const path = join(dir, rel);
    const parent = dirname(path);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(path, text);
  }
  writeFileSync(join(dir, MARKER_FILE), `${JSON.stringify({ generator: manifest.generator, digest: manifest.digest }, null, 2)}\n`);
  return manifest;
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      files: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      services: { type: 'string', default: '20' },
      'queue-share': { type: 'string', default: '0.02' },
      padding: { type: 'string', default: '1' },
      manifest: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help || !values.out) {
    process.stderr.write(
      'usage: node bench/generate.mjs --out DIR [--files 1000] [--seed 1] [--services 20] [--queue-share 0.02]\n' +
        '                               [--padding 1] [--manifest FILE|-] [--force]\n',
    );
    return values.help ? 0 : 2;
  }
  const num = (name, v) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new RangeError(`--${name} must be a number, got ${v}`);
    return n;
  };
  const started = process.hrtime.bigint();
  const manifest = generate({
    outDir: values.out,
    files: num('files', values.files),
    seed: num('seed', values.seed),
    servicesCount: num('services', values.services),
    queueShare: num('queue-share', values['queue-share']),
    padding: num('padding', values.padding),
    force: values.force,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const json = `${JSON.stringify(manifest, null, 2)}\n`;
  if (values.manifest === '-') process.stdout.write(json);
  else if (values.manifest) writeFileSync(values.manifest, json);
  const t = manifest.totals;
  process.stderr.write(
    `generated ${t.sourceFiles} source files (${t.queueFiles} touch queues, ${manifest.queues.length} queues, ` +
      `avg ${t.averageBytes} B) in ${values.out} in ${(ms / 1000).toFixed(2)} s; digest ${manifest.digest.slice(0, 12)}\n`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
