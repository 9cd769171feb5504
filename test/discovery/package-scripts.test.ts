/** Issue 13: which package scripts deploy a process, their tier and the name they give it. */
import { describe, expect, it } from 'vitest';
import { classifyScript, deploymentScripts } from '../../src/discovery/processes/package-scripts.js';

describe('classifyScript', () => {
  const table: [string, string | undefined][] = [
    // deployments and the names they give
    ['start', 'primary'],
    ['start:prod', 'primary'],
    ['start:production', 'primary'],
    ['serve', 'primary'],
    ['worker', 'primary worker'],
    ['start:worker', 'primary worker'],
    ['worker:start', 'primary worker'],
    ['start:api', 'primary api'],
    ['api:start', 'primary api'],
    ['start-worker', 'primary worker'],
    ['start:api-gateway', 'primary api-gateway'],
    ['serve:scheduler', 'primary scheduler'],
    ['start:docker', 'primary'],
    // development: secondary
    ['dev', 'secondary'],
    ['start:dev', 'secondary'],
    ['start:debug', 'secondary'],
    ['worker:dev', 'secondary worker'],
    ['dev:worker', 'secondary worker'],
    ['watch', 'secondary'],
    // never
    ['build', undefined],
    ['test', undefined],
    ['start:test', undefined],
    ['test:e2e', undefined],
    ['seed', undefined],
    ['migrate', undefined],
    ['db:migrate', undefined],
    ['lint', undefined],
    ['storybook', undefined],
    ['start:storybook', undefined],
    ['typeorm', undefined],
    ['repl', undefined],
  ];
  it.each(table)('%s → %s', (name, expected) => {
    const got = classifyScript(name);
    expect(got ? `${got.tier}${got.processName ? ` ${got.processName}` : ''}` : undefined).toBe(expected === undefined ? undefined : expected);
  });
});

describe('deploymentScripts', () => {
  it('leaves out pre/post hooks of another script and empty scripts', () => {
    expect(deploymentScripts({ prestart: 'npm run build', start: 'node dist/main.js', poststart: 'echo up', 'start:worker': '', prestart2: 'x' }).map((d) => d.script)).toEqual(['start']);
  });
});
