import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AnalysisEvidence, editsKeepResult } from '../../src/cache/evidence.js';
import { importFingerprint, scanImports } from '../../src/sources/import-scan.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-evidence-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (rel: string, text: string | Buffer): string => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
  return rel;
};

const SCANNED = "import { mailer } from '@acme/mail';\nimport type { User } from './user';\nexport const send = (u: User) => mailer(u);\n";
const UTIL = 'export const add = (a: number, b: number) => a + b;\n';
const DIRECTIVE = "// job-owners-ignore-next-line no-consumer -- reason\nexport {};\n";

// What an analysis recorded: main.ts parsed; every other file known by its import records;
// directive.ts holds an inline directive.
const evidence: AnalysisEvidence = {
  decoded: ['src/main.ts'],
  markers: { 'src/directive.ts': 1 },
  imports: {
    'src/scanned.ts': importFingerprint(scanImports(SCANNED)),
    'src/util.ts': importFingerprint(scanImports(UTIL)),
    'src/directive.ts': importFingerprint(scanImports(DIRECTIVE)),
    'src/c.ts': importFingerprint([]),
    'src/d.ts': importFingerprint([]),
    'src/missing.ts': importFingerprint([]),
  },
};
const keeps = (rel: string, skipped: string[] = []) => editsKeepResult(root, [rel], evidence, new Set(skipped));

describe('editsKeepResult', () => {
  it('keeps the result for a file never parsed whose imports and markers stay the same', () => {
    expect(keeps(write('src/util.ts', `${UTIL}export const sub = (a: number, b: number) => a - b;\n`))).toBe(true);
    expect(keeps(write('src/directive.ts', `${DIRECTIVE}// edited\n`))).toBe(true);
  });

  it('not when the file was decoded, however small the edit', () => {
    expect(keeps(write('src/main.ts', '// nothing else\n'))).toBe(false);
  });

  it('not when its markers changed, or the file was not known at all', () => {
    expect(keeps(write('src/directive.ts', '// the directive is gone\n'))).toBe(false);
    expect(keeps(write('src/util.ts', `${UTIL}// job-owners-ignore-next-line x -- y\n`))).toBe(false);
    expect(keeps(write('src/new.ts', 'export {};\n'))).toBe(false);
  });

  it('not when the file was skipped before, or cannot be read as text now', () => {
    expect(keeps(write('src/c.ts', 'export {};\n'), ['src/c.ts'])).toBe(false);
    expect(keeps(write('src/d.ts', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d])))).toBe(false);
    expect(keeps('src/missing.ts')).toBe(false);
  });

  it('kept while its imports stay the same; any change to them (type-only ones too) re-analyses', () => {
    expect(keeps(write('src/scanned.ts', `${SCANNED}export const retries = 3;\n`))).toBe(true);
    // A commented-out import is no import.
    expect(keeps(write('src/scanned.ts', `// import { x } from './x';\n${SCANNED}`))).toBe(true);
    // A type-only import can make a file relevant (a queue type): it counts.
    expect(keeps(write('src/scanned.ts', `import type { Y } from './y';\n${SCANNED}`))).toBe(false);
    expect(keeps(write('src/scanned.ts', `import './polyfills';\n${SCANNED}`))).toBe(false);
    expect(keeps(write('src/scanned.ts', SCANNED.replace('@acme/mail', '@acme/mailer')))).toBe(false);
    expect(keeps(write('src/scanned.ts', Buffer.concat([Buffer.from(SCANNED), Buffer.from([0xff, 0xfe])])))).toBe(false);
  });

  it('two different import lists never share a fingerprint, whatever characters a specifier holds', () => {
    const one = importFingerprint(scanImports("require('x\u0001../lib/worker');"));
    const two = importFingerprint(scanImports("require('x');require('../lib/worker');"));
    expect(one).not.toBe(two);
  });

  it('answers for every edited file together', () => {
    write('src/util.ts', UTIL);
    write('src/scanned.ts', SCANNED);
    write('src/main.ts', '// edited\n');
    expect(editsKeepResult(root, ['src/util.ts', 'src/main.ts'], evidence, new Set())).toBe(false);
    expect(editsKeepResult(root, ['src/util.ts', 'src/scanned.ts'], evidence, new Set())).toBe(true);
  });
});
