'use strict';
/**
 * A recording stand-in for `bullmq` (CommonJS), for the differential property test
 * (test/property). Every `new Queue(name)`, `new Worker(name, fn)`, `queue.add(name, …)`,
 * `queue.addBulk([{ name }])`, `queue.upsertJobScheduler(id, repeat, { name })` and
 * `flowProducer.add(tree)` / `addBulk(trees)` is recorded with the call stack that reached it.
 *
 * Records go to `globalThis.__joBullmqRecords` when the runner set that array (one process
 * runs many programs), else to the JSON file named by JO_BULLMQ_LOG when the process exits.
 * Nothing connects anywhere; every async method resolves at once.
 */

const OWN_FILE = __filename;

function sink() {
  if (Array.isArray(globalThis.__joBullmqRecords)) return globalThis.__joBullmqRecords;
  if (!globalThis.__joBullmqOwnLog) {
    globalThis.__joBullmqOwnLog = [];
    const file = process.env.JO_BULLMQ_LOG;
    if (file) {
      process.on('exit', () => {
        require('node:fs').writeFileSync(file, JSON.stringify(globalThis.__joBullmqOwnLog, null, 1));
      });
    }
  }
  return globalThis.__joBullmqOwnLog;
}

/** The caller's stack as [file, line, column] frames, this file's own frames left out. */
function callers() {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  const stack = new Error('bullmq stub').stack || '';
  Error.stackTraceLimit = saved;
  const frames = [];
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!m) continue;
    const file = m[1].startsWith('file://') ? require('node:url').fileURLToPath(m[1]) : m[1];
    if (file === OWN_FILE) continue;
    frames.push([file, Number(m[2]), Number(m[3])]);
  }
  return frames;
}

function record(entry) {
  sink().push({ ...entry, stack: callers() });
}

function text(value) {
  return typeof value === 'string' ? value : { nonString: String(value) };
}

let nextId = 1;

class Queue {
  constructor(name, opts) {
    this.name = name;
    this.opts = opts || {};
    record({ op: 'queue', role: 'queue', queue: text(name) });
  }
  add(name, data, opts) {
    record({ op: 'add', role: 'producer', queue: text(this.name), job: text(name) });
    return Promise.resolve({ id: String(nextId++), name, data, opts });
  }
  addBulk(jobs) {
    for (const job of jobs || []) record({ op: 'addBulk', role: 'producer', queue: text(this.name), job: text(job && job.name) });
    return Promise.resolve((jobs || []).map((job) => ({ id: String(nextId++), name: job && job.name })));
  }
  upsertJobScheduler(id, repeat, template) {
    // bullmq names the scheduled jobs after the scheduler when the template has no name.
    const name = template && template.name !== undefined ? template.name : id;
    record({ op: 'upsertJobScheduler', role: 'producer', queue: text(this.name), job: text(name) });
    return Promise.resolve({ id: String(nextId++), name });
  }
  on() {
    return this;
  }
  waitUntilReady() {
    return Promise.resolve(this);
  }
  close() {
    return Promise.resolve();
  }
}

class Worker {
  constructor(name, processor, opts) {
    this.name = name;
    this.processor = processor;
    this.opts = opts || {};
    record({ op: 'worker', role: 'consumer', queue: text(name) });
  }
  on() {
    return this;
  }
  run() {
    return Promise.resolve();
  }
  close() {
    return Promise.resolve();
  }
}

class FlowProducer {
  constructor(opts) {
    this.opts = opts || {};
  }
  add(flow) {
    const walk = (node) => {
      if (!node) return;
      record({ op: 'flow', role: 'producer', queue: text(node.queueName), job: text(node.name) });
      for (const child of node.children || []) walk(child);
    };
    walk(flow);
    return Promise.resolve({ job: { id: String(nextId++), name: flow && flow.name } });
  }
  addBulk(flows) {
    for (const flow of flows || []) this.add(flow);
    return Promise.resolve([]);
  }
  close() {
    return Promise.resolve();
  }
}

class QueueEvents {
  constructor(name) {
    this.name = name;
  }
  on() {
    return this;
  }
  close() {
    return Promise.resolve();
  }
}

module.exports = { Queue, Worker, FlowProducer, QueueEvents };
