'use strict';
/**
 * Runs many compiled generated programs in one Node process (test/property): spawning Node
 * once per program would cost more than the analysis. `node runner.cjs jobs.json`, where the
 * file lists `{ entry, log, argv }`. Each entry is required with the recording bullmq stub's
 * sink set to a fresh array and process.argv set to the job's; its records (or the error it
 * threw) are written to `log` as JSON once its promise callbacks have run (an async function
 * that awaits before it starts a worker records then). Source maps are on, so the recorded
 * stacks point at the generated .ts files.
 */
const fs = require('node:fs');

process.setSourceMapsEnabled(true);
const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const argv = process.argv;
let failure = null;
process.on('unhandledRejection', (reason) => {
  failure = `unhandled rejection: ${String((reason && reason.stack) || reason)}`;
});

async function main() {
  for (const job of jobs) {
    globalThis.__joBullmqRecords = [];
    failure = null;
    process.argv = [argv[0], job.entry, ...job.argv];
    try {
      require(job.entry);
    } catch (e) {
      failure = String((e && e.stack) || e);
    }
    // Let the program's promise callbacks run before its records are taken.
    await new Promise((resolve) => setImmediate(resolve));
    process.argv = argv;
    fs.writeFileSync(job.log, JSON.stringify({ records: globalThis.__joBullmqRecords, error: failure }));
  }
  globalThis.__joBullmqRecords = undefined;
}

main();
