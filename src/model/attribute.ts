import type { ExecPoint, Fact, NestApp } from '../detectors/facts.js';
import type { Attribution } from './attribution.js';
import type { Reach } from './reach.js';
import type { ChainStep } from './result.js';

export interface DeadProcessor {
  label: string;
  queue: string | null;
  file: string;
  line: number;
  column: number;
}

/**
 * Which processes run each fact (SPEC §3), from finished facts only:
 * - a Nest processor runs in the apps whose module graph provides its class and registers a
 *   queue (`@nestjs/bull`: that queue), in the processes that bootstrap those apps;
 * - a `registerQueue({ processors })` entry runs in the apps whose graph holds that registration;
 * - other code runs where its execution point runs: a function where its callers run, a member
 *   of a Nest provider where the provider is live, module-level code in every process whose
 *   entry files reach the file through runtime imports.
 * A fact no process runs is attributed to none: a Nest processor is reported as unregistered,
 * another consumer as unreached.
 */
export class Attributor {
  readonly dead: DeadProcessor[] = [];
  readonly unreached: Fact[] = [];
  private readonly pointMemo = new Map<ExecPoint, Attribution[]>();
  private readonly appMemo = new Map<NestApp, Attribution[]>();

  constructor(
    private readonly reach: Reach,
    private readonly apps: readonly NestApp[],
  ) {}

  attribute(fact: Fact): Attribution[] {
    // "package": the code lives in the process's own files; "import": it runs there from elsewhere.
    const out = dedupe(this.compute(fact)).map((a) =>
      a.attribution === 'nest-module' ? a : { ...a, attribution: this.reach.owns(a.service, fact.location.file) ? ('package' as const) : ('import' as const) },
    );
    if (out.length === 0 && fact.type === 'consumer') {
      if (fact.kind === 'nest-processor') {
        this.dead.push({ label: fact.label ?? fact.nestClass?.name ?? 'processor', queue: 'value' in fact.queue ? fact.queue.value : null, ...fact.location });
      } else this.unreached.push(fact);
    }
    if (fact.conditions?.length) return out.map((a) => ({ ...a, conditions: [...new Set([...(a.conditions ?? []), ...fact.conditions!])] }));
    return out;
  }

  private compute(fact: Fact): Attribution[] {
    if (fact.type === 'consumer' && fact.nestRegistration) {
      return this.apps.filter((a) => a.registrations.some((r) => r.id === fact.nestRegistration)).flatMap((a) => {
        const reg = a.registrations.find((r) => r.id === fact.nestRegistration)!;
        return this.inApp(a, reg.via, reg.conditions);
      });
    }
    if (fact.type === 'consumer' && fact.nestClass) {
      // No bootstrap anywhere: liveness cannot be decided, the file's reach stands in.
      if (this.apps.length === 0) return this.of({ kind: 'module', file: fact.nestClass.file });
      const live = this.apps.filter((a) => a.providers.has(fact.nestClass!.id) && (fact.kind !== 'nest-processor' || registers(a, fact)));
      return live.flatMap((a) => {
        const provider = a.providers.get(fact.nestClass!.id)!;
        const registration = a.registrations.find((r) => r.kind !== 'root');
        const via = registration ? [...provider.via, registration.via[registration.via.length - 1]!] : provider.via;
        return this.inApp(a, via, provider.conditions);
      });
    }
    return this.of(fact.runs);
  }

  /** The processes that run an execution point. */
  of(point: ExecPoint, depth = 0): Attribution[] {
    const cached = this.pointMemo.get(point);
    if (cached) return cached;
    this.pointMemo.set(point, []); // a cycle of callers contributes nothing new
    let out: Attribution[];
    if (point.kind === 'main') {
      // Only a process started from this very file runs it (not one that imports it).
      out = this.reach.processesReaching(point.file).filter((r) => r.own && r.via.length === 0).map((r) => ({ service: r.process, attribution: 'package' as const }));
    } else if (point.kind === 'module' || depth > 12) {
      out = this.reach.processesReaching(point.file).map((r) => ({ service: r.process, attribution: r.own ? ('package' as const) : ('import' as const), ...(r.via.length ? { via: r.via } : {}) }));
    } else if (point.kind === 'function') {
      out = point.callers ? dedupe(point.callers.flatMap((c) => this.of(c, depth + 1))) : this.of({ kind: 'module', file: point.file }, depth + 1);
    } else {
      const live = this.apps.filter((a) => a.providers.has(point.cls.id));
      out = live.length > 0 ? dedupe(live.flatMap((a) => this.inApp(a, a.providers.get(point.cls.id)!.via, a.providers.get(point.cls.id)!.conditions))) : this.of({ kind: 'module', file: point.file }, depth + 1);
    }
    this.pointMemo.set(point, out);
    return out;
  }

  /** The processes running a Nest app, with the path inside the app appended. */
  private inApp(app: NestApp, via: ChainStep[], conditions: string[]): Attribution[] {
    let base = this.appMemo.get(app);
    if (!base) {
      base = this.of(app.runs);
      this.appMemo.set(app, base);
    }
    return base.map((b) => ({ service: b.service, attribution: 'nest-module' as const, ...(conditions.length ? { conditions } : {}), via: [...(b.via ?? []), ...via] }));
  }
}

/** `@nestjs/bullmq`: any registration starts the explorer; `@nestjs/bull`: that queue's. */
function registers(app: NestApp, fact: Extract<Fact, { type: 'consumer' }>): boolean {
  if (fact.library !== 'bull') return app.registrations.some((r) => r.kind === 'queue' || r.kind === 'flow');
  const name = 'value' in fact.queue ? fact.queue.value : undefined;
  return app.registrations.some((r) => r.kind === 'queue' && r.queues.some((q) => 'value' in q && q.value === name));
}

function dedupe(list: Attribution[]): Attribution[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.service) && seen.add(a.service)).sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}
