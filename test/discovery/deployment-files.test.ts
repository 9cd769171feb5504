/** Issue 13: which files deploy code, how much they count, and that the listing returns them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/discovery/list-files.js';
import { deploymentKind, deploymentTier, dockerfileProcessName } from '../../src/discovery/processes/deployment-files.js';
import { writeFiles } from '../support/repo-files.js';

describe('deploymentKind', () => {
  const table: [string, string | undefined][] = [
    ['Dockerfile', 'dockerfile'],
    ['apps/api/Dockerfile', 'dockerfile'],
    ['docker/worker.Dockerfile', 'dockerfile'],
    ['Dockerfile.worker', 'dockerfile'],
    ['dockerfile', 'dockerfile'],
    ['.dockerignore', undefined],
    ['Procfile', 'procfile'],
    ['Procfile.dev', 'procfile'],
    ['docker-compose.yml', 'compose'],
    ['docker-compose.prod.yaml', 'compose'],
    ['docker-compose-prod.yml', 'compose'],
    ['compose.yaml', 'compose'],
    ['compose.override.yml', 'compose'],
    ['ecosystem.config.js', 'pm2'],
    ['ecosystem.config.cjs', 'pm2'],
    ['ecosystem.json', 'pm2'],
    ['ecosystem.prod.config.js', 'pm2'],
    ['pm2.config.js', 'pm2'],
    ['pm2.json', 'pm2'],
    ['deploy/pm2-worker.yml', 'pm2'],
    ['supervisord.conf', 'supervisord'],
    ['docker/api.supervisor.conf', 'supervisord'],
    ['supervisor/worker.conf', 'supervisord'],
    ['docker/supervisord/conf.d/api.conf', 'supervisord'],
    ['nginx/site.conf', undefined],
    ['nest-cli.json', 'nest-cli'],
    ['nest-cli.worker.json', 'nest-cli'],
    ['nodemon.json', 'nodemon'],
    ['src/main.ts', undefined],
    ['project.json', undefined], // a manifest, listed as such
  ];
  it.each(table)('%s → %s', (file, kind) => expect(deploymentKind(file)).toBe(kind));
});

describe('deploymentTier and Dockerfile names', () => {
  it.each([
    ['Dockerfile', 'primary'],
    ['docker-compose.yml', 'primary'],
    ['docker-compose.dev.yml', 'dev'],
    ['Dockerfile.local', 'dev'],
    ['Procfile.dev', 'dev'],
    ['docker-compose.test.yml', 'skip'],
    ['Dockerfile.e2e', 'skip'],
    ['compose.ci.yaml', 'skip'],
  ])('%s is %s', (file, tier) => expect(deploymentTier(file)).toBe(tier));

  it.each([
    ['Dockerfile', undefined],
    ['Dockerfile.worker', 'worker'],
    ['docker/api.Dockerfile', 'api'],
    ['Dockerfile.prod', undefined],
  ])('%s names %s', (file, name) => expect(dockerfileProcessName(file)).toBe(name));
});

describe('listFiles: deployment files are listed with the configs', () => {
  it('lists every kind, outside include globs, and not as sources', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jo-list-deploy-'));
    try {
      writeFiles(root, {
        'package.json': '{}',
        'Procfile': 'web: node dist/main.js\n',
        'apps/api/Dockerfile': 'FROM node:20\n',
        'apps/api/src/main.ts': 'export {};\n',
        'apps/api/nest-cli.json': '{}',
        'apps/worker/ecosystem.config.js': 'module.exports = { apps: [] };\n',
        'docker-compose.yml': 'services: {}\n',
        'docker/supervisord.conf': '[program:x]\ncommand=node x.js\n',
        'node_modules/x/Dockerfile': 'FROM x\n',
      });
      const listing = listFiles(root, { include: ['apps/api/src/**'], exclude: [] });
      expect(listing.configs).toEqual([
        'Procfile',
        'apps/api/Dockerfile',
        'apps/api/nest-cli.json',
        'apps/worker/ecosystem.config.js',
        'docker-compose.yml',
        'docker/supervisord.conf',
      ]);
      expect(listing.sources).toEqual(['apps/api/src/main.ts']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
