/**
 * action.yml (the composite GitHub Action): parsed and checked for shape, then its steps run
 * the way the runner runs them — each `run:` script with bash, in the step's
 * working-directory, with its `env:` expressions evaluated from the inputs and the earlier
 * steps' outputs — against a copy of a fixture where the project installs job-owners.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
interface Step { name: string; id?: string; if?: string; shell?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string>; 'working-directory'?: string }
interface Action { name: string; inputs: Record<string, { default?: string; required?: boolean; description: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } }
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.x }}`, `${{ steps.id.outputs.y }}`, and the `==`/`!=`/`&&` of the `if:` we use. */
function evaluate(expression: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  const value = (term: string): string => {
    const t = term.trim();
    const quoted = /^'(.*)'$/.exec(t);
    if (quoted) return quoted[1]!;
    const input = /^inputs\.([\w-]+)$/.exec(t);
    if (input) return inputs[input[1]!] ?? '';
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(t);
    if (output) return outputs[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`unsupported expression ${t}`);
  };
  const condition = (e: string): string => {
    if (e.includes('&&')) return e.split('&&').every((part) => condition(part) === 'true') ? 'true' : 'false';
    const cmp = /^(.*?)(==|!=)(.*)$/.exec(e);
    if (cmp) return (value(cmp[1]!) === value(cmp[3]!)) === (cmp[2] === '==') ? 'true' : 'false';
    return value(e);
  };
  return expression.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => condition(e));
}

const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Runs every step of the action like the runner; `uses:` steps are recorded, not run. */
function runAction(withInputs: Record<string, string>) {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'job-owners-action-'));
  temps.push(repo);
  fs.cpSync(path.join(ROOT, 'fixtures/audiobook-incident'), repo, { recursive: true });
  // The project installs job-owners: the action must use that copy, not download one.
  fs.mkdirSync(path.join(repo, 'node_modules/.bin'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'bin/job-owners.js'), path.join(repo, 'node_modules/.bin/job-owners'));
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, withInputs[k] ?? v.default ?? '']));
  const outputs: Record<string, Record<string, string>> = {};
  const log: { name: string; code: number | null; stdout: string; stderr: string; uses?: { uses: string; with: Record<string, string> } }[] = [];
  const summary = path.join(repo, '.step-summary.md');
  for (const step of action.runs.steps) {
    if (step.if !== undefined && evaluate(step.if, inputs, outputs) !== 'true') continue;
    if (step.uses) {
      log.push({ name: step.name, code: 0, stdout: '', stderr: '', uses: { uses: step.uses, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(v, inputs, outputs)])) } });
      continue;
    }
    const outputFile = path.join(repo, `.output-${log.length}`);
    fs.writeFileSync(outputFile, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '', HOME: os.tmpdir(), GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: repo, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summary,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, inputs, outputs)])),
    };
    const cwd = path.resolve(repo, evaluate(step['working-directory'] ?? '.', inputs, outputs));
    const run = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
    if (step.id) outputs[step.id] = Object.fromEntries(fs.readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string]));
    log.push({ name: step.name, code: run.status, stdout: run.stdout, stderr: run.stderr });
    if (run.status !== 0) break;
  }
  return { repo, log, outputs, summary };
}

describe('action.yml', () => {
  it('is a composite action with documented inputs and an exit-code output', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'sarif', 'sarif-file', 'version', 'working-directory']);
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.run.outputs.exit-code }}');
  });

  it('never substitutes an input into a script (inputs arrive as environment variables)', () => {
    for (const step of action.runs.steps.filter((s) => s.run)) {
      expect(step.shell).toBe('bash');
      expect(step.run).not.toMatch(/\$\{\{/);
    }
  });

  it('runs check: annotations on stdout, the report in the job summary, and the job fails with exit 1', () => {
    const { log, outputs, summary } = runAction({});
    expect(log.map((s) => [s.name, s.code])).toEqual([['Run job-owners', 0], ['Fail on findings', 1]]);
    expect(outputs.run).toEqual({ 'exit-code': '1' });
    expect(log[0]!.stdout).toMatch(/^::error file=apps\/api\/src\/queue\/epub-processor\.service\.ts,line=6,col=1,title=job-owners\(multiple-owners\)::/);
    expect(fs.readFileSync(summary, 'utf8')).toMatch(/^# Job ownership report\n/);
    expect(log[1]!.stdout).toBe('job-owners exited 1\n');
  });

  it('with sarif: writes the SARIF file, hands it to the upload step, then fails', () => {
    const { repo, log } = runAction({ sarif: 'true', args: 'check --quiet' });
    expect(log.map((s) => [s.name, s.code])).toEqual([['Run job-owners', 0], ['Upload SARIF to code scanning', 0], ['Fail on findings', 1]]);
    expect(log[0]!.stdout).toContain('::error ');
    expect(log[0]!.stdout).not.toContain('::warning '); // --quiet from args reached the CLI
    const upload = log[1]!.uses!;
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
    expect(upload.with.sarif_file).toBe('./job-owners.sarif');
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, upload.with.sarif_file!), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['multiple-owners', 'silent-completion']);
  });

  it('passes when there is nothing to report', () => {
    const { log, outputs } = runAction({ args: 'check --no-config --max-warnings 5 apps/workers' });
    expect(outputs.run).toEqual({ 'exit-code': '0' });
    expect(log.map((s) => [s.name, s.code])).toEqual([['Run job-owners', 0], ['Fail on findings', 0]]);
  });

  it('a usage error fails with exit 2 and skips the upload', () => {
    const { log, outputs } = runAction({ sarif: 'true', args: 'check --max-warnings lots' });
    expect(outputs.run).toEqual({ 'exit-code': '2' });
    expect(log.map((s) => [s.name, s.code])).toEqual([['Run job-owners', 0], ['Fail on findings', 2]]);
  });
});
