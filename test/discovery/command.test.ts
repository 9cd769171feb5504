/**
 * Issue 13: the script/command parser. Each row is a command as people write it in package
 * scripts, Dockerfile CMDs and Procfiles, and the runs it starts — only the fields that matter
 * (kind, the target, oneOff, name, cwd, env when set).
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/discovery/processes/command.js';
import type { Run } from '../../src/discovery/processes/runs.js';

/** A compact view of a run: `file node dist/main.js`, `script npm start`, `nest …`. */
function view(run: Run): string {
  const parts: string[] = [run.kind];
  switch (run.kind) {
    case 'file':
      parts.push(run.runner, run.path ?? '(none)');
      break;
    case 'script':
      parts.push(run.manager, run.script);
      if (run.workspace) parts.push(`@${run.workspace}`);
      break;
    case 'nest':
      parts.push(`project=${run.project ?? '-'}`, `config=${run.config ?? '-'}`, `entryFile=${run.entryFile ?? '-'}`);
      break;
    case 'pm2':
      parts.push(run.target);
      if (run.only) parts.push(`only=${run.only}`);
      break;
    case 'nx':
      parts.push(`${run.project}:${run.target}`);
      break;
    case 'shell-script':
      parts.push(run.path, ...run.args);
      break;
    case 'delegate':
      parts.push(run.tool);
      break;
    case 'unknown':
      parts.push(run.program);
      break;
    case 'framework':
      parts.push(run.program);
      break;
    case 'os-script':
      break;
  }
  if (run.oneOff) parts.push('(one-off)');
  if (run.name) parts.push(`name=${run.name}`);
  if (run.cwd) parts.push(`cwd=${run.cwd}`);
  return parts.join(' ');
}

const runs = (command: string | string[]): string[] => parseCommand(command).runs.map(view);

describe('parseCommand: what a command runs', () => {
  const table: [string, string | string[], string[]][] = [
    // node and its flags
    ['plain node', 'node dist/main.js', ['file node dist/main.js']],
    ['node without extension', 'node dist/main', ['file node dist/main']],
    ['node flags with and without values', 'node --enable-source-maps -r tsconfig-paths/register --max-old-space-size=4096 dist/worker.js --port 3000', ['file node dist/worker.js']],
    ['node --require with value', 'node --require ./tracing.js dist/main.js', ['file node dist/main.js']],
    ['node --import / --env-file', 'node --env-file .env --import ./otel.mjs build/server.mjs', ['file node build/server.mjs']],
    ['node directory', 'node .', ['file node .']],
    ['absolute node binary', '/usr/local/bin/node dist/main.js', ['file node dist/main.js']],
    ['node -e is no file', "node -e 'console.log(1)'", ['unknown node']],
    ['node alone', 'node', ['unknown node']],
    // TypeScript runners
    ['ts-node', 'ts-node -r tsconfig-paths/register src/main.ts', ['file ts-node src/main.ts']],
    ['ts-node -P', 'ts-node -P tsconfig.json --transpile-only src/worker.ts', ['file ts-node src/worker.ts']],
    ['ts-node-dev', 'ts-node-dev --respawn --transpile-only --ignore-watch node_modules src/main.ts', ['file ts-node-dev src/main.ts']],
    ['tsx', 'tsx src/main.ts', ['file tsx src/main.ts']],
    ['tsx watch', 'tsx watch --clear-screen=false --tsconfig tsconfig.json src/main.ts', ['file tsx src/main.ts']],
    ['node --loader ts-node/esm', 'node --loader ts-node/esm src/main.ts', ['file node src/main.ts']],
    ['nodemon with script', 'nodemon --watch src -e ts dist/main.js', ['file nodemon dist/main.js']],
    ['nodemon --exec', 'nodemon --watch src --exec "ts-node -r tsconfig-paths/register" src/main.ts', ['file ts-node src/main.ts']],
    ['nodemon alone', 'nodemon', ['file nodemon (none)']],
    ['bun run file', 'bun run src/index.ts', ['file bun src/index.ts']],
    ['bun file', 'bun --watch src/index.ts', ['file bun src/index.ts']],
    ['bun run script', 'bun run start:worker', ['script bun start:worker']],
    // package managers
    ['npm start', 'npm start', ['script npm start']],
    ['npm run', 'npm run start:prod', ['script npm start:prod']],
    ['npm run -s with args', 'npm run -s worker -- --concurrency 4', ['script npm worker']],
    ['npm -w', 'npm run start -w apps/api', ['script npm start @apps/api']],
    ['npm --workspace=', 'npm --workspace=@acme/api start', ['script npm start @@acme/api']],
    ['npm --prefix', 'npm --prefix apps/api run start', ['script npm start @./apps/api']],
    ['npm --workspaces fans out', 'npm run start --workspaces', ['delegate npm --workspaces']],
    ['pnpm script', 'pnpm start:prod', ['script pnpm start:prod']],
    ['pnpm run', 'pnpm run worker', ['script pnpm worker']],
    ['pnpm --filter', 'pnpm --filter @acme/api start', ['script pnpm start @@acme/api']],
    ['pnpm -F dir', 'pnpm -F ./apps/worker run start', ['script pnpm start @./apps/worker']],
    ['pnpm -r fans out', 'pnpm -r --parallel dev', ['delegate pnpm --recursive']],
    ['pnpm install is no process', 'pnpm install --frozen-lockfile', ['unknown pnpm']],
    ['pnpm exec', 'pnpm exec ts-node src/main.ts', ['file ts-node src/main.ts']],
    ['yarn script', 'yarn start', ['script yarn start']],
    ['yarn run', 'yarn run start:worker', ['script yarn start:worker']],
    ['yarn workspace', 'yarn workspace @acme/worker start', ['script yarn start @@acme/worker']],
    ['yarn workspaces foreach fans out', 'yarn workspaces foreach -pi run dev', ['delegate yarn workspaces']],
    ['yarn node', 'yarn node dist/main.js', ['file node dist/main.js']],
    ['npx', 'npx ts-node src/main.ts', ['file ts-node src/main.ts']],
    ['npx -y with package', 'npx -y -p ts-node ts-node src/main.ts', ['file ts-node src/main.ts']],
    // chains
    ['&& chain: the last step is the process', 'npm run build && node dist/main.js', ['script npm build (one-off)', 'file node dist/main.js']],
    ['migration first', 'npx prisma migrate deploy && node dist/main.js', ['unknown prisma (one-off)', 'file node dist/main.js']],
    ['; chain', 'node dist/seed.js; node dist/main.js', ['file node dist/seed.js (one-off)', 'file node dist/main.js']],
    ['trailing echo does not count', 'node dist/main.js; echo done', ['file node dist/main.js']],
    ['|| fallback ignored', 'node dist/main.js || exit 1', ['file node dist/main.js']],
    ['background steps all run', 'node dist/main.js & node dist/worker.js & wait', ['file node dist/main.js', 'file node dist/worker.js']],
    ['pipeline: both run', 'node dist/main.js | pino-pretty', ['file node dist/main.js', 'unknown pino-pretty']],
    ['redirections dropped', 'node dist/main.js > /var/log/app.log 2>&1', ['file node dist/main.js']],
    ['cd then run', 'cd apps/api && node dist/main.js', ['file node dist/main.js cwd=apps/api']],
    // env prefixes
    ['VAR=1 prefix', 'NODE_ENV=production PORT=3000 node dist/main.js', ['file node dist/main.js']],
    ['env prefix', 'env -u DEBUG NODE_ENV=production node dist/main.js', ['file node dist/main.js']],
    ['cross-env', 'cross-env NODE_ENV=production node dist/main.js', ['file node dist/main.js']],
    ['dotenv -e … --', 'dotenv -e .env.production -- node dist/main.js', ['file node dist/main.js']],
    ['dotenv -e without --', 'dotenv -e .env node dist/main.js', ['file node dist/main.js']],
    ['env-cmd', 'env-cmd -f .env.prod node dist/main.js', ['file node dist/main.js']],
    ['export then run', 'export NODE_ENV=production; node dist/main.js', ['file node dist/main.js']],
    ['exec', 'exec node dist/main.js', ['file node dist/main.js']],
    // nest
    ['nest start', 'nest start', ['nest project=- config=- entryFile=-']],
    ['nest start --watch', 'nest start --watch --debug 0.0.0.0:9229', ['nest project=- config=- entryFile=-']],
    ['nest start --config', 'nest start --config nest-cli.worker.json', ['nest project=- config=nest-cli.worker.json entryFile=-']],
    ['nest start -c and --entryFile', 'nest start -c nest-cli.json --entryFile worker', ['nest project=- config=nest-cli.json entryFile=worker']],
    ['nest start project', 'nest start worker --watch', ['nest project=worker config=- entryFile=-']],
    ['nest build is no process', 'nest build && node dist/main', ['unknown nest (one-off)', 'file node dist/main']],
    // pm2
    ['pm2-runtime ecosystem', 'pm2-runtime start ecosystem.config.js --env production', ['pm2 ecosystem.config.js']],
    ['pm2-runtime without start', 'pm2-runtime ecosystem.config.js', ['pm2 ecosystem.config.js']],
    ['pm2 start file --name', 'pm2 start dist/main.js --name api -i max', ['pm2 dist/main.js name=api']],
    ['pm2 --only', 'pm2 start pm2.config.js --only worker --no-daemon', ['pm2 pm2.config.js only=worker']],
    ['pm2 start npm -- start', 'pm2 start npm --name web -- start', ['script npm start name=web']],
    ['pm2 logs is no process', 'pm2 logs', []],
    // several processes
    ['concurrently', 'concurrently -n api,worker "node dist/main.js" "node dist/worker.js"', ['file node dist/main.js name=api', 'file node dist/worker.js name=worker']],
    ['concurrently npm: shorthand', 'concurrently --kill-others "npm:start:api" "npm:start:worker"', ['script npm start:api', 'script npm start:worker']],
    ['run-p', 'run-p start:api start:worker', ['script npm start:api', 'script npm start:worker']],
    ['run-s', 'run-s build start', ['script npm build (one-off)', 'script npm start']],
    // shells and scripts
    ['sh -c', "sh -c 'npm run migrate && node dist/main.js'", ['script npm migrate (one-off)', 'file node dist/main.js']],
    ['/bin/sh -c', ['/bin/sh', '-c', 'node dist/main.js'], ['file node dist/main.js']],
    ['shell script', './scripts/start.sh --prod', ['shell-script ./scripts/start.sh --prod']],
    ['entrypoint with cmd', ['docker-entrypoint.sh', 'node', 'dist/main.js'], ['shell-script docker-entrypoint.sh node dist/main.js']],
    ['tini', ['/sbin/tini', '--', 'node', 'dist/main.js'], ['file node dist/main.js']],
    ['dumb-init', 'dumb-init node dist/main.js', ['file node dist/main.js']],
    // exec form
    ['exec form argv', ['node', '--enable-source-maps', 'dist/index.js'], ['file node dist/index.js']],
    ['exec form npm', ['npm', 'run', 'start:prod'], ['script npm start:prod']],
    // nx, delegates, frontends
    ['nx serve', 'nx serve api', ['nx api:serve']],
    ['nx run', 'npx nx run worker:serve:production', ['nx worker:serve']],
    ['supervisord', 'supervisord -n -c /etc/supervisor/supervisord.conf', ['delegate supervisord']],
    ['turbo', 'turbo run start', ['delegate turbo']],
    ['next start', 'next start -p 3000', ['framework next']],
    ['next build is no server', 'next build && next start', ['unknown next (one-off)', 'framework next']],
    ['vite (a framework only in a SvelteKit package)', 'vite', ['framework vite']],
    ['vite build', 'vite build', ['unknown vite']],
    ['run-script-os', 'run-script-os', ['os-script']],
    ['an executable of the repository with a command', './bin/run worker', ['file exec ./bin/run']],
    ['a flag with a path is not a file', ['--config=/etc/otel/config.yaml'], ['unknown --config=/etc/otel/config.yaml']],
  ];
  it.each(table)('%s', (_label, command, expected) => {
    expect(runs(command)).toEqual(expected);
  });

  it('keeps the env of prefixes on the run', () => {
    expect(parseCommand('APP_ROLE=worker cross-env NODE_ENV=production node dist/main.js').runs[0]!.env).toEqual({ APP_ROLE: 'worker', NODE_ENV: 'production' });
  });

  it('expands "$@" of a script it was given arguments for', () => {
    expect(parseCommand('#!/bin/sh\nset -e\nnpx prisma migrate deploy\nexec "$@"\n', { positional: ['node', 'dist/main.js'] }).runs.map(view)).toEqual([
      'unknown prisma (one-off)',
      'file node dist/main.js',
    ]);
  });

  it('reports an unterminated quote and still reads what it can', () => {
    const parsed = parseCommand('node "dist/main.js');
    expect(parsed.problem).toBe('unterminated double quote');
    expect(parsed.runs.map(view)).toEqual(['file node dist/main.js']);
  });
});
