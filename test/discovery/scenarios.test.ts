/**
 * Issue 13: process discovery scenarios in memory — one deployment style each, including the
 * bad input that must become a warning while discovery goes on.
 */
import { describe, expect, it } from 'vitest';
import { discoverIn, json, lines } from './memory-repo.js';

const NEST_MAIN = "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n";
const NEST_WORKER = "import { NestFactory } from '@nestjs/core';\nimport { WorkerModule } from './worker.module';\nasync function bootstrap() {\n  await NestFactory.createApplicationContext(WorkerModule);\n}\nvoid bootstrap();\n";

describe('nest start', () => {
  it('--config nest-cli.worker.json and --entryFile, read from the nest-cli files', () => {
    const result = discoverIn({
      'package.json': json({ name: 'app', scripts: { 'start:prod': 'nest start', 'start:worker': 'nest start --config nest-cli.worker.json', 'start:jobs': 'nest start --entryFile jobs/main' }, dependencies: { '@nestjs/core': '11' } }),
      'nest-cli.json': json({ sourceRoot: 'src' }),
      'nest-cli.worker.json': json({ sourceRoot: 'src', entryFile: 'worker' }),
      'src/main.ts': NEST_MAIN,
      'src/worker.ts': NEST_WORKER,
      'src/jobs/main.ts': 'export {};\n',
    });
    expect(lines(result)).toEqual([
      'app:jobs src/jobs/main.ts [script, nest] package.json:6',
      'app:main src/main.ts [script, nest] package.json:4',
      'app:worker src/worker.ts [script, nest] package.json:5',
    ]);
  });

  it('Nest monorepo mode: nest start <project>, and dist/apps/<project>/main.js from a Dockerfile', () => {
    const result = discoverIn({
      'package.json': json({ name: 'shop', scripts: { 'start:api': 'nest start api', 'start:worker': 'nest start worker' } }),
      'nest-cli.json': json({
        monorepo: true,
        root: 'apps/api',
        sourceRoot: 'apps/api/src',
        projects: { api: { type: 'application', root: 'apps/api', sourceRoot: 'apps/api/src', entryFile: 'main' }, worker: { type: 'application', root: 'apps/worker', sourceRoot: 'apps/worker/src', entryFile: 'main' }, common: { type: 'library', root: 'libs/common' } },
      }),
      'apps/api/src/main.ts': NEST_MAIN,
      'apps/worker/src/main.ts': NEST_WORKER,
      'Dockerfile.worker': 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npx nest build worker\nCMD ["node", "dist/apps/worker/main.js"]\n',
    });
    expect(lines(result)).toEqual([
      'shop:api apps/api/src/main.ts [script, nest] package.json:4',
      'shop:worker apps/worker/src/main.ts [dockerfile, nest] Dockerfile.worker:5 package.json:5',
    ]);
  });
});

describe('scripts', () => {
  it('follows npm/pnpm/yarn indirections, && chains and env prefixes; one-off steps are notes', () => {
    const result = discoverIn({
      'package.json': json({ name: 'root', private: true, workspaces: ['apps/*'], scripts: { 'start:api': 'pnpm --filter @acme/api start' } }),
      'apps/api/package.json': json({ name: '@acme/api', scripts: { start: 'npm run migrate && cross-env NODE_ENV=production npm run start:prod', 'start:prod': 'node -r tsconfig-paths/register dist/main', migrate: 'node dist/migrate.js' } }),
      'apps/api/tsconfig.json': json({ compilerOptions: { outDir: 'dist', rootDir: 'src' } }),
      'apps/api/src/main.ts': 'export {};\n',
      'apps/api/src/migrate.ts': 'export {};\n',
    });
    expect(lines(result)).toEqual(['@acme/api apps/api/src/main.ts [script] apps/api/package.json:4 apps/api/package.json:5 package.json:8']);
    expect(result.notes).toEqual([]);
  });

  it('concurrently: several processes from one script, named by -n', () => {
    const result = discoverIn({
      'package.json': json({ name: 'svc', scripts: { start: 'concurrently -n http,queue "node dist/server.js" "node dist/queue.js"' } }),
      'src/server.ts': 'export {};\n',
      'src/queue.ts': 'export {};\n',
    });
    expect(lines(result)).toEqual(['svc:http src/server.ts [script] package.json:4', 'svc:queue src/queue.ts [script] package.json:4']);
  });

  it('ts-node, tsx watch and nodemon as last resorts: dev scripts count only for a package nothing else deploys', () => {
    const result = discoverIn({
      'package.json': json({ name: 'root', workspaces: ['apps/*'] }),
      'apps/a/package.json': json({ name: 'a', scripts: { dev: 'tsx watch src/dev-server.ts', start: 'node dist/main.js' } }),
      'apps/a/src/main.ts': 'export {};\n',
      'apps/a/src/dev-server.ts': 'export {};\n',
      'apps/b/package.json': json({ name: 'b', scripts: { 'start:dev': 'ts-node-dev --respawn src/index.ts' } }),
      'apps/b/src/index.ts': 'export {};\n',
      'apps/c/package.json': json({ name: 'c', main: 'src/app.js', scripts: { dev: 'nodemon' } }),
      'apps/c/src/app.js': 'module.exports = {};\n',
    });
    expect(lines(result)).toEqual(['a apps/a/src/main.ts [script] apps/a/package.json:5', 'b apps/b/src/index.ts [script] apps/b/package.json:4', 'c apps/c/src/app.js [script] apps/c/package.json:5']);
    expect(result.notes).toEqual(['apps/a/package.json:4: `tsx watch src/dev-server.ts` (apps/a/src/dev-server.ts) is a development or secondary deployment of apps/a, which is deployed otherwise; not counted']);
  });

  it('a script whose target maps to no source is a process without entry, and a note says why', () => {
    const result = discoverIn({
      'package.json': json({ name: 'legacy', scripts: { start: 'node build/server.js' } }),
      'src/other.ts': 'export {};\n',
    });
    expect(result.processes).toEqual([
      {
        name: 'legacy',
        package: '.',
        entryReason: 'no source file for build/server.js (looked for build/server.*, src/server.*, server.*)',
        command: 'node build/server.js',
        foundAt: [{ file: 'package.json', line: 4 }],
        source: 'script',
      },
    ]);
    expect(result.notes).toEqual(['package.json:4: `node build/server.js` runs build/server.js: no source file for build/server.js (looked for build/server.*, src/server.*, server.*)']);
  });
});

describe('Dockerfiles', () => {
  it('a root Dockerfile running one workspace package (pnpm --filter) belongs to that package', () => {
    const result = discoverIn({
      'package.json': json({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      'apps/worker/package.json': json({ name: '@mono/worker', scripts: { 'start:prod': 'node dist/main.js' } }),
      'apps/worker/src/main.ts': 'export {};\n',
      'Dockerfile': 'FROM node:20 AS base\nWORKDIR /repo\nCOPY . .\nRUN pnpm install && pnpm -r build\n\nFROM base AS runner\nENV NODE_ENV=production\nCMD ["pnpm", "--filter", "@mono/worker", "start:prod"]\n',
    });
    expect(lines(result)).toEqual(['@mono/worker apps/worker/src/main.ts [dockerfile] Dockerfile:8 apps/worker/package.json:4']);
  });

  it('an entrypoint script that ends in exec "$@" runs the CMD', () => {
    const result = discoverIn({
      'package.json': json({ name: 'api' }),
      'src/main.ts': 'export {};\n',
      'docker/entrypoint.sh': '#!/bin/sh\nset -e\nnode dist/migrate.js\nexec "$@"\n',
      'Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["./docker/entrypoint.sh"]\nCMD ["node", "dist/main.js"]\n',
    });
    expect(lines(result)).toEqual(['api src/main.ts [dockerfile] Dockerfile:5']);
    expect(result.notes).toEqual(['Dockerfile:5: `node dist/migrate.js` runs before the process starts (a one-off step), not as a process']);
  });

  it('unparsable Dockerfile lines are warnings, and the other sources are still read', () => {
    const result = discoverIn({
      'package.json': json({ name: 'api', scripts: { start: 'node dist/main.js' } }),
      'src/main.ts': 'export {};\n',
      'Dockerfile': 'FORM node:20\nFROM node:20\nCMD ["node", dist/main.js]\n',
      'Procfile': 'web node dist/main.js\n',
      'docker-compose.yml': 'services:\n  api:\n    build: .\n   command: [\n',
      'pm2.config.js': 'module.exports = { apps: [ { name: "x", script: } ] };\n',
      'supervisord.conf': '[program:x]\ncommand=\n',
    });
    expect(result.warnings).toEqual([
      { file: 'Dockerfile', line: 1, message: 'unknown instruction "FORM"; the line is ignored' },
      { file: 'Dockerfile', line: 3, message: 'CMD looks like exec form but is not a JSON array of strings; Docker runs it through /bin/sh' },
      { file: 'Procfile', line: 1, message: 'not a "<type>: <command>" line; it is ignored' },
      { file: 'docker-compose.yml', line: 4, message: expect.stringMatching(/^invalid YAML/) as unknown as string },
      { file: 'pm2.config.js', line: 1, message: 'not valid JavaScript (Expression expected.)' },
      { file: 'supervisord.conf', line: 1, message: '[program:x] has no command' },
    ]);
    expect(lines(result)).toEqual(['api src/main.ts [script] package.json:4']);
  });
});

describe('Nx', () => {
  it('serve with @nx/js:node → the build target main; run-commands; a dev-server target is no process', () => {
    const result = discoverIn({
      'package.json': json({ name: 'nxrepo', private: true }),
      'apps/api/project.json': json({
        name: 'api',
        projectType: 'application',
        targets: {
          build: { executor: '@nx/webpack:webpack', options: { main: 'apps/api/src/main.ts', outputPath: 'dist/apps/api' } },
          serve: { executor: '@nx/js:node', options: { buildTarget: 'api:build' } },
        },
      }),
      'apps/api/src/main.ts': 'export {};\n',
      'apps/jobs/project.json': json({ name: 'jobs', projectType: 'application', targets: { start: { executor: 'nx:run-commands', options: { command: 'node apps/jobs/src/run.js' } } } }),
      'apps/jobs/src/run.js': 'module.exports = {};\n',
      'apps/web/project.json': json({ name: 'web', projectType: 'application', targets: { serve: { executor: '@nx/vite:dev-server', options: { buildTarget: 'web:build' } } } }),
      'apps/web/src/main.tsx': 'export {};\n',
      // A Dockerfile running the webpack bundle maps back to the same entry.
      'apps/api/Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY dist/apps/api ./\nCMD ["node", "main.js"]\n',
    });
    expect(lines(result)).toEqual(['api apps/api/src/main.ts [nx] apps/api/Dockerfile:4 apps/api/project.json:12', 'jobs apps/jobs/src/run.js [nx] apps/jobs/project.json:5']);
    expect(result.notes).toEqual(['apps/web/project.json:5: Nx target web:serve: the @nx/vite:dev-server executor does not run a Node process; no process from it']);
  });
});

describe('the Nest bootstrap fallback', () => {
  it('a package nothing deploys: its files that bootstrap Nest at module level; scripts by name are left out', () => {
    const result = discoverIn({
      'package.json': json({ name: 'root', workspaces: ['apps/*', 'libs/*'] }),
      'apps/api/package.json': json({ name: 'api', dependencies: { '@nestjs/core': '11' } }),
      'apps/api/src/main.ts': NEST_MAIN,
      'apps/api/src/worker.ts': NEST_WORKER,
      'apps/api/src/seed.ts': "import { NestFactory } from '@nestjs/core';\nasync function run() { await NestFactory.createApplicationContext(SeedModule); }\nrun();\n",
      'apps/api/src/testing/app.ts': "import { NestFactory } from '@nestjs/core';\nexport async function makeApp() { return NestFactory.create(AppModule); }\n",
      'libs/nest-kit/package.json': json({ name: 'nest-kit', dependencies: { '@nestjs/core': '11' } }),
      'libs/nest-kit/src/index.ts': 'export const x = 1;\n',
    });
    expect(lines(result)).toEqual(['api:main apps/api/src/main.ts [nest-bootstrap, nest] apps/api/src/main.ts:4', 'api:worker apps/api/src/worker.ts [nest-bootstrap, nest] apps/api/src/worker.ts:4']);
    expect(result.notes).toEqual([
      'apps/api/src/seed.ts: bootstraps NestJS but is named like a script (seed, migration, CLI, REPL); not a process',
      'apps/api: nothing found deploys this package; apps/api/src/main.ts, apps/api/src/worker.ts bootstrap NestJS and are taken as its processes',
    ]);
  });
});

describe('naming', () => {
  it('one process keeps the package name; the same entry from several places is one process', () => {
    const result = discoverIn({
      'package.json': json({ name: 'root', workspaces: ['apps/*'] }),
      'apps/api/package.json': json({ name: '@acme/api', scripts: { start: 'node dist/main.js', 'start:prod': 'NODE_ENV=production node dist/main' } }),
      'apps/api/Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["npm", "run", "start:prod"]\n',
      'apps/api/Procfile': 'web: npm start\n',
      'apps/api/src/main.ts': 'export {};\n',
    });
    expect(lines(result)).toEqual(['@acme/api apps/api/src/main.ts [procfile] apps/api/Dockerfile:4 apps/api/Procfile:1 apps/api/package.json:4 apps/api/package.json:5']);
  });

  it('several processes: the deployment names, else entry basenames, made unique', () => {
    const result = discoverIn({
      'package.json': json({ name: 'jobs', scripts: { 'start:a': 'node dist/a/main.js', 'b:start': 'node dist/b/main.js', start: 'node dist/c/main.js', serve: 'node dist/d/main.js' } }),
      'src/a/main.ts': 'export {};\n',
      'src/b/main.ts': 'export {};\n',
      'src/c/main.ts': 'export {};\n',
      'src/d/main.ts': 'export {};\n',
    });
    expect(result.processes.map((p) => `${p.name} ${p.entry}`)).toEqual(['jobs:a src/a/main.ts', 'jobs:b src/b/main.ts', 'jobs:c/main src/c/main.ts', 'jobs:d/main src/d/main.ts']);
  });
});

describe('repositories without workspaces', () => {
  it('nothing deploys it: one fallback process named after the root package, and a note', () => {
    const result = discoverIn({ 'package.json': json({ name: 'tiny', scripts: { build: 'tsc' } }), 'src/index.ts': 'export {};\n' });
    expect(result.processes).toEqual([{ name: 'tiny', package: '.', entryReason: 'nothing in the repository says how it is deployed', command: '', foundAt: [], source: 'fallback' }]);
    expect(result.notes).toEqual([
      'no deployment found (no start script, Dockerfile, Procfile, compose, pm2 or supervisord file, Nx target or NestFactory bootstrap); the repository is taken as one process, "tiny", with no entry file',
    ]);
  });

  it('a monorepo where nothing deploys anything has no process (and says so)', () => {
    const result = discoverIn({ 'package.json': json({ name: 'libs', workspaces: ['packages/*'] }), 'packages/a/package.json': json({ name: 'a' }), 'packages/a/src/index.ts': 'export {};\n' });
    expect(result.processes).toEqual([]);
    expect(result.notes).toEqual(['no deployment found in any package: no package is a process']);
  });

  it('never throws, whatever readText does', () => {
    expect(() => discoverIn({ 'package.json': '{}', Dockerfile: '\u0000\u0001', Procfile: ':::', 'compose.yaml': '- [' })).not.toThrow();
  });
});

describe('hosting platform specs', () => {
  it('Render blueprint: startCommand in rootDir, a worker and a cron job; a static site is no process', () => {
    const result = discoverIn({
      'package.json': json({ name: 'root', private: true, workspaces: ['apps/*'] }),
      'apps/api/package.json': json({ name: 'api', scripts: { build: 'tsc' } }),
      'apps/api/src/server.ts': 'export {};\n',
      'apps/api/src/jobs/worker.ts': 'export {};\n',
      'apps/api/src/jobs/nightly.ts': 'export {};\n',
      'render.yaml': 'services:\n  - type: web\n    name: api\n    rootDir: apps/api\n    startCommand: node dist/server.js\n  - type: worker\n    name: api-worker\n    rootDir: apps/api\n    startCommand: node dist/jobs/worker.js\n  - type: cron\n    name: nightly\n    rootDir: apps/api\n    schedule: "0 3 * * *"\n    startCommand: node dist/jobs/nightly.js\n  - type: web\n    name: site\n    runtime: static\n    buildCommand: npm run build\n',
    });
    expect(lines(result)).toEqual([
      'api:api apps/api/src/server.ts [platform] render.yaml:5',
      'api:api-worker apps/api/src/jobs/worker.ts [platform] render.yaml:9',
      'api:nightly apps/api/src/jobs/nightly.ts [platform] render.yaml:14',
    ]);
  });

  it('Fly.io [processes] and a DigitalOcean app spec (services, workers under spec:)', () => {
    const fly = discoverIn({
      'package.json': json({ name: 'mailer', scripts: { build: 'tsc' } }),
      'src/app.ts': 'export {};\n',
      'src/worker.ts': 'export {};\n',
      'fly.toml': 'app = "mailer"\n\n[processes]\n  app = "node dist/app.js"\n  worker = "node dist/worker.js"\n',
    });
    expect(lines(fly)).toEqual(['mailer:app src/app.ts [platform] fly.toml:4', 'mailer:worker src/worker.ts [platform] fly.toml:5']);
    const digitalocean = discoverIn({
      'package.json': json({ name: 'root', private: true, workspaces: ['services/*'] }),
      'services/core/package.json': json({ name: 'core' }),
      'services/core/src/index.ts': 'export {};\n',
      'services/core/src/queue.ts': 'export {};\n',
      '.do/app.yaml': 'spec:\n  name: core\n  services:\n    - name: web\n      source_dir: services/core\n      run_command: node dist/index.js\n  workers:\n    - name: queue\n      source_dir: services/core\n      run_command: node dist/queue.js\n',
    });
    expect(lines(digitalocean)).toEqual(['core:queue services/core/src/queue.ts [platform] .do/app.yaml:10', 'core:web services/core/src/index.ts [platform] .do/app.yaml:6']);
  });

  it('an invalid spec is a warning with its line, and the other sources are still read', () => {
    const result = discoverIn({
      'package.json': json({ name: 'svc', scripts: { start: 'node dist/main.js' } }),
      'src/main.ts': 'export {};\n',
      'render.yaml': 'services:\n  - type: web\n    startCommand: [node\n',
    });
    expect(lines(result)).toEqual(['svc src/main.ts [script] package.json:4']);
    expect(result.warnings.map((w) => `${w.file}:${w.line}`)).toEqual(['render.yaml:4']);
  });
});

describe('runners that name their program indirectly', () => {
  it('oclif: ./bin/run <command> runs the command class file; a package bin run by name', () => {
    const result = discoverIn({
      'package.json': json({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/cli/package.json': json({ name: '@acme/cli', bin: { acme: './bin/run' }, oclif: { commands: './dist/commands' }, scripts: { 'start:worker': './bin/run worker' } }),
      'packages/cli/tsconfig.json': json({ compilerOptions: { outDir: 'dist', rootDir: 'src' } }),
      'packages/cli/bin/run': "#!/usr/bin/env node\nrequire('@oclif/core').run().then(require('@oclif/core/flush'))\n",
      'packages/cli/src/commands/worker.ts': 'export default class Worker {}\n',
      'packages/cli/src/commands/migrate.ts': 'export default class Migrate {}\n',
    });
    expect(lines(result)).toEqual(['@acme/cli packages/cli/src/commands/worker.ts [script] packages/cli/package.json:10']);
  });

  it('run-script-os: the script variant for the server OS (:nix, :linux, :default)', () => {
    const result = discoverIn({
      'package.json': json({ name: 'app', scripts: { start: 'run-script-os', 'start:win32': 'node dist\\\\win.js', 'start:nix': 'node dist/server.js' } }),
      'src/server.ts': 'export {};\n',
      'src/win.ts': 'export {};\n',
    });
    expect(lines(result)).toEqual(['app src/server.ts [script] package.json:4']);
  });

  it('yarn <bin> with no script of that name runs the binary (yarn ts-node src/main.ts)', () => {
    const result = discoverIn({
      'package.json': json({ name: 'api', scripts: { start: 'yarn ts-node --transpile-only src/main.ts' } }),
      'src/main.ts': 'export {};\n',
    });
    expect(lines(result)).toEqual(['api src/main.ts [script] package.json:4']);
  });
});
