// Compare a `job-owners check --format json` result with the generator's manifest.
// Returns a list of human-readable problems; empty means the tool saw exactly what was generated.

export function compareWithManifest(result, manifest) {
  const problems = [];
  if (!result || typeof result !== 'object') return ['result is not a JSON object'];
  const errors = result.summary?.errors;
  if (errors !== 0) problems.push(`summary.errors is ${errors}, expected 0 (the generated tree is clean)`);
  const got = new Map((result.queues ?? []).map((q) => [q.queue, q]));
  for (const expected of manifest.queues) {
    const q = got.get(expected.queue);
    if (!q) {
      problems.push(`queue ${expected.queue}: missing from result`);
      continue;
    }
    if (q.owner !== expected.owner) problems.push(`queue ${expected.queue}: owner ${JSON.stringify(q.owner)}, expected ${expected.owner}`);
    const producedJobs = new Set((q.producers ?? []).map((p) => p.job));
    for (const job of expected.jobs) {
      if (!producedJobs.has(job)) problems.push(`queue ${expected.queue}: no producer of ${job} found`);
    }
  }
  const known = new Set(manifest.queues.map((q) => q.queue));
  for (const name of got.keys()) {
    if (!known.has(name)) problems.push(`queue ${name}: reported but not generated`);
  }
  return problems;
}

/** `{ queue: owner }` for the subset of fields a test compares directly. */
export const ownersOf = (queues) => Object.fromEntries(queues.map((q) => [q.queue, q.owner]).sort(([a], [b]) => a.localeCompare(b)));
