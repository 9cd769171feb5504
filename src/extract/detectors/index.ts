import { bullProcessDetector } from './bull-process.js';
import { bullmqWorkerDetector } from './bullmq-worker.js';
import { nestProcessorDetector } from './nest-processor.js';
import { producerDetector } from './producers.js';
import { registerQueueDetector } from './register-queue.js';
import type { Detector } from './types.js';

/** Every detector, run in one traversal per candidate file. Add new API shapes here. */
export const DETECTORS: Detector[] = [bullmqWorkerDetector, producerDetector, nestProcessorDetector, bullProcessDetector, registerQueueDetector];
