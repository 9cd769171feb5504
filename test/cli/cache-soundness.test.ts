// The cache may skip the analysis after an edit (cache/evidence.ts). Whatever it decides, the
// answer must be the one a fresh analysis gives: random edits to a generated monorepo (comments,
// new imports — of the queue library or of another file —, renamed queue names, new functions),
// each followed by a cached and an uncached run whose JSON must be identical.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generate } from '../../bench/generate.mjs';
import { createRng } from '../hostile/fuzz-core.mjs';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/job-owners.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-cache-soundness-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(root: string, ...args: string[]): { out: string; analysed: boolean } {
  const run = spawnSync(process.execPath, [BIN, 'check', root, '--format', 'json', '--timings', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  return { out: run.stdout, analysed: /^extract /m.test(run.stderr) };
}

it('after any edit, a cached run answers exactly what a fresh analysis answers', { timeout: 180_000 }, () => {
  const root = path.join(tmp, 'repo');
  generate({ outDir: root, files: 200, seed: 3 });
  expect(fs.existsSync(path.join(root, 'node_modules'))).toBe(true);
  check(root);
  const files = execFileSync('find', ['apps', 'libs', '-name', '*.ts'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort();
  const rng = createRng(7);
  const cacheFile = path.join(root, 'node_modules/.cache/job-owners/result.json');
  let reused = 0;
  let analysed = 0;
  for (let i = 0; i < 16; i++) {
    type Evidence = { decoded: string[]; markers: Record<string, number> };
    const { decoded, markers } = (JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { evidence: Evidence }).evidence;
    // Half the edits go anywhere; half to files the analysis read but that hold no marker (the
    // shared constants): only the evidence of having read them can tell that their edits matter.
    const quiet = decoded.filter((f) => !(f in markers));
    const anyFile = path.join(root, rng.pick(files));
    const readFile = path.join(root, rng.pick(quiet));
    const edit = (file: string, change: (text: string) => string): string => {
      fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
      return file;
    };
    const edits = [
      () => edit(anyFile, (t) => `${t}\n// edit ${i}\n`),
      () => edit(anyFile, (t) => (i % 8 < 4 ? `import type { Queue } from 'bullmq';\nexport type Q${i} = Queue;\n${t}` : `import '${path.relative(path.dirname(anyFile), path.join(root, rng.pick(files))).replace(/\.ts$/, '').replace(/^(?!\.)/, './')}';\n${t}`)),
      () => edit(readFile, (t) => t.replace(/'([a-z]+-[a-z-]+)'/, `'$1-x${i}'`)),
      () => edit(readFile, (t) => `${t}\nexport function helper${i}() { return ${i}; }\n`),
    ];
    const file = edits[i % edits.length]!();
    const cached = check(root);
    expect(cached.out, `edit ${i} of ${path.relative(root, file)}`).toBe(check(root, '--no-cache').out);
    if (cached.analysed) analysed++;
    else reused++;
  }
  // Both sides of the line were exercised.
  expect(reused).toBeGreaterThan(0);
  expect(analysed).toBeGreaterThan(0);
});
