import type { ConsumerFact, ProducerFact } from '../detectors/facts.js';
import type { Attribution } from './attribution.js';
import type { Library } from './result.js';

/** The placeholder queue that collects facts whose queue name could not be resolved. */
export const UNRESOLVED_QUEUE = '<unresolved>';
export const UNRESOLVED_JOB = '<unresolved>';

export interface ModelConsumer {
  fact: ConsumerFact;
  /** Every service this consumer runs in (a shared-library consumer may run in several). */
  services: Attribution[];
}

export interface ModelProducer {
  fact: ProducerFact;
  job: string;
  services: Attribution[];
}

export interface ModelQueue {
  /** `${prefix}:${name}`: queue identity (SPEC §2.3); the Redis connection is not modelled. */
  key: string;
  name: string;
  prefix: string;
  libraries: Set<Library>;
  consumers: ModelConsumer[];
  producers: ModelProducer[];
  resolved: boolean;
  /** Other names of this queue under other conditions (`{sessions}` when CLUSTER is set). */
  alternatives: Set<string>;
}

/** The ownership graph: every queue identity with its consumers and producers, attributed to services. */
export interface OwnershipModel {
  queues: ModelQueue[];
  /** Facts no process runs. */
  unreached: Array<ConsumerFact | ProducerFact>;
}

export function consumingServices(queue: ModelQueue): string[] {
  return uniqueSorted(queue.consumers.flatMap((c) => c.services.map((s) => s.service)));
}

export function handlesName(consumer: ModelConsumer, job: string): boolean {
  return consumer.fact.handles === '*' || consumer.fact.handles.includes(job);
}

export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** Plain code-unit ordering: locale-independent, so output is byte-identical everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
