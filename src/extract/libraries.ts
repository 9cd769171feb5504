import type { Library } from '../model/result.js';

/**
 * Which package exports are queue APIs. A `Worker` or `Queue` is only ever recognised through an
 * import (or require) that leads to one of these modules: a browser `Worker`, `worker_threads`,
 * or another library's `Queue` never matches.
 */
export const BULLMQ_MODULES = new Set(['bullmq', '@taskforcesh/bullmq-pro']);
export const NEST_BULLMQ_MODULES = new Set(['@nestjs/bullmq']);
export const BULL_MODULES = new Set(['bull']);
export const NEST_BULL_MODULES = new Set(['@nestjs/bull']);

export const WORKER_EXPORTS = new Set(['Worker', 'WorkerPro']);
export const QUEUE_EXPORTS = new Set(['Queue', 'QueuePro']);
export const FLOW_PRODUCER_EXPORTS = new Set(['FlowProducer', 'FlowProducerPro']);

export function nestLibrary(module: string): Library | undefined {
  if (NEST_BULLMQ_MODULES.has(module)) return 'bullmq';
  if (NEST_BULL_MODULES.has(module)) return 'bull';
  return undefined;
}
