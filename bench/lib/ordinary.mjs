// Ordinary TypeScript that does not touch job queues: the 98 % of a real monorepo. It is full of
// look-alikes a careless linter would flag — Set#add, a dayjs-like `.add(1, 'day')`, an in-memory
// `RetryQueue` with `add`/`process`, classes with an `add` method, `switch` without a throwing
// default, `.on('completed')` listeners — none of which is BullMQ.

/** Fixed files of libs/util-01 (the in-house "kernel" every package uses). */
export const KERNEL_FILES = {
  'src/kernel/date-time.ts': `export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month';

const UNIT_MS: Record<Exclude<DurationUnit, 'month'>, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** A tiny immutable date wrapper with a dayjs-like API (\`add(1, 'day')\`). */
export class DateTime {
  private constructor(private readonly epochMs: number) {}

  static now(): DateTime {
    return new DateTime(Date.now());
  }

  static parse(iso: string): DateTime {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) {
      throw new RangeError(\`Invalid ISO date: \${iso}\`);
    }
    return new DateTime(ms);
  }

  add(amount: number, unit: DurationUnit): DateTime {
    if (unit === 'month') {
      const d = new Date(this.epochMs);
      d.setUTCMonth(d.getUTCMonth() + amount);
      return new DateTime(d.getTime());
    }
    return new DateTime(this.epochMs + amount * UNIT_MS[unit]);
  }

  subtract(amount: number, unit: DurationUnit): DateTime {
    return this.add(-amount, unit);
  }

  startOf(unit: 'hour' | 'day'): DateTime {
    const size = UNIT_MS[unit];
    return new DateTime(Math.floor(this.epochMs / size) * size);
  }

  isBefore(other: DateTime): boolean {
    return this.epochMs < other.epochMs;
  }

  diff(other: DateTime, unit: Exclude<DurationUnit, 'month'>): number {
    return Math.floor((this.epochMs - other.epochMs) / UNIT_MS[unit]);
  }

  toISOString(): string {
    return new Date(this.epochMs).toISOString();
  }
}
`,
  'src/kernel/retry-queue.ts': `export interface RetryQueueOptions {
  maxAttempts: number;
  backoffMs?: number;
}

interface Entry<T> {
  item: T;
  attempts: number;
  notBefore: number;
}

/** In-process retry buffer. Not a job queue: nothing leaves this process. */
export class RetryQueue<T> {
  private readonly entries: Entry<T>[] = [];
  private worker: ((item: T) => Promise<void>) | undefined;

  constructor(private readonly options: RetryQueueOptions) {}

  add(item: T, opts: { delayMs?: number } = {}): number {
    this.entries.push({ item, attempts: 0, notBefore: Date.now() + (opts.delayMs ?? 0) });
    return this.entries.length;
  }

  process(worker: (item: T) => Promise<void>): void {
    this.worker = worker;
  }

  async drain(): Promise<{ done: number; dropped: number }> {
    let done = 0;
    let dropped = 0;
    const worker = this.worker;
    if (!worker) return { done, dropped };
    while (this.entries.length > 0) {
      const entry = this.entries.shift();
      if (!entry) break;
      try {
        await worker(entry.item);
        done += 1;
      } catch {
        entry.attempts += 1;
        if (entry.attempts >= this.options.maxAttempts) dropped += 1;
        else this.entries.push({ ...entry, notBefore: Date.now() + (this.options.backoffMs ?? 100) });
      }
    }
    return { done, dropped };
  }

  get size(): number {
    return this.entries.length;
  }
}
`,
  'src/kernel/event-bus.ts': `export interface BusPayload {
  id: string;
  reason?: string;
}

type Listener = (payload: BusPayload) => void;

/** Synchronous in-process pub/sub used for cache invalidation between modules. */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  emit(event: string, payload: BusPayload): number {
    const set = this.listeners.get(event);
    if (!set) return 0;
    for (const listener of set) listener(payload);
    return set.size;
  }
}
`,
  'src/kernel/assert.ts': `export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(\`\${message}: \${String(value)}\`);
}

export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(\`Invariant failed: \${message}\`);
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
`,
};

export const KERNEL_EXPORTS = {
  DateTime: 'src/kernel/date-time.ts',
  RetryQueue: 'src/kernel/retry-queue.ts',
  EventBus: 'src/kernel/event-bus.ts',
  assertNever: 'src/kernel/assert.ts',
  chunk: 'src/kernel/assert.ts',
};

const quote = (s) => `'${s}'`;

/**
 * One ordinary source file of about `targetBytes`.
 * ctx: { P, c, U, statuses, tags, deps: [{ name, from }], kernel: (symbol) => specifier,
 *        injectable, rng }
 * Returns the file text.
 */
export function ordinaryFile(ctx, targetBytes) {
  const { P, c, U, statuses, rng } = ctx;
  const uses = new Set();
  const use = (sym) => (uses.add(sym), sym);
  const st = statuses;
  const parts = [];

  parts.push(`export type ${P}Status = ${st.map(quote).join(' | ')};

export interface ${P}Record {
  id: string;
  tenantId: string;
  status: ${P}Status;
  amountCents: number;
  tags: string[];
  createdAt: string;
  updatedAt?: string;
  metadata?: Record<string, string>;
}

export const ${U}_DEFAULTS = {
  pageSize: ${rng.pick([20, 25, 50, 100, 200])},
  maxRetries: ${rng.int(2, 6)},
  graceDays: ${rng.int(1, 30)},
  currency: ${quote(rng.pick(['EUR', 'USD', 'GBP', 'CHF']))},
} as const;

export function ${c}Score(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 0 ? ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2 : (sorted[mid] ?? 0);
  return Math.round(median * ${ctx.precision}) / ${ctx.precision};
}
`);

  const retryField = rng.chance(0.35);
  const injectable = ctx.injectable;
  parts.push(`${injectable ? '@Injectable()\n' : ''}export class ${P} {
${injectable ? `  private readonly logger = new Logger(${P}.name);\n` : ''}  private readonly seen = new Set<string>();
  private readonly byTenant = new Map<string, ${P}Record[]>();
${retryField ? `  private readonly queue = new ${use('RetryQueue')}<${P}Record>({ maxAttempts: ${U}_DEFAULTS.maxRetries });\n` : ''}
  add(record: ${P}Record): boolean {
    if (this.seen.has(record.id)) {
      return false;
    }
    this.seen.add(record.id);
    const list = this.byTenant.get(record.tenantId) ?? [];
    list.push(record);
    this.byTenant.set(record.tenantId, list);
${retryField ? `    if (record.status === ${quote(st[0])}) {\n      this.queue.add(record, { delayMs: ${rng.int(1, 9) * 50} });\n    }\n` : ''}${injectable ? `    this.logger.debug(\`added \${record.id} for tenant \${record.tenantId}\`);\n` : ''}    return true;
  }

  forTenant(tenantId: string): ${P}Record[] {
    return [...(this.byTenant.get(tenantId) ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  remove(id: string): boolean {
    if (!this.seen.delete(id)) return false;
    for (const [tenantId, list] of this.byTenant) {
      this.byTenant.set(tenantId, list.filter((r) => r.id !== id));
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
`);

  const blocks = [
    () => `export function group${P}ByStatus(records: readonly ${P}Record[]): Map<${P}Status, ${P}Record[]> {
  const groups = new Map<${P}Status, ${P}Record[]>();
  for (const record of records) {
    const bucket = groups.get(record.status) ?? [];
    bucket.push(record);
    groups.set(record.status, bucket);
  }
  return groups;
}
`,
    () => `export function ${c}DueWindow(record: ${P}Record, graceDays: number = ${U}_DEFAULTS.graceDays): { start: ${use('DateTime')}; end: DateTime } {
  const start = DateTime.parse(record.createdAt).startOf('day');
  const end = start.add(graceDays, 'day').add(${rng.int(1, 12)}, 'hour');
  return { start, end };
}

export function is${P}Overdue(record: ${P}Record, now: DateTime = DateTime.now()): boolean {
  return ${c}DueWindow(record).end.isBefore(now);
}
`,
    () => `export function schedule${P}Retries(records: readonly ${P}Record[]): ${use('RetryQueue')}<${P}Record> {
  const queue = new RetryQueue<${P}Record>({ maxAttempts: ${U}_DEFAULTS.maxRetries, backoffMs: ${rng.int(1, 20) * 50} });
  for (const record of records) {
    if (record.status === ${quote(st[st.length - 1])}) {
      queue.add(record, { delayMs: ${rng.int(1, 9) * 100} });
    }
  }
  queue.process(async (item) => {
    item.updatedAt = ${use('DateTime')}.now().toISOString();
  });
  return queue;
}
`,
    () => `export function describe${P}Status(status: ${P}Status): string {
  switch (status) {
${st.map((s) => `    case ${quote(s)}:\n      return ${quote(`${s[0].toUpperCase()}${s.slice(1).replace('-', ' ')} ${ctx.noun}`)};`).join('\n')}
    default:
      return ${use('assertNever')}(status);
  }
}
`,
    () => `export function summarize${P}(records: readonly ${P}Record[]): { count: number; totalCents: number; tenants: number } {
  const tenants = new Set<string>();
  const totalCents = records.reduce((sum, record) => {
    tenants.add(record.tenantId);
    return sum + record.amountCents;
  }, 0);
  return { count: records.length, totalCents, tenants: tenants.size };
}
`,
    () => `export async function process${P}Batch(
  records: readonly ${P}Record[],
  handler: (record: ${P}Record) => Promise<void>,
): Promise<{ ok: number; failed: string[] }> {
  const failed: string[] = [];
  let ok = 0;
  for (const page of ${use('chunk')}(records, ${U}_DEFAULTS.pageSize)) {
    const results = await Promise.allSettled(page.map((record) => handler(record)));
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') ok += 1;
      else failed.push(page[index]?.id ?? 'unknown');
    });
  }
  return { ok, failed };
}
`,
    () => `export function validate${P}(input: Partial<${P}Record>): string[] {
  const errors: string[] = [];
  if (!input.id) errors.push('id is required');
  if (!input.tenantId) errors.push('tenantId is required');
  if (input.amountCents !== undefined && input.amountCents < 0) errors.push('amountCents must not be negative');
  if (input.tags && input.tags.some((tag) => tag.trim() === '')) errors.push('tags must not be blank');
  if (input.status && ![${st.map(quote).join(', ')}].includes(input.status)) errors.push(\`unknown status \${input.status}\`);
  return errors;
}
`,
    () => `export function wire${P}Events(bus: ${use('EventBus')}, index: Map<string, ${P}Record>): () => void {
  const offCompleted = bus.on('completed', (payload) => {
    index.delete(payload.id);
  });
  const offFailed = bus.on('failed', (payload) => {
    const record = index.get(payload.id);
    if (record) {
      record.status = ${quote(st[0])};
      record.metadata = { ...record.metadata, failure: payload.reason ?? 'unknown' };
    }
  });
  return () => {
    offCompleted();
    offFailed();
  };
}
`,
    () => `export function tag${P}(records: readonly ${P}Record[], extra: readonly string[] = [${rng.sample(ctx.tags, 2).map(quote).join(', ')}]): ${P}Record[] {
  return records
    .filter((record) => record.amountCents > ${rng.int(0, 50) * 100})
    .map((record) => ({ ...record, tags: [...new Set([...record.tags, ...extra])].sort() }))
    .sort((a, b) => b.amountCents - a.amountCents || a.id.localeCompare(b.id));
}
`,
  ];
  const weightBlock = blocks.length;
  if (ctx.deps.length > 0) {
    blocks.push(() => `export function ${c}Weight(record: ${P}Record): number {
  const base = record.tags.length + record.amountCents / 100;
  return ${ctx.deps.map((d, i) => `${d.name}([base, ${i + 1}, record.tags.length])`).join(' + ')} + base;
}
`);
  }
  if (ctx.extraDateBlock) {
    blocks.push(() => `export function ${c}NeedsAttention(records: readonly ${P}Record[], cutoff: string): ${P}Record[] {
  const limit = ${use('DateTime')}.parse(cutoff).subtract(${rng.int(1, 14)}, 'day');
  return records.filter((record) => DateTime.parse(record.createdAt).isBefore(limit) && record.status !== ${quote(st[1] ?? st[0])});
}
`);
  }

  // Shuffle blocks deterministically, take as many as reach the size target.
  const order = blocks.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  // The block that uses the imported helpers always comes first, so no import is unused.
  if (ctx.deps.length > 0) order.unshift(order.splice(order.indexOf(weightBlock), 1)[0]);
  let size = parts.reduce((n, p) => n + p.length, 0) + 400;
  for (const i of order) {
    if (size >= targetBytes) break;
    const code = blocks[i]();
    parts.push(code);
    size += code.length + 1;
  }

  const header = [];
  if (injectable) header.push(`import { Injectable, Logger } from '@nestjs/common';`);
  const bySpecifier = new Map();
  const addImport = (spec, sym) => bySpecifier.set(spec, [...(bySpecifier.get(spec) ?? []), sym]);
  for (const sym of [...uses].sort()) addImport(ctx.kernel(sym), sym);
  for (const d of ctx.deps) addImport(d.from, d.name);
  const external = [...bySpecifier.keys()].filter((s) => !s.startsWith('.')).sort();
  const local = [...bySpecifier.keys()].filter((s) => s.startsWith('.')).sort();
  for (const spec of [...external, ...local]) header.push(`import { ${bySpecifier.get(spec).join(', ')} } from '${spec}';`);
  return `// ${ctx.doc}\n${header.join('\n')}${header.length ? '\n' : ''}\n${parts.join('\n')}`;
}

/** A NestJS feature module listing the injectable classes of one folder. */
export function nestAreaModule(moduleName, providers) {
  const imports = providers.map((p) => `import { ${p.name} } from '${p.from}';`).join('\n');
  const list = providers.map((p) => `    ${p.name},`).join('\n');
  return `import { Module } from '@nestjs/common';
${imports}

@Module({
  providers: [
${list}
  ],
  exports: [
${list}
  ],
})
export class ${moduleName} {}
`;
}
