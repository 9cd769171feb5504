import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Shared state between the main thread and the progress thread (Int32 slots). */
export const SLOT = { state: 0, version: 1, length: 2, shown: 3 } as const;
/** The thread draws only while it holds DRAWING; once the main thread sets STOPPED it never draws again. */
export const STATE = { running: 0, drawing: 1, stopped: 2 } as const;
export const TEXT_BYTES = 400;

export interface Progress {
  /** What the run is doing now, e.g. `analysing 5,012 files`. */
  phase(text: string): void;
  /** Erases the line (when it was shown) and ends the thread; returns once the line is gone. */
  stop(): void;
}

const NONE: Progress = { phase() {}, stop() {} };

export interface ProgressOptions {
  /** stderr is a terminal, the run is not in CI, and no JSON is being written. */
  enabled: boolean;
  /** Where the line is drawn (stderr). */
  fd?: number;
  /** Shown only once the run (the process) has taken this long (1 s). */
  delayMs?: number;
  /** Terminal width: the line is cut to fit. */
  columns?: number;
}

/**
 * A one-line progress indicator on stderr for runs that pass a second: `⠋ job-owners: analysing
 * 5,012 files (1.4 s)`, redrawn in place and erased at the end, so it never stays in the scroll
 * back and never mixes with the report. The analysis is synchronous and holds the main thread for
 * the whole run, so the line is drawn by a thread of its own, which writes to the file descriptor
 * directly; the main thread only updates the phase text in shared memory. Off in CI, for JSON and
 * when stderr is not a terminal (then nothing is started at all).
 */
export function startProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return NONE;
  const script = new URL('./progress-worker.js', import.meta.url);
  if (script.protocol !== 'file:' || !fs.existsSync(fileURLToPath(script))) return NONE; // running from the TypeScript sources
  const shared = new SharedArrayBuffer(4 * 4 + TEXT_BYTES);
  const slots = new Int32Array(shared, 0, 4);
  const text = new Uint8Array(shared, 16, TEXT_BYTES);
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { shared, fd: options.fd ?? 2, delayMs: options.delayMs ?? 1000, columns: options.columns || 80, startedAt: performance.timeOrigin } });
  } catch {
    return NONE;
  }
  worker.unref();
  worker.on('error', () => {
    // a progress line is not worth failing a run for
  });
  let stopped = false;
  return {
    phase(value: string) {
      if (stopped) return;
      const bytes = Buffer.from(value, 'utf8').subarray(0, TEXT_BYTES);
      // A seqlock: odd while the text is being replaced, so the thread never draws half of it.
      Atomics.add(slots, SLOT.version, 1);
      text.set(bytes);
      Atomics.store(slots, SLOT.length, bytes.length);
      Atomics.add(slots, SLOT.version, 1);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // Take the terminal back: wait out a frame being drawn, then forbid the next one. No waiting
      // for the thread to start or to notice (a fast run pays nothing for the indicator).
      for (;;) {
        const previous = Atomics.compareExchange(slots, SLOT.state, STATE.running, STATE.stopped);
        if (previous !== STATE.drawing) break;
        Atomics.wait(slots, SLOT.state, STATE.drawing, 20);
      }
      Atomics.notify(slots, SLOT.state);
      if (Atomics.load(slots, SLOT.shown) === 1) {
        try {
          fs.writeSync(options.fd ?? 2, '\r\u001b[K');
        } catch {
          // the terminal went away
        }
      }
      void worker.terminate();
    },
  };
}

/** Whether the indicator may be shown: a terminal, not CI, not JSON, not a dumb terminal. */
export function progressAllowed(io: { stderrIsTTY?: boolean; env: Record<string, string | undefined> }, formats: string[]): boolean {
  if (!io.stderrIsTTY) return false;
  const ci = io.env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  if (io.env.TERM === 'dumb') return false;
  return !formats.some((f) => f.split(':')[0] === 'json');
}
