/**
 * Issue 13: process discovery on the fixture monorepos. Each fixture's EXPECTED.md lists the
 * same processes (and the queue findings expected once reachability is wired); here discovery's
 * whole result is asserted exactly.
 */
import { describe, expect, it } from 'vitest';
import type { DiscoveredProcesses } from '../../src/discovery/processes/types.js';
import { discover, fixturePath } from './helpers.js';

const cases: [string, DiscoveredProcesses][] = [
  [
    'processes-procfile',
    {
      processes: [
        {
          name: 'platform:mainWorker',
          package: 'apps/platform',
          entry: 'apps/platform/src/worker.ts',
          command: 'node dist/worker',
          foundAt: [{ file: 'apps/platform/Procfile', line: 4 }, { file: 'apps/platform/package.json', line: 8 }],
          source: 'procfile',
          nest: true,
        },
        {
          name: 'platform:web',
          package: 'apps/platform',
          entry: 'apps/platform/src/main.ts',
          command: 'node dist/main',
          foundAt: [{ file: 'apps/platform/Procfile', line: 3 }, { file: 'apps/platform/package.json', line: 7 }],
          source: 'procfile',
          nest: true,
        },
      ],
      warnings: [],
      notes: ['apps/platform/Procfile:2: "release" runs once per release, not as a process'],
    },
  ],
  [
    'processes-pm2',
    {
      processes: [
        {
          name: 'backend:api',
          package: 'apps/backend',
          entry: 'apps/backend/src/index.ts',
          command: 'dist/index.js',
          foundAt: [{ file: 'apps/backend/Dockerfile', line: 13 }, { file: 'apps/backend/pm2.config.js', line: 14 }],
          source: 'pm2',
        },
        {
          name: 'backend:jobs',
          package: 'apps/backend',
          entry: 'apps/backend/src/jobs.ts',
          command: './dist/jobs.js',
          foundAt: [{ file: 'apps/backend/Dockerfile', line: 13 }, { file: 'apps/backend/pm2.config.js', line: 20 }],
          source: 'pm2',
        },
      ],
      warnings: [],
      notes: [],
    },
  ],
  [
    'processes-dockerfile-only',
    {
      processes: [
        { name: '@feedhub/cli', package: 'packages/cli', entry: 'packages/cli/src/cli.ts', command: 'dist/cli.js', foundAt: [{ file: 'packages/cli/package.json', line: 6 }], source: 'bin' },
        { name: '@feedhub/ingest', package: 'packages/ingest', entry: 'packages/ingest/src/index.ts', command: '["node","dist/index.js"]', foundAt: [{ file: 'packages/ingest/Dockerfile', line: 12 }], source: 'dockerfile' },
        { name: '@feedhub/scheduler', package: 'packages/scheduler', entry: 'packages/scheduler/src/main.ts', command: 'node build/main.js', foundAt: [{ file: 'packages/scheduler/Dockerfile', line: 8 }], source: 'dockerfile' },
      ],
      warnings: [],
      notes: ['packages/admin-ui/package.json:6: `vite` is a frontend or bundler server, not a file job-owners can follow; no process from it'],
    },
  ],
  [
    'processes-compose',
    {
      processes: [
        {
          name: 'gateway',
          package: 'apps/gateway',
          entry: 'apps/gateway/src/main.ts',
          command: '["npm","start"]',
          foundAt: [{ file: 'apps/gateway/Dockerfile', line: 7 }, { file: 'apps/gateway/package.json', line: 7 }, { file: 'docker-compose.yml', line: 16 }],
          source: 'compose',
        },
        {
          name: 'media:media-api',
          package: 'apps/media',
          entry: 'apps/media/src/server.ts',
          command: '["node","dist/server.js"]',
          foundAt: [{ file: 'apps/media/Dockerfile', line: 12 }, { file: 'docker-compose.yml', line: 7 }],
          source: 'compose',
        },
        {
          name: 'media:media-worker',
          package: 'apps/media',
          entry: 'apps/media/src/worker.ts',
          command: 'node --enable-source-maps dist/worker.js',
          foundAt: [{ file: 'docker-compose.yml', line: 13 }],
          source: 'compose',
        },
      ],
      warnings: [],
      notes: [],
    },
  ],
  [
    'processes-supervisord',
    {
      processes: [
        { name: 'backend:api', package: 'packages/backend', entry: 'packages/backend/src/server.ts', command: 'node /app/dist/server.js', foundAt: [{ file: 'packages/backend/deploy/supervisord.conf', line: 5 }], source: 'supervisord' },
        {
          name: 'backend:statements',
          package: 'packages/backend',
          entry: 'packages/backend/src/statement-worker.ts',
          command: 'node dist/statement-worker.js',
          foundAt: [{ file: 'packages/backend/deploy/supervisord.conf', line: 12 }],
          source: 'supervisord',
        },
      ],
      warnings: [],
      notes: [
        'packages/backend/Dockerfile:8: `supervisord -n -c /etc/supervisor/supervisord.conf` starts other deployments (supervisord); those are found on their own',
        'packages/backend/deploy/supervisord.conf:18: program "console" has autostart=false; not a process',
      ],
    },
  ],
  [
    'processes-js-two-entries',
    {
      processes: [
        { name: 'notifier:server', package: 'apps/notifier', entry: 'apps/notifier/server.js', command: 'node server.js', foundAt: [{ file: 'apps/notifier/package.json', line: 6 }], source: 'script' },
        { name: 'notifier:worker', package: 'apps/notifier', entry: 'apps/notifier/worker.js', command: 'NODE_ENV=production node worker.js', foundAt: [{ file: 'apps/notifier/package.json', line: 7 }], source: 'script' },
      ],
      warnings: [],
      notes: [],
    },
  ],
  [
    'processes-seed-script',
    {
      processes: [
        { name: 'api', package: 'apps/api', entry: 'apps/api/src/main.ts', command: 'node dist/main.js', foundAt: [{ file: 'apps/api/package.json', line: 7 }], source: 'script' },
        { name: 'worker', package: 'apps/worker', entry: 'apps/worker/src/main.ts', command: 'node dist/main.js', foundAt: [{ file: 'apps/worker/package.json', line: 7 }], source: 'script' },
      ],
      warnings: [],
      notes: [],
    },
  ],
];

describe('process discovery on the fixtures', () => {
  it.each(cases)('%s', (fixture, expected) => {
    expect(discover(fixturePath(fixture))).toEqual(expected);
  });
});

describe('process discovery on the older fixtures: the services of today, now with entries', () => {
  it.each([
    ['audiobook-incident', ['api apps/api/src/main.ts', 'workers apps/workers/src/main.ts']],
    ['issue3-env-gated', ['media apps/media/src/main.ts']], // start and start:worker (APP_ROLE=worker) run one entry
    ['traps', ['api apps/api/src/main.ts']], // apps/web is a vite app: no process
    ['detection-forms', ['api apps/api/src/main.ts', 'audio apps/audio/src/main.ts', 'billing apps/billing/src/main.ts', 'mailer apps/mailer/src/main.ts', 'media apps/media/src/main.ts', 'reports apps/reports/src/main.ts', 'sync apps/sync/src/main.cjs']],
  ])('%s', (fixture, expected) => {
    expect(discover(fixturePath(fixture)).processes.map((p) => `${p.name} ${p.entry}`)).toEqual(expected);
  });
});
