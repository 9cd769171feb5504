import fs from 'node:fs';
import { workerData } from 'node:worker_threads';
import { SLOT, STATE, TEXT_BYTES } from './progress.js';

/**
 * The progress thread (see progress.ts): sleeps on the shared state, redraws the line every
 * 100 ms once the delay has passed, and stops drawing for good when the main thread takes the
 * terminal back (which erases the line). Plain blocking waits: this
 * thread needs no event loop, and the main thread's is busy with the analysis.
 */
const { shared, fd, delayMs, columns, startedAt } = workerData as { shared: SharedArrayBuffer; fd: number; delayMs: number; columns: number; startedAt: number };
const slots = new Int32Array(shared, 0, 4);
const text = new Uint8Array(shared, 16, TEXT_BYTES);
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

let frame = 0;
let last = '';
const write = (s: string): void => {
  try {
    fs.writeSync(fd, s);
  } catch {
    // the terminal went away: nothing to draw on
  }
};

for (;;) {
  Atomics.wait(slots, SLOT.state, STATE.running, 100);
  if (Date.now() - startedAt < delayMs) {
    if (Atomics.load(slots, SLOT.state) !== STATE.running) break;
    continue;
  }
  // Draw only while holding the terminal; the main thread takes it back for good with STOPPED
  // (and erases the line itself, see progress.ts).
  if (Atomics.compareExchange(slots, SLOT.state, STATE.running, STATE.drawing) !== STATE.running) break;
  const version = Atomics.load(slots, SLOT.version);
  if (version % 2 === 0) {
    const copy = Buffer.from(text.slice(0, Atomics.load(slots, SLOT.length)));
    if (Atomics.load(slots, SLOT.version) === version) last = copy.toString('utf8');
  }
  const elapsed = Date.now() - startedAt;
  const line = `${FRAMES[frame++ % FRAMES.length]} job-owners: ${last || 'working'} (${(elapsed / 1000).toFixed(1)} s)`;
  // Never wider than the terminal: a wrapped line could not be erased with one \r.
  write(`\r\u001b[K${[...line].slice(0, Math.max(20, columns) - 1).join('')}`);
  Atomics.store(slots, SLOT.shown, 1);
  Atomics.store(slots, SLOT.state, STATE.running);
  Atomics.notify(slots, SLOT.state);
}
