import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AnalysisEvidence, editsKeepResult } from '../../src/cache/evidence.js';
import { importFingerprint, importSpecifiers } from '../../src/model/import-specifiers.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-evidence-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (rel: string, text: string | Buffer): string => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
  return rel;
};

const SCANNED = "import { mailer } from '@acme/mail';\nimport type { User } from './user';\nexport const send = (u: User) => mailer(u);\n";

// What an analysis recorded: main.ts parsed, jobs.ts matched a search, boot.ts holds NestFactory,
// scanned.ts had only its imports read (by import reach).
const evidence: AnalysisEvidence = {
  decoded: ['src/main.ts'],
  matched: ['src/jobs.ts'],
  needles: ['bullmq', 'enqueueEmail'],
  markers: { 'src/boot.ts': 4, 'src/jobs.ts': 1 },
  imports: { 'src/scanned.ts': importFingerprint(importSpecifiers(SCANNED)) },
};
const keeps = (rel: string, skipped: string[] = []) => editsKeepResult(root, [rel], evidence, new Set(skipped));

describe('editsKeepResult', () => {
  it('keeps the result for a file only searched, still answering every search the same', () => {
    expect(keeps(write('src/util.ts', 'export const add = (a: number, b: number) => a + b;\n'))).toBe(true);
    expect(keeps(write('src/boot.ts', "import { NestFactory } from '@nestjs/core';\n// edited\n"))).toBe(true);
  });

  it('not when the file was decoded or matched, however small the edit', () => {
    expect(keeps(write('src/main.ts', '// nothing else\n'))).toBe(false);
    expect(keeps(write('src/jobs.ts', '// nothing else\n'))).toBe(false);
  });

  it('not when the file now contains a searched string, or its markers changed', () => {
    expect(keeps(write('src/a.ts', 'enqueueEmail(user);\n'))).toBe(false);
    expect(keeps(write('src/b.ts', '// BullModule\n'))).toBe(false);
    expect(keeps(write('src/boot.ts', '// the bootstrap moved\n'))).toBe(false);
  });

  it('not when the file was skipped before, or cannot be read as text now', () => {
    expect(keeps(write('src/c.ts', 'export {};\n'), ['src/c.ts'])).toBe(false);
    expect(keeps(write('src/d.ts', Buffer.from([0x61, 0x00, 0x62])))).toBe(false);
    expect(keeps('src/missing.ts')).toBe(false);
  });

  it('a file scanned for its imports: kept while they stay the same, not once they change', () => {
    expect(keeps(write('src/scanned.ts', `${SCANNED}export const retries = 3;\n`))).toBe(true);
    // Type-only and commented-out imports never run: still the same imports.
    expect(keeps(write('src/scanned.ts', `// import { x } from './x';\nimport type { Y } from './y';\n${SCANNED}`))).toBe(true);
    expect(keeps(write('src/scanned.ts', `import './polyfills';\n${SCANNED}`))).toBe(false);
    expect(keeps(write('src/scanned.ts', SCANNED.replace('@acme/mail', '@acme/mailer')))).toBe(false);
    expect(keeps(write('src/scanned.ts', Buffer.concat([Buffer.from(SCANNED), Buffer.from([0xff, 0xfe])])))).toBe(false);
  });

  it('two different import lists never share a fingerprint, whatever characters a specifier holds', () => {
    const one = importFingerprint(importSpecifiers("require('x\u0000../lib/worker');"));
    const two = importFingerprint(importSpecifiers("require('x');require('../lib/worker');"));
    expect(one).not.toBe(two);
  });

  it('answers for every edited file together', () => {
    write('src/e.ts', 'export const e = 1;\n');
    write('src/f.ts', 'enqueueEmail(user);\n');
    expect(editsKeepResult(root, ['src/e.ts', 'src/f.ts'], evidence, new Set())).toBe(false);
    expect(editsKeepResult(root, ['src/e.ts', 'src/util.ts'], evidence, new Set())).toBe(true);
  });
});
