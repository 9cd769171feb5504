/** Issue 13: Procfile, supervisord, compose and pm2 parsers, each with its bad input. */
import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../src/discovery/processes/compose.js';
import { jsonLines } from '../../src/discovery/processes/json-lines.js';
import { parsePm2 } from '../../src/discovery/processes/pm2.js';
import { parseProcfile } from '../../src/discovery/processes/procfile.js';
import { parseSupervisord } from '../../src/discovery/processes/supervisord.js';

describe('parseProcfile', () => {
  it('reads types, skips comments, keeps release apart', () => {
    const parsed = parseProcfile('# processes\nweb: node dist/main\nmainWorker:   node dist/worker\n\nrelease: npx prisma migrate deploy\n');
    expect(parsed.entries).toEqual([
      { type: 'web', command: 'node dist/main', line: 2 },
      { type: 'mainWorker', command: 'node dist/worker', line: 3 },
    ]);
    expect(parsed.oneOff.map((e) => e.type)).toEqual(['release']);
    expect(parsed.warnings).toEqual([]);
  });

  it.each([
    ['web node dist/main', 'not a "<type>: <command>" line; it is ignored'],
    ['web:', 'process type "web" has no command'],
    ['web: a\nweb: b', 'process type "web" is declared twice; the first one is used'],
  ])('warns on %j', (text, message) => {
    expect(parseProcfile(text).warnings.map((w) => w.message)).toEqual([message]);
  });
});

describe('parseSupervisord', () => {
  it('programs with command, directory, continuation lines and substitutions', () => {
    const parsed = parseSupervisord(
      [
        '[supervisord]',
        'nodaemon=true',
        '',
        '[program:api]',
        'command=node dist/main.js ; the HTTP API',
        'directory=/app',
        '',
        '[program:worker]',
        'command=node',
        '  dist/%(program_name)s.js',
        'directory=%(here)s',
        'numprocs=2',
        '',
        '[program:repl]',
        'command=node dist/repl.js',
        'autostart=false',
      ].join('\n'),
      'deploy',
    );
    expect(parsed.warnings).toEqual([]);
    expect(parsed.programs).toEqual([
      { name: 'api', command: 'node dist/main.js', directory: '/app', line: 5, autostart: true },
      { name: 'worker', command: 'node dist/worker.js', directory: 'deploy', line: 9, autostart: true },
      { name: 'repl', command: 'node dist/repl.js', line: 15, autostart: false },
    ]);
  });

  it('bad input: a warning per bad line, the rest read', () => {
    const parsed = parseSupervisord('command=x\n[program:a]\nthis is not ini\n[program:b]\ncommand=node b.js\n', '.');
    expect(parsed.warnings).toEqual([
      { line: 1, message: 'a setting before any [section]; it is ignored' },
      { line: 3, message: 'not a "key = value" line; it is ignored' },
      { line: 2, message: '[program:a] has no command' },
    ]);
    expect(parsed.programs.map((p) => p.name)).toEqual(['b']);
  });
});

describe('parseCompose', () => {
  it('build, image, command/entrypoint (string and list), working_dir, bind mounts, anchors', () => {
    const parsed = parseCompose(
      [
        'x-app: &app',
        '  build:',
        '    context: .',
        '    dockerfile: apps/api/Dockerfile',
        '    args: { SERVICE: api }',
        '  image: acme/api',
        'services:',
        '  api:',
        '    <<: *app',
        '    command: node dist/main.js',
        '  worker:',
        '    image: acme/api',
        '    command: ["node", "dist/worker.js"]',
        '    working_dir: /srv',
        '    volumes:',
        '      - ./apps/api:/srv',
        '      - data:/data',
        '  redis:',
        '    image: redis:7',
      ].join('\n'),
    );
    expect(parsed.warnings).toEqual([]);
    expect(parsed.services).toEqual([
      { name: 'api', line: 8, build: { context: '.', dockerfile: 'apps/api/Dockerfile', args: { SERVICE: 'api' } }, image: 'acme/api', command: { value: 'node dist/main.js', line: 10 }, mounts: [] },
      { name: 'worker', line: 11, image: 'acme/api', command: { value: ['node', 'dist/worker.js'], line: 13 }, workingDir: '/srv', mounts: [{ host: './apps/api', container: '/srv' }] },
      { name: 'redis', line: 18, image: 'redis:7', mounts: [] },
    ]);
  });

  it.each([
    ['services:\n  api:\n    build: .\n   command: x\n', 4],
    ['services: [a, b]\n', 1],
    ['- a\n- b\n', 1],
  ])('bad input %j is a warning with its line', (text, line) => {
    const parsed = parseCompose(text);
    expect(parsed.services).toEqual([]);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]!.line).toBe(line);
  });
});

describe('parsePm2', () => {
  it('JavaScript: module.exports with consts, spreads, path.join(__dirname), env fallbacks', () => {
    const text = [
      "const path = require('path');",
      'const common = { instances: 1, exec_mode: "fork" };',
      'module.exports = {',
      '  apps: [',
      '    {',
      '      ...common,',
      "      name: 'api',",
      "      script: path.join(__dirname, 'dist/index.js'),",
      "      args: ['--port', '3000'],",
      '    },',
      '    {',
      "      name: process.env.WORKER_NAME || 'worker',",
      '      script: `./dist/worker.js`,',
      "      cwd: __dirname,",
      "      node_args: '--max-old-space-size=2048',",
      '    },',
      '  ],',
      '};',
    ].join('\n');
    expect(parsePm2('pm2.config.js', text)).toEqual({
      apps: [
        { name: 'api', script: 'dist/index.js', args: '--port 3000', line: 8 },
        { name: 'worker', script: './dist/worker.js', cwd: '.', interpreterArgs: '--max-old-space-size=2048', line: 13 },
      ],
      warnings: [],
    });
  });

  it('JavaScript: export default of a const, and a script computed at run time', () => {
    const text = "const apps = [{ name: 'a', script: 'a.js' }, { name: 'b', script: pick() }];\nexport default { apps };\n";
    expect(parsePm2('ecosystem.config.mjs', text)).toEqual({
      apps: [{ name: 'a', script: 'a.js', line: 1 }],
      warnings: [{ line: 1, message: 'apps[1] ("b"): the script is computed at run time and cannot be read' }],
    });
  });

  it('JSON and YAML', () => {
    expect(parsePm2('ecosystem.json', '{\n  "apps": [\n    { "name": "api", "script": "dist/main.js", "interpreter": "node" }\n  ]\n}\n')).toEqual({
      apps: [{ name: 'api', script: 'dist/main.js', interpreter: 'node', line: 3 }],
      warnings: [],
    });
    expect(parsePm2('pm2.yml', 'apps:\n  - name: worker\n    script: npm\n    args: run start:worker\n')).toEqual({
      apps: [{ name: 'worker', script: 'npm', args: 'run start:worker', line: 3 }],
      warnings: [],
    });
  });

  it.each([
    ['pm2.config.js', 'module.exports = { apps: [ {name: "a", script: } ] };', 'not valid JavaScript'],
    ['pm2.config.js', 'module.exports = loadApps();', 'no "apps" array that can be read without running the file'],
    ['pm2.config.js', 'console.log(1);', 'exports no configuration (no module.exports or export default)'],
    ['ecosystem.json', '{ "apps": [ }', 'invalid JSON'],
    ['pm2.yml', 'apps: [\n', 'invalid YAML'],
    ['pm2.json', '{ "apps": [{ "name": "x" }] }', 'apps[0] ("x") has no script'],
  ])('bad input %s %j is a warning', (file, text, message) => {
    const parsed = parsePm2(file, text);
    expect(parsed.apps).toEqual([]);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]!.message.startsWith(message)).toBe(true);
  });
});

describe('jsonLines', () => {
  it('finds keys and array items by path', () => {
    const lines = jsonLines('{\n  "name": "api",\n  "scripts": {\n    "build": "tsc",\n    "start": "node dist/main.js"\n  },\n  "list": [\n    1,\n    { "x": 2 }\n  ]\n}\n');
    expect(lines(['scripts', 'start'])).toBe(5);
    expect(lines(['list', 1, 'x'])).toBe(9);
    expect(lines(['nope'])).toBeUndefined();
  });
});
