#!/usr/bin/env node
// Compares a job-owners JSON result with a blind expected file (docs/validation/FORMAT.md).
//
//   node scripts/validate.mjs docs/validation/<owner>__<name>.expected.json result.json [--verbose]
//
// Prints one JSON line: checks met / total, false errors, silent drops, and (with --verbose) every
// check that failed. Definitions (docs/validation.md):
// - a check is one expected process, consumer site, producer site, finding, or unresolvable site;
// - a site matches a result entry in the same file within 2 lines, on the same queue (its name or
//   an alternative), with the same job for producers, and run by the same processes;
// - a false error is an error-severity finding the expected file does not list (rule and queue);
// - a silent drop is an expected site the result says nothing about at that place: no consumer,
//   producer, unreached site or unresolved-name location there.
import fs from 'node:fs';

const [expectedFile, resultFile, ...flags] = process.argv.slice(2);
if (!expectedFile || !resultFile) {
  console.error('usage: node scripts/validate.mjs EXPECTED.json RESULT.json [--verbose]');
  process.exit(2);
}
const verbose = flags.includes('--verbose');
const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
const NEAR = 2;

// ── Processes: expected name → the result's service name ────────────────────────────────
const services = result.services ?? [];
const serviceFor = new Map();
for (const p of expected.processes ?? []) {
  const byName = services.find((s) => s.name === p.name);
  const byEntry = p.entry ? services.find((s) => s.entry === p.entry) : undefined;
  // A tool without processes (one service per package) is matched by package root.
  const byRoot = services.find((s) => s.root === p.package);
  serviceFor.set(p.name, (byName ?? byEntry ?? byRoot)?.name ?? `?${p.name}`);
}
const mapProcesses = (list) => [...new Set((list ?? []).map((p) => serviceFor.get(p) ?? `?${p}`))].sort();
const sameSet = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

const failures = [];
let met = 0;
let total = 0;
const check = (ok, what) => {
  total++;
  if (ok) met++;
  else failures.push(what);
};

for (const p of expected.processes ?? []) {
  const s = services.find((x) => x.name === serviceFor.get(p.name));
  check(!!s && (!p.entry || !s.entry || s.entry === p.entry), `process ${p.name} (${p.entry ?? 'no entry'}): ${s ? `found as ${s.name} (${s.entry ?? 'no entry'})` : 'not found'}`);
}

// ── Sites ─────────────────────────────────────────────────────────────────────────────────
const near = (a, b) => a.file === b.file && Math.abs(a.line - b.line) <= NEAR;
const queueNames = (q) => [q.queue, ...(q.alternatives ?? [])];
const resultConsumers = (result.queues ?? []).flatMap((q) => q.consumers.map((c) => ({ ...c, names: queueNames(q) })));
const resultProducers = (result.queues ?? []).flatMap((q) => q.producers.map((p) => ({ ...p, names: queueNames(q) })));
const unresolvedAt = (result.findings ?? []).filter((f) => f.rule === 'unresolved-name').flatMap((f) => f.locations);
const unreached = result.unreached ?? [];
const mentioned = (site) =>
  resultConsumers.some((c) => near(c, site)) || resultProducers.some((p) => near(p, site)) || unreached.some((u) => near(u, site)) || unresolvedAt.some((l) => near(l, site));
let drops = 0;
const dropped = [];

// A queue the expected file names by a runtime template (`${region}-mail`, `<runtime: id>`)
// cannot be named by a static tool: its sites are met by entries on an unresolved queue there,
// or an unresolved-name finding at the place.
const isRuntimeName = (n) => /\$\{|^<runtime|^<unresolved/.test(n);
for (const q of expected.queues ?? []) {
  const names = [q.queue, ...(q.alternatives ?? [])];
  if (isRuntimeName(q.queue)) names.push('<unresolved>');
  for (const c of q.consumers ?? []) {
    const at = resultConsumers.filter((r) => near(r, c) && r.names.some((n) => names.includes(n)));
    const runs = [...new Set(at.map((r) => r.service))].sort();
    const want = mapProcesses(c.processes);
    const runtimeOk = isRuntimeName(q.queue) && unresolvedAt.some((l) => near(l, c));
    check((at.length > 0 && sameSet(runs, want)) || runtimeOk || (want.length === 0 && unreached.some((u) => near(u, c))), `consumer ${q.queue} ${c.file}:${c.line} in [${want}]: ${at.length ? `found in [${runs}]` : 'not found'}`);
    if (!mentioned(c)) {
      drops++;
      dropped.push(`consumer ${q.queue} ${c.file}:${c.line}`);
    }
  }
  for (const p of q.producers ?? []) {
    // A job name only known at runtime (`<runtime: id>`, `campaign-${id}`, or listed as
    // unresolvable at this site) is met by a producer whose job the tool reports unresolved.
    const runtimeJob = p.job === '<unresolved>' || /\$\{|^<runtime/.test(p.job ?? '') || (expected.unresolvable ?? []).some((u) => near(u, p) && /job/.test(u.what ?? ''));
    const job = runtimeJob ? '<unresolved>' : p.job;
    const at = resultProducers.filter((r) => near(r, p) && r.names.some((n) => names.includes(n)) && (job === undefined || job === '<unresolved>' || r.job === job));
    const runs = [...new Set(at.map((r) => r.service))].sort();
    const want = mapProcesses(p.processes);
    const unresolvedOk = job === '<unresolved>' && unresolvedAt.some((l) => near(l, p));
    check((at.length > 0 && sameSet(runs, want)) || (unresolvedOk && at.length > 0) || (isRuntimeName(q.queue) && unresolvedAt.some((l) => near(l, p))) || (want.length === 0 && unreached.some((u) => near(u, p))), `producer ${q.queue}:${job} ${p.file}:${p.line} in [${want}]: ${at.length ? `found in [${runs}]` : 'not found'}`);
    if (!mentioned(p)) {
      drops++;
      dropped.push(`producer ${q.queue}:${job} ${p.file}:${p.line}`);
    }
  }
}

for (const u of expected.unresolvable ?? []) {
  check(unresolvedAt.some((l) => near(l, u)), `unresolvable ${u.file}:${u.line} (${u.what}): ${unresolvedAt.some((l) => near(l, u)) ? 'reported' : 'not reported'}`);
}

// ── Findings ──────────────────────────────────────────────────────────────────────────────
const expectedFindings = expected.findings ?? [];
const findingMatches = (f, e) => f.rule === e.rule && (e.queue === undefined || e.queue === null || f.queue === e.queue || (f.queue === null && e.rule === 'unresolved-name')) && (!e.job || f.job === e.job);
for (const e of expectedFindings) {
  if (e.rule === 'unresolved-name') continue; // counted through `unresolvable`
  const found = (result.findings ?? []).filter((f) => findingMatches(f, e));
  const want = mapProcesses(e.processes);
  const ok = found.some((f) => e.processes === undefined || want.length === 0 || sameSet([...f.services].sort(), want));
  check(ok, `finding ${e.rule} ${e.queue ?? ''}${e.job ? `:${e.job}` : ''} [${want}]: ${found.length ? `found with [${found.map((f) => f.services.join(',')).join(' | ')}]` : 'not reported'}`);
}
const falseErrors = (result.findings ?? []).filter((f) => f.severity === 'error' && !expectedFindings.some((e) => findingMatches(f, e)));

const summary = {
  repository: expected.repository,
  checks: `${met}/${total}`,
  met,
  total,
  falseErrors: falseErrors.length,
  silentDrops: drops,
  ...(verbose ? { failures, falseErrorList: falseErrors.map((f) => `${f.rule} ${f.queue ?? ''}${f.job ? `:${f.job}` : ''} [${f.services.join(',')}] ${f.locations[0]?.file}:${f.locations[0]?.line}`), dropped } : {}),
};
console.log(JSON.stringify(summary, null, verbose ? 2 : 0));
