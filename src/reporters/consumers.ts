import type { QueueEntry } from '../model/result.js';
import { uniqueSorted } from './util/text.js';

/** Services that consume a queue, sorted; two or more is the multiple-owners conflict (SPEC §2.1). */
export function consumingServices(queue: QueueEntry): string[] {
  return uniqueSorted(queue.consumers.map((c) => c.service));
}
