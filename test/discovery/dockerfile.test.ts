/** Issue 13: Dockerfile stages, CMD/ENTRYPOINT forms, and container paths mapped back to the repository. */
import { describe, expect, it } from 'vitest';
import { containerMap, guessContext } from '../../src/discovery/processes/container-paths.js';
import { effectiveArgv, parseDockerfile } from '../../src/discovery/processes/dockerfile.js';
import { FileIndex } from '../../src/discovery/processes/file-index.js';

const last = (text: string) => {
  const parsed = parseDockerfile(text);
  const stage = parsed.stages[parsed.stages.length - 1]!;
  return { parsed, stage, argv: effectiveArgv(stage.entrypoint, stage.cmd) };
};

describe('parseDockerfile: what the final stage runs', () => {
  const table: [string, string, string[] | undefined, number | undefined][] = [
    ['exec form', 'FROM node:20\nWORKDIR /app\nCMD ["node", "dist/index.js"]\n', ['node', 'dist/index.js'], 3],
    ['shell form', 'FROM node:20\nCMD node dist/main.js\n', ['/bin/sh', '-c', 'node dist/main.js'], 2],
    ['entrypoint + cmd', 'FROM node:20\nENTRYPOINT ["node"]\nCMD ["dist/worker.js"]\n', ['node', 'dist/worker.js'], 3],
    ['shell entrypoint ignores cmd', 'FROM node:20\nENTRYPOINT node dist/main.js\nCMD ["--x"]\n', ['/bin/sh', '-c', 'node dist/main.js'], 2],
    ['continuation lines', 'FROM node:20\nCMD ["node", \\\n  "dist/main.js"]\n', ['node', 'dist/main.js'], 2],
    ['final stage of a multi-stage build', 'FROM node:20 AS build\nCMD ["node", "build.js"]\nFROM node:20-slim\nCMD ["node", "dist/main.js"]\n', ['node', 'dist/main.js'], 4],
    ['inherited from an earlier stage', 'FROM node:20 AS base\nCMD ["node", "dist/main.js"]\nFROM base AS prod\nENV NODE_ENV=production\n', ['node', 'dist/main.js'], 2],
    ['ENTRYPOINT drops an inherited CMD', 'FROM node:20 AS base\nCMD ["--help"]\nFROM base\nENTRYPOINT ["node", "dist/main.js"]\n', ['node', 'dist/main.js'], 4],
    ['shell form sees ENV', 'FROM node:20\nENV APP=worker\nCMD node dist/$APP.js\n', ['/bin/sh', '-c', 'node dist/worker.js'], 3],
    ['no CMD', 'FROM node:20\nRUN npm ci\n', undefined, undefined],
    ['heredoc body skipped', 'FROM node:20\nRUN <<EOF\nCMD this is not an instruction\nEOF\nCMD ["node", "a.js"]\n', ['node', 'a.js'], 5],
  ];
  it.each(table)('%s', (_label, text, argv, line) => {
    const { argv: got, parsed } = last(text);
    expect(parsed.warnings).toEqual([]);
    expect(got?.argv).toEqual(argv);
    expect(got?.line).toEqual(line);
  });

  it('WORKDIR is relative to the previous one and substitutes ARG/ENV', () => {
    const { stage } = last('ARG APP=api\nFROM node:20\nARG APP\nWORKDIR /usr/src\nWORKDIR app/${APP}\n');
    expect(stage.workdir).toBe('/usr/src/app/api');
  });

  it('compose build args override ARG defaults', () => {
    const parsed = parseDockerfile('FROM node:20\nARG SERVICE=api\nCOPY apps/${SERVICE} ./\n', { SERVICE: 'worker' });
    expect(parsed.stages[0]!.copies[0]!.sources).toEqual(['apps/worker']);
  });

  it('bad input: warnings with the line, and the rest is still read', () => {
    const parsed = parseDockerfile('CMD ["early"]\nFROM node:20\nFORM oops\nCMD ["node", dist/main.js]\nCOPY onlyone\n');
    expect(parsed.warnings).toEqual([
      { line: 1, message: 'CMD before any FROM; the line is ignored' },
      { line: 3, message: 'unknown instruction "FORM"; the line is ignored' },
      { line: 4, message: 'CMD looks like exec form but is not a JSON array of strings; Docker runs it through /bin/sh' },
      { line: 5, message: 'COPY needs a source and a destination' },
    ]);
    expect(parsed.stages).toHaveLength(1);
  });
});

describe('containerMap: container paths back to repository paths', () => {
  const files = new FileIndex(['apps/api/package.json', 'apps/api/src/main.ts', 'apps/api/tsconfig.json', 'package.json', 'pnpm-lock.yaml', 'libs/shared/src/index.ts']);

  it('COPY . . under WORKDIR /app, with the context at the package', () => {
    const parsed = parseDockerfile('FROM node:20\nWORKDIR /app\nCOPY package.json ./\nCOPY . .\nCMD ["node", "dist/main.js"]\n');
    const map = containerMap(parsed, parsed.stages[0]!, 'apps/api', files);
    expect(map.toHost('/app/dist/main.js')).toBe('apps/api/dist/main.js');
    expect(map.hostDirOf('/app')).toBe('apps/api');
  });

  it('through COPY --from of a build stage, with the repository as context', () => {
    const parsed = parseDockerfile(
      [
        'FROM node:20 AS build',
        'WORKDIR /repo',
        'COPY . .',
        'RUN pnpm --filter api build',
        'FROM node:20-slim',
        'WORKDIR /srv',
        'COPY --from=build /repo/apps/api/dist ./dist',
        'COPY --from=build /repo/apps/api/package.json ./',
        'CMD ["node", "dist/main.js"]',
      ].join('\n'),
    );
    const map = containerMap(parsed, parsed.stages[1]!, '.', files);
    expect(map.toHost('/srv/dist/main.js')).toBe('apps/api/dist/main.js');
    expect(map.hostDirOf('/srv')).toBe('apps/api');
  });

  it('a folder copied by name puts its contents at the destination', () => {
    const parsed = parseDockerfile('FROM node:20\nWORKDIR /app\nCOPY apps/api ./\n');
    expect(containerMap(parsed, parsed.stages[0]!, '.', files).toHost('/app/src/main.ts')).toBe('apps/api/src/main.ts');
  });

  it('from another image: not the repository', () => {
    const parsed = parseDockerfile('FROM node:20\nCOPY --from=ghcr.io/x/tools /bin/tool /usr/bin/tool\n');
    expect(containerMap(parsed, parsed.stages[0]!, '.', files).toHost('/usr/bin/tool')).toBeUndefined();
  });

  it('compose bind mounts win', () => {
    const parsed = parseDockerfile('FROM node:20\nWORKDIR /app\nCOPY . .\n');
    const map = containerMap(parsed, parsed.stages[0]!, '.', files, [{ container: '/app', host: 'apps/api' }]);
    expect(map.toHost('/app/src/main.ts')).toBe('apps/api/src/main.ts');
  });

  it('guessContext: COPY naming repository paths means the repository is the context', () => {
    const parsed = parseDockerfile('FROM node:20\nCOPY apps/api/package.json ./\nCOPY libs ./libs\n');
    expect(guessContext(parsed, 'apps/api/Dockerfile', files)).toBe('.');
    const own = parseDockerfile('FROM node:20\nCOPY package.json ./\nCOPY src ./src\n');
    expect(guessContext(own, 'apps/api/Dockerfile', files)).toBe('apps/api');
  });
});
