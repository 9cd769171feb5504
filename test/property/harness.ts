/**
 * Issue 12, the differential part: write a generated program out, run it against the recording
 * `bullmq` stub (test/property/stub-bullmq) to learn the names it really uses, analyse the
 * same tree, and compare.
 *
 * Layout of one program in its temp folder:
 *   repo/                  the analysed tree: package.json, src/*.ts, node_modules/bullmq (stub)
 *   out/src/*.js(.map)     the same sources compiled to CommonJS by ts.transpileModule
 *   out/node_modules       a link to repo/node_modules, so `require('bullmq')` finds the stub
 * The analysis never reads node_modules, and out/ is outside the analysed root.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobOwnersResult } from '../../src/model/result.js';
import { ts } from '../../src/util/typescript.js';
import type { GeneratedProgram } from './generate.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const STUB_DIR = path.join(HERE, 'stub-bullmq');
export const RUNNER = path.join(HERE, 'runner.cjs');

export interface WrittenProgram {
  program: GeneratedProgram;
  dir: string;
  repo: string;
  entry: string;
  log: string;
}

export function makeWorkDir(prefix = 'job-owners-property-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes the program's tree, the stub, and the compiled output under `dir`. */
export function writeProgram(program: GeneratedProgram, dir: string): WrittenProgram {
  const repo = path.join(dir, 'repo');
  const out = path.join(dir, 'out');
  for (const [rel, text] of Object.entries(program.files)) {
    const file = path.join(repo, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const stub = path.join(repo, 'node_modules', 'bullmq');
  fs.mkdirSync(stub, { recursive: true });
  for (const name of fs.readdirSync(STUB_DIR)) fs.copyFileSync(path.join(STUB_DIR, name), path.join(stub, name));

  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "commonjs" }\n');
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  for (const rel of Object.keys(program.files)) {
    if (!rel.endsWith('.ts')) continue;
    const source = path.join(repo, rel);
    const js = path.join(out, rel.replace(/\.ts$/, '.js'));
    const compiled = ts.transpileModule(program.files[rel]!, {
      fileName: source,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: true,
        strict: true,
      },
    });
    const errors = (compiled.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      throw new Error(`${rel} does not compile: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
    }
    const map = JSON.parse(compiled.sourceMapText!) as { sources: string[]; sourceRoot?: string };
    map.sources = [source];
    map.sourceRoot = '';
    const base = path.basename(js);
    const text = compiled.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '').trimEnd();
    fs.mkdirSync(path.dirname(js), { recursive: true });
    fs.writeFileSync(js, `${text}\n//# sourceMappingURL=${base}.map\n`);
    fs.writeFileSync(`${js}.map`, JSON.stringify(map));
  }
  return { program, dir, repo, entry: path.join(out, 'src', 'main.js'), log: path.join(dir, 'bullmq-log.json') };
}

/** One recorded call of the stub. */
export interface RunRecord {
  op: 'queue' | 'worker' | 'add' | 'addBulk' | 'upsertJobScheduler' | 'flow';
  role: 'queue' | 'consumer' | 'producer';
  queue: string | { nonString: string };
  job?: string | { nonString: string };
  /** [absolute file, line, column] frames, innermost first (the stub's own frames left out). */
  stack: Array<[string, number, number]>;
}

export interface RunLog {
  records: RunRecord[];
  error: string | null;
}

/**
 * Runs every program: all of them in one Node process (runner.cjs), and any the batch did not
 * finish (a crash, the timeout) one by one, each `node --enable-source-maps <entry>`.
 */
export function runPrograms(programs: WrittenProgram[], workDir: string, timeoutMs = 60_000): Map<WrittenProgram, RunLog> {
  const jobsFile = path.join(workDir, 'jobs.json');
  fs.writeFileSync(jobsFile, JSON.stringify(programs.map((p) => ({ entry: p.entry, log: p.log, argv: p.program.argv }))));
  spawnSync(process.execPath, [RUNNER, jobsFile], { stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs });
  const logs = new Map<WrittenProgram, RunLog>();
  for (const p of programs) {
    if (!fs.existsSync(p.log)) {
      const single = spawnSync(process.execPath, ['--enable-source-maps', p.entry, ...p.program.argv], {
        env: { ...process.env, JO_BULLMQ_LOG: p.log },
        encoding: 'utf8',
        timeout: 10_000,
      });
      const records = fs.existsSync(p.log) ? (JSON.parse(fs.readFileSync(p.log, 'utf8')) as RunRecord[]) : [];
      const error = single.status === 0 ? null : `exit ${single.status} ${single.signal ?? ''}: ${single.stderr}`;
      logs.set(p, { records, error });
      continue;
    }
    logs.set(p, JSON.parse(fs.readFileSync(p.log, 'utf8')) as RunLog);
  }
  return logs;
}

// ---------------------------------------------------------------------------------------------
// The comparison.

const UNRESOLVED = '<unresolved>';

/** A site as the run saw it: the name, and every source line on its call stack. */
export interface RunSite {
  role: 'consumer' | 'producer';
  op: RunRecord['op'];
  queue: string;
  job: string | null;
  /** `src/main.ts:12` … innermost first, only the generated sources. */
  lines: string[];
}

/** A site as the tool reported it. */
export interface ToolSite {
  role: 'consumer' | 'producer';
  /** The queue name and its alternatives (never `<unresolved>`). */
  names: string[];
  job: string | null;
  at: string;
  where: 'queues' | 'unreached';
}

export type MismatchKind =
  /** A site ran and the tool neither names it right nor reports it unresolved. */
  | 'missed'
  /** A site ran, and the tool names it right only among sites it says no process runs. */
  | 'reported-unreached'
  /** The tool reports a queue/job name the run never used in that role. */
  | 'wrong-name'
  /**
   * The tool reports, at a line, a name the run used in that role elsewhere, but no site with
   * that name has the line on its call stack: a name the site does not use.
   */
  | 'wrong-site';

export interface Mismatch {
  kind: MismatchKind;
  detail: string;
}

export interface Comparison {
  mismatches: Mismatch[];
  /** Run sites the tool named exactly. */
  resolved: number;
  /** Run sites covered by an unresolved-name finding. */
  unresolved: number;
  /** …of which the name was a constant (the tool could have known it): a gap, not a failure. */
  unresolvedStatic: number;
  /** Run sites named right, but reported at a line that is not on the run's call stack. */
  misplaced: string[];
  runSites: RunSite[];
  toolSites: ToolSite[];
}

function str(value: string | { nonString: string } | undefined): string {
  if (value === undefined) return '<undefined>';
  return typeof value === 'string' ? value : `<${value.nonString}>`;
}

/** True for the names only the run can know (see generate.ts runtimeName). */
export function isRuntimeOnly(name: string, argv: readonly string[]): boolean {
  return argv.includes(name) || /\d{12,}/.test(name);
}

export function runSites(records: RunRecord[], repo: string): RunSite[] {
  const sites: RunSite[] = [];
  for (const r of records) {
    if (r.role === 'queue') continue;
    const lines: string[] = [];
    for (const [file, line] of r.stack) {
      const rel = path.relative(repo, file).split(path.sep).join('/');
      if (rel.startsWith('src/')) lines.push(`${rel}:${line}`);
    }
    sites.push({ role: r.role, op: r.op, queue: str(r.queue), job: r.role === 'producer' ? str(r.job) : null, lines });
  }
  return sites;
}

export function toolSites(result: JobOwnersResult): ToolSite[] {
  const sites: ToolSite[] = [];
  for (const q of result.queues) {
    const names = [q.queue, ...q.alternatives].filter((n) => n !== UNRESOLVED);
    for (const c of q.consumers) sites.push({ role: 'consumer', names, job: null, at: `${c.file}:${c.line}`, where: 'queues' });
    for (const p of q.producers) sites.push({ role: 'producer', names, job: p.job, at: `${p.file}:${p.line}`, where: 'queues' });
  }
  for (const u of result.unreached) {
    const names = u.queue === UNRESOLVED ? [] : [u.queue];
    sites.push({ role: u.type, names, job: u.type === 'producer' ? (u.job ?? UNRESOLVED) : null, at: `${u.file}:${u.line}`, where: 'unreached' });
  }
  return sites;
}

function sameJob(run: RunSite, tool: ToolSite): boolean {
  return run.role === 'consumer' || run.job === tool.job;
}

function describeRun(s: RunSite): string {
  return `${s.role} ${s.op} queue=${JSON.stringify(s.queue)}${s.job !== null ? ` job=${JSON.stringify(s.job)}` : ''} (stack ${s.lines.join(' < ')})`;
}

function describeTool(s: ToolSite): string {
  return `${s.role} queue=${JSON.stringify(s.names.length > 0 ? s.names : [UNRESOLVED])}${s.job !== null ? ` job=${JSON.stringify(s.job)}` : ''} at ${s.at}${s.where === 'unreached' ? ' (unreached)' : ''}`;
}

/**
 * Every site the run recorded must be in result.queues with its queue name (or among its
 * alternatives), role and job — or be covered by an `unresolved-name` finding at a line on its
 * call stack. Every name the tool reports (in queues or unreached) must be one the run used in
 * that role (with that job, for a producer whose job the tool names).
 */
export function compare(result: JobOwnersResult, records: RunRecord[], repo: string, argv: readonly string[]): Comparison {
  const run = runSites(records, repo);
  const tool = toolSites(result);
  const unresolvedAt = new Set(
    result.findings.filter((f) => f.rule === 'unresolved-name').flatMap((f) => f.locations.map((l) => `${l.file}:${l.line}`)),
  );
  const mismatches: Mismatch[] = [];
  const misplaced: string[] = [];
  let resolved = 0;
  let unresolved = 0;
  let unresolvedStatic = 0;

  for (const site of run) {
    const named = tool.filter((t) => t.role === site.role && sameJob(site, t) && t.names.includes(site.queue));
    const inQueues = named.filter((t) => t.where === 'queues');
    if (inQueues.length > 0) {
      resolved++;
      if (!inQueues.some((t) => site.lines.includes(t.at))) {
        misplaced.push(`${describeRun(site)} — tool: ${inQueues.map(describeTool).join('; ')}`);
      }
      continue;
    }
    if (site.lines.some((l) => unresolvedAt.has(l))) {
      unresolved++;
      if (!isRuntimeOnly(site.queue, argv) && !(site.job !== null && isRuntimeOnly(site.job, argv))) unresolvedStatic++;
      continue;
    }
    const nearby = tool.filter((t) => site.lines.includes(t.at));
    const said = nearby.length > 0 ? nearby.map(describeTool).join('; ') : 'nothing at any line of its stack';
    if (named.length > 0) {
      mismatches.push({ kind: 'reported-unreached', detail: `${describeRun(site)} — tool: ${said}` });
    } else {
      mismatches.push({ kind: 'missed', detail: `${describeRun(site)} — tool: ${said}` });
    }
  }

  for (const t of tool) {
    for (const name of t.names) {
      const ran = run.filter(
        (s) => s.role === t.role && s.queue === name && (t.role === 'consumer' || t.job === UNRESOLVED || s.job === t.job),
      );
      if (ran.some((s) => s.lines.includes(t.at))) continue;
      const here = run.filter((s) => s.lines.includes(t.at));
      mismatches.push({
        kind: ran.length > 0 ? 'wrong-site' : 'wrong-name',
        detail: `${describeTool(t)} names ${JSON.stringify(name)}${t.job !== null && t.job !== UNRESOLVED ? `/${JSON.stringify(t.job)}` : ''} — the run there: ${
          here.length > 0 ? here.map(describeRun).join('; ') : 'no site with that line on its stack'
        }`,
      });
    }
  }
  return { mismatches, resolved, unresolved, unresolvedStatic, misplaced, runSites: run, toolSites: tool };
}

/** The tool's view in a few lines, for a failure message. */
export function describeResult(result: JobOwnersResult): string {
  const lines: string[] = [];
  for (const s of toolSites(result)) lines.push(`  ${describeTool(s)}`);
  for (const f of result.findings) {
    if (f.rule === 'unresolved-name') lines.push(`  unresolved-name at ${f.locations.map((l) => `${l.file}:${l.line}:${l.column}`).join(', ')}: ${f.summary ?? f.message}`);
  }
  const services = result.services.map((s) => `${s.name}(${s.kind}${s.entry ? ` ${s.entry}` : ''})`).join(', ');
  lines.unshift(`  services: ${services}`);
  return lines.join('\n');
}
