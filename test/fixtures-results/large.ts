import type { ConsumerEntry, Finding, JobEntry, JobOwnersResult, ProducerEntry, QueueEntry, ServiceInfo } from '../../src/model/result.js';
import { messageParts } from '../../src/model/message-parts.js';

/**
 * A generated monorepo at the size of the one in issue 15: 8 deployed processes and a shared
 * library, 30 queues (two consumed by two services, one nobody consumes, one with a job no
 * consumer handles, one silent consumer), two sites whose queue name is not resolved, every
 * site named by its symbol. Built from a compact table so the byte-exact report stays readable.
 */

const SERVICES = ['analytics', 'api', 'billing', 'media-worker', 'notifier', 'scheduler', 'search-indexer', 'webhooks'];

interface QueueSpec {
  name: string;
  /** Consuming services (several = conflict; none = no consumer). */
  consumers: string[];
  /** service → job names it produces. */
  producers: Record<string, string[]>;
  /** Names the consumers handle; '*' = every name. */
  handles?: string[] | '*';
  unhandled?: ConsumerEntry['unhandled'];
}

const cap = (s: string) => s.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** 30 queues: mostly one owner with one or two producers; the problems of a real repository. */
const QUEUES: QueueSpec[] = [
  { name: 'analytics-events', consumers: ['analytics'], producers: { api: ['page-view', 'signup'], webhooks: ['hook-received'] }, handles: '*' },
  { name: 'analytics-rollup', consumers: ['analytics'], producers: { scheduler: ['hourly-rollup', 'daily-rollup'] } },
  { name: 'audio-processing', consumers: ['api', 'media-worker'], producers: { api: ['parse-epub', 'generate-audio'] }, handles: ['parse-epub'], unhandled: 'completes' },
  { name: 'billing-invoices', consumers: ['billing'], producers: { api: ['create-invoice'], scheduler: ['monthly-invoices'] } },
  { name: 'billing-refunds', consumers: ['billing'], producers: { api: ['refund'] } },
  { name: 'billing-retries', consumers: ['billing'], producers: { billing: ['retry-charge'] } },
  { name: 'cache-warmup', consumers: ['search-indexer'], producers: { scheduler: ['warm'] }, handles: '*' },
  { name: 'email-digest', consumers: ['notifier'], producers: { scheduler: ['weekly-digest'] } },
  { name: 'emails', consumers: ['notifier'], producers: { api: ['welcome', 'password-reset'], billing: ['receipt'] } },
  { name: 'exports', consumers: [], producers: { api: ['csv-export'] } },
  { name: 'image-resize', consumers: ['media-worker'], producers: { api: ['resize'] } },
  { name: 'media-transcode', consumers: ['media-worker'], producers: { api: ['transcode'], webhooks: ['transcode'] } },
  { name: 'media-thumbnails', consumers: ['media-worker'], producers: { 'media-worker': ['thumbnail'] } },
  { name: 'notifications-push', consumers: ['notifier'], producers: { api: ['push'] } },
  { name: 'notifications-sms', consumers: ['notifier'], producers: { api: ['sms'], billing: ['payment-failed-sms'] }, handles: ['sms'], unhandled: 'throws' },
  { name: 'partner-sync', consumers: ['webhooks'], producers: { scheduler: ['sync-partners'] } },
  { name: 'pdf-render', consumers: ['media-worker'], producers: { billing: ['invoice-pdf'] } },
  { name: 'report-builder', consumers: ['analytics'], producers: { api: ['build-report'] } },
  { name: 'search-index', consumers: ['search-indexer', 'api'], producers: { api: ['index-document', 'delete-document'] }, handles: '*' },
  { name: 'search-reindex', consumers: ['search-indexer'], producers: { scheduler: ['nightly-reindex'] } },
  { name: 'session-cleanup', consumers: ['scheduler'], producers: { scheduler: ['cleanup'] } },
  { name: 'user-deletion', consumers: ['api'], producers: { api: ['delete-user'] } },
  { name: 'user-import', consumers: ['api'], producers: { api: ['import-users'] } },
  { name: 'webhook-delivery', consumers: ['webhooks'], producers: { api: ['deliver'], billing: ['deliver'] } },
  { name: 'webhook-retries', consumers: ['webhooks'], producers: { webhooks: ['retry'] } },
  { name: 'webhooks-inbound', consumers: ['webhooks'], producers: { api: ['stripe-event', 'github-event'] } },
  { name: 'workflow-steps', consumers: ['scheduler'], producers: { api: ['run-step'], scheduler: ['run-step'] } },
  { name: 'workflow-timers', consumers: ['scheduler'], producers: { scheduler: ['timer-fired'] } },
  { name: 'zip-archives', consumers: ['media-worker'], producers: { api: ['zip'] } },
  { name: 'legacy-mailer', consumers: ['notifier'], producers: {}, handles: ['old-newsletter'] },
];

function rootOf(service: string): string {
  return `apps/${service}`;
}

function consumerOf(spec: QueueSpec, service: string): ConsumerEntry {
  const produced = [...new Set(Object.values(spec.producers).flat())].sort();
  const handles = spec.handles ?? produced;
  const file = `${rootOf(service)}/src/queues/${spec.name}.worker.ts`;
  return {
    service,
    file,
    line: 12,
    column: 3,
    kind: 'worker',
    library: 'bullmq',
    handles: handles === '*' ? '*' : [...handles],
    unhandled: spec.unhandled ?? 'throws',
    definition: `${file}:12:3`,
    attribution: 'package',
    symbol: `${cap(spec.name)}Worker.start`,
    evidence: handles === '*' ? [] : handles.map((name, i) => ({ name, file, line: 20 + i, column: 10 })),
  };
}

function producersOf(spec: QueueSpec): ProducerEntry[] {
  return Object.entries(spec.producers).flatMap(([service, jobs]) =>
    jobs.map((job, i) => ({
      service,
      file: `${rootOf(service)}/src/${spec.name}.producer.ts`,
      line: 30 + i,
      column: 5,
      kind: 'add' as const,
      library: 'bullmq' as const,
      job,
      attribution: 'package' as const,
      symbol: `${cap(spec.name)}Producer.enqueue`,
    })),
  );
}

function jobsOf(spec: QueueSpec, queue: QueueEntry): JobEntry[] {
  const names = new Set<string>([...Object.values(spec.producers).flat(), ...(Array.isArray(spec.handles) ? spec.handles : [])]);
  const receivers = [...spec.consumers].sort();
  return [...names].sort().map((name) => {
    const producers = Object.entries(spec.producers).filter(([, jobs]) => jobs.includes(name)).map(([s]) => s).sort();
    const handlers = queue.consumers.filter((c) => c.handles === '*' || c.handles.includes(name)).map((c) => c.service).sort();
    const status: JobEntry['status'] = receivers.length > 1 ? 'conflict' : producers.length === 0 ? 'orphan' : receivers.length === 0 ? 'no-consumer' : handlers.length === 0 ? 'unhandled' : 'ok';
    return { queue: spec.name, prefix: 'bull', name, producers, receivers, handlers, status };
  });
}

function finding(f: Omit<Finding, 'message'> & { summary: string; advice: string }): Finding {
  return { ...f, ...messageParts({ ...f, message: '' }) };
}

function findingsOf(spec: QueueSpec, queue: QueueEntry, jobs: JobEntry[]): Finding[] {
  const out: Finding[] = [];
  const consumers = [...spec.consumers].sort();
  if (consumers.length > 1) {
    out.push(finding({
      rule: 'multiple-owners', severity: 'error', queue: spec.name, job: null, services: consumers,
      summary: `Queue "${spec.name}" is consumed by ${consumers.length} services: ${consumers.join(', ')}`,
      advice: `BullMQ never routes by job name, so these services race for every job on it. Let one service own "${spec.name}" and remove the other consumers.`,
      locations: queue.consumers.map(({ file, line, column }) => ({ file, line, column })),
    }));
  }
  for (const job of jobs) {
    const sites = queue.producers.filter((p) => p.job === job.name).map(({ file, line, column }) => ({ file, line, column }));
    if (job.status === 'no-consumer') {
      out.push(finding({
        rule: 'no-consumer', severity: 'error', queue: spec.name, job: job.name, services: job.producers,
        summary: `Job "${job.name}" is added to queue "${spec.name}", but no service consumes that queue`,
        advice: `These jobs wait forever. Start a worker for "${spec.name}" in the service that should own it, or stop producing "${job.name}".`,
        locations: sites,
      }));
    }
    if (job.status === 'unhandled') {
      out.push(finding({
        rule: 'unhandled-job', severity: 'error', queue: spec.name, job: job.name, services: consumers,
        summary: `Job "${job.name}" is added to queue "${spec.name}", but no consumer of that queue handles it`,
        advice: `Such jobs are failed by the processor. Add a handler for "${job.name}" to the owning consumer, or stop producing it.`,
        locations: sites,
      }));
    }
    if (job.status === 'orphan') {
      const e = queue.consumers[0]!.evidence.find((x) => x.name === job.name)!;
      out.push(finding({
        rule: 'orphan-handler', severity: 'warn', queue: spec.name, job: job.name, services: consumers,
        summary: `Job "${job.name}" is handled on queue "${spec.name}", but nothing in the repository adds it`,
        advice: 'Remove the dead handler, or, if the job is produced outside this repository, record that in the config\'s "ignore" list with a reason.',
        locations: [{ file: e.file, line: e.line, column: e.column }],
      }));
    }
  }
  for (const c of queue.consumers.filter((x) => x.unhandled === 'completes' && x.handles !== '*')) {
    out.push(finding({
      rule: 'silent-completion', severity: 'warn', queue: spec.name, job: null, services: [c.service],
      summary: `This consumer of "${spec.name}" completes jobs it does not handle`,
      advice: 'It returns for any other job name, which marks those jobs completed without doing the work. Throw for names it does not handle.',
      locations: [{ file: c.file, line: c.line, column: c.column }],
    }));
  }
  return out;
}

const severityRank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function largeResult(): JobOwnersResult {
  const services: ServiceInfo[] = [
    ...SERVICES.map((name) => ({
      name,
      root: rootOf(name),
      source: 'workspace' as const,
      kind: 'service' as const,
      entry: `${rootOf(name)}/src/main.ts`,
      foundAt: [{ file: 'Procfile', line: SERVICES.indexOf(name) + 1 }],
    })),
    { name: '@acme/queues', root: 'packages/queues', source: 'workspace', kind: 'library' },
  ];
  services.sort((a, b) => cmp(a.name, b.name));
  const queues: QueueEntry[] = [];
  const jobs: JobEntry[] = [];
  const findings: Finding[] = [];
  for (const spec of QUEUES) {
    const consumers = [...spec.consumers].sort().map((s) => consumerOf(spec, s));
    const queue: QueueEntry = {
      queue: spec.name,
      alternatives: spec.name === 'emails' ? ['{emails}'] : [],
      prefix: 'bull',
      library: 'bullmq',
      owner: spec.consumers.length === 1 ? spec.consumers[0]! : null,
      consumers,
      producers: producersOf(spec).sort((a, b) => cmp(a.file, b.file) || a.line - b.line),
    };
    const queueJobs = jobsOf(spec, queue);
    queues.push(queue);
    jobs.push(...queueJobs);
    findings.push(...findingsOf(spec, queue, queueJobs));
  }
  // Two sites whose queue name is computed at runtime: never guessed, listed last.
  const unresolvedFile = 'packages/queues/src/dynamic.ts';
  queues.push({
    queue: '<unresolved>',
    alternatives: [],
    prefix: 'bull',
    library: 'bullmq',
    owner: null,
    consumers: [{
      service: '@acme/queues', file: unresolvedFile, line: 8, column: 10, kind: 'worker', library: 'bullmq', handles: '*', unhandled: 'unknown',
      definition: `${unresolvedFile}:8:10`, attribution: 'package', symbol: 'startTenantWorker', evidence: [],
    }],
    producers: [{ service: 'api', file: 'apps/api/src/tenants.ts', line: 40, column: 7, kind: 'add', library: 'bullmq', job: 'provision', attribution: 'package', symbol: 'TenantService.provision' }],
  });
  findings.push(
    finding({
      rule: 'unresolved-name', severity: 'warn', queue: null, job: null, services: ['@acme/queues'],
      summary: 'The queue name of this consumer cannot be resolved statically: `tenantQueue(id)`',
      advice: 'It comes from a parameter of startTenantWorker, and not every caller passes a static value, so job-owners cannot check its ownership. Use a string constant, or declare the wrapper in the config\'s "workers" list.',
      locations: [{ file: unresolvedFile, line: 8, column: 22 }],
    }),
    finding({
      rule: 'unresolved-name', severity: 'warn', queue: null, job: null, services: ['api'],
      summary: 'The queue name of this producer cannot be resolved statically: `process.env.TENANT_QUEUE`',
      advice: 'It is read from the environment, so job-owners cannot check its ownership. Use a string constant, or declare the wrapper in the config\'s "workers" list.',
      locations: [{ file: 'apps/api/src/tenants.ts', line: 40, column: 7 }],
    }),
  );
  findings.sort((a, b) => severityRank(a) - severityRank(b) || cmp(a.rule, b.rule) || cmp(a.queue ?? '', b.queue ?? '') || cmp(a.job ?? '', b.job ?? ''));
  queues.sort((a, b) => cmp(a.queue, b.queue));
  jobs.sort((a, b) => cmp(a.queue, b.queue) || cmp(a.name, b.name));
  const producerSites = queues.filter((q) => q.queue !== '<unresolved>').reduce((n, q) => n + q.producers.length, 0);
  const consumerSites = queues.filter((q) => q.queue !== '<unresolved>').reduce((n, q) => n + q.consumers.length, 0);
  return {
    schemaVersion: 1,
    tool: { name: 'job-owners', version: '1.0.0' },
    services,
    queues,
    jobs,
    findings,
    skipped: [],
    unreached: [],
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warn').length,
      suppressed: 0,
      sites: { queues: QUEUES.length, producers: producerSites, consumers: consumerSites, unresolved: 2 },
    },
  };
}
