/**
 * Issue 14.6: a one-line progress indicator on stderr for runs that pass a second, only on a
 * terminal, never in CI, for JSON or when stderr is not a terminal; erased before the report.
 * The terminal is a real pseudo-terminal (`script`, util-linux); the delay is injected through
 * main(argv, io) by test/support/progress-driver.mjs so a small fixture can show it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const DRIVER = path.join(REPO, 'test/support/progress-driver.mjs');
const FIXTURE = path.join(REPO, 'fixtures/audiobook-incident');
const hasScript = spawnSync('script', ['-qefc', 'true', '/dev/null']).status === 0;
if (!hasScript) console.warn('progress tests on a terminal skipped: `script` (util-linux) is not available');

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs the driver on a pseudo-terminal (stdout and stderr both the terminal); returns what it drew. */
function onTerminal(delayMs: number, args: string[], env: Record<string, string> = {}): string {
  const command = [process.execPath, DRIVER, String(delayMs), ...args].map(quote).join(' ');
  const run = spawnSync('script', ['-qefc', command, '/dev/null'], { encoding: 'utf8', env: { PATH: process.env.PATH, TERM: 'xterm', NO_COLOR: '1', ...env } });
  return run.stdout;
}

const LINE = /\r\u001b\[K⠋ job-owners: [a-z]/;
const ERASE = '\r\u001b[K';

describe.skipIf(!hasScript)('the progress line, on a terminal', () => {
  it('is drawn once the delay has passed, and erased before the report', () => {
    const screen = onTerminal(0, ['check', FIXTURE, '--no-cache']);
    expect(screen).toMatch(LINE);
    expect(screen).toMatch(/job-owners: (analysing |checking the cache \()\d+ files/);
    // The report comes after the last erase: nothing of the line is left in front of it.
    const report = screen.lastIndexOf('audio-processing');
    const lastErase = screen.lastIndexOf(ERASE);
    expect(lastErase).toBeGreaterThan(-1);
    expect(lastErase).toBeLessThan(screen.indexOf('audio-processing'));
    expect(screen.slice(lastErase + ERASE.length, report)).not.toContain('job-owners:');
  });

  it('is not drawn for a run shorter than the delay', () => {
    expect(onTerminal(60_000, ['check', FIXTURE, '--no-cache'])).not.toContain('⠋');
  });

  it('is not drawn in CI', () => {
    expect(onTerminal(0, ['check', FIXTURE, '--no-cache'], { CI: 'true' })).not.toContain('⠋');
  });

  it('is not drawn when JSON is written', () => {
    const screen = onTerminal(0, ['check', FIXTURE, '--no-cache', '-f', 'json']);
    expect(screen).not.toContain('⠋');
    expect(screen).toContain('"schemaVersion": 1');
  });
});

describe('the progress line, without a terminal', () => {
  it('is not drawn when stderr is a pipe', () => {
    const run = spawnSync(process.execPath, [DRIVER, '0', 'check', FIXTURE, '--no-cache'], { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
  });
});
