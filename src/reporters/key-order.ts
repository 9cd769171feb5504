import type {
  ChainStep,
  ConsumerEntry,
  Finding,
  HandledNameEvidence,
  JobEntry,
  JobOwnersResult,
  ProducerEntry,
  QueueEntry,
  ServiceInfo,
  SiteCounts,
  SkippedFile,
  SourceLocation,
  SuppressedFinding,
  Suppression,
} from '../model/result.js';

/**
 * The key order of every object in the JSON result, as declared in model/result.ts (and shown
 * in SPEC §8). Each list is checked against its type: adding a field to the result without
 * listing it here fails the typecheck, so the JSON output can never silently reorder.
 */
type KeysOf<T> = readonly (keyof T & string)[];
type Complete<T, K extends KeysOf<T>> = [Exclude<keyof T, K[number]>] extends [never] ? K : never;

function keys<T>() {
  return <const K extends KeysOf<T>>(list: Complete<T, K>): readonly string[] => list;
}

const location = keys<SourceLocation>()(['file', 'line', 'column']);

/** A node of the key-order tree: own key order plus the order of nested objects/arrays. */
export interface KeyOrder {
  keys: readonly string[];
  children?: Record<string, KeyOrder>;
}

export const RESULT_KEY_ORDER: KeyOrder = {
  keys: keys<JobOwnersResult>()([
    'schemaVersion',
    'tool',
    'services',
    'queues',
    'jobs',
    'findings',
    'suppressedFindings',
    'skipped',
    'unreached',
    'summary',
  ]),
  children: {
    tool: { keys: keys<JobOwnersResult['tool']>()(['name', 'version']) },
    services: {
      keys: keys<ServiceInfo>()(['name', 'root', 'source', 'kind', 'entry', 'deployedBy', 'foundAt']),
      children: { foundAt: { keys: ['file', 'line'] } },
    },
    queues: {
      keys: keys<QueueEntry>()(['queue', 'alternatives', 'prefix', 'library', 'owner', 'consumers', 'producers']),
      children: {
        consumers: {
          keys: keys<ConsumerEntry>()([
            'service',
            'file',
            'line',
            'column',
            'kind',
            'library',
            'handles',
            'unhandled',
            'definition',
            'attribution',
            'conditions',
            'label',
            'symbol',
            'evidence',
            'via',
          ]),
          children: {
            evidence: { keys: keys<HandledNameEvidence>()(['name', 'file', 'line', 'column']) },
            via: { keys: keys<ChainStep>()(['kind', 'label', 'file', 'line', 'column']) },
          },
        },
        producers: {
          keys: keys<ProducerEntry>()(['service', 'file', 'line', 'column', 'kind', 'library', 'job', 'attribution', 'symbol', 'via']),
          children: { via: { keys: keys<ChainStep>()(['kind', 'label', 'file', 'line', 'column']) } },
        },
      },
    },
    jobs: { keys: keys<JobEntry>()(['queue', 'prefix', 'name', 'producers', 'receivers', 'handlers', 'status']) },
    findings: {
      keys: keys<Finding>()(['rule', 'severity', 'queue', 'job', 'services', 'message', 'summary', 'advice', 'locations']),
      children: { locations: { keys: location } },
    },
    suppressedFindings: {
      keys: keys<SuppressedFinding>()(['rule', 'severity', 'queue', 'job', 'services', 'message', 'summary', 'advice', 'locations', 'suppression']),
      children: {
        locations: { keys: location },
        suppression: {
          keys: keys<Suppression>()(['kind', 'source', 'justification', 'location']),
          children: { location: { keys: location } },
        },
      },
    },
    skipped: { keys: keys<SkippedFile>()(['file', 'reason']) },
    summary: {
      keys: keys<JobOwnersResult['summary']>()(['errors', 'warnings', 'suppressed', 'sites']),
      children: { sites: { keys: keys<SiteCounts>()(['queues', 'producers', 'consumers', 'unresolved']) } },
    },
  },
};
