import type { ChainStep, ConsumerKind, HandledNameEvidence, Library, ProducerKind, SourceLocation, UnhandledBehaviour } from '../model/result.js';

/**
 * A queue or job name as the analysis resolved it: a value (the default alternative, with the
 * others under other conditions), or the true cause it could not be resolved.
 */
export type Name =
  | { value: string; alternatives?: string[]; conditions?: string[] }
  | {
      unresolved: string;
      /** The expression at the site. */
      text: string;
      location: SourceLocation;
      /** Where knowledge stopped (may be in another file): one cause, one finding. */
      origin?: SourceLocation;
      /**
       * The cause is a module-level expression: it has one value per process, so every site whose
       * name comes from it names the same queue at runtime (`multiple-owners` still applies).
       */
      shared?: boolean;
    };

export function isResolved(name: Name): name is Extract<Name, { value: string }> {
  return 'value' in name;
}

/**
 * Where a site runs, as finished data for the model: the code whose execution executes it.
 * - `module`: a file's top-level code (runs in every process that imports the file);
 * - `function`: a function's body (runs where its callers run; `callers` is undefined when no
 *   call was found, and the model falls back to the file);
 * - `provider`: a member of a class Nest constructs (runs where that provider is live).
 */
export type ExecPoint =
  | { kind: 'module'; file: string }
  /** Code behind `if (require.main === module)`: it runs only in the process whose entry is `file`. */
  | { kind: 'main'; file: string }
  | { kind: 'function'; id: string; file: string; label: string; callers?: ExecPoint[] }
  | { kind: 'provider'; cls: ClassRef; file: string };

export interface ClassRef {
  file: string;
  name: string;
  /** `file:line:column` of the class: the identity the Nest graph uses too. */
  id: string;
}

interface SiteFact {
  library: Library;
  /** What is reported: the site, or the outermost call that fixed its names. */
  location: SourceLocation;
  queue: Name;
  /** undefined: the library default `bull` (or, for Nest-injected queues, the registration's). */
  prefix?: Name;
  runs: ExecPoint;
  /** `Class.method` or function around the site, for the report (`<module>` at top level). */
  symbol: string;
  /** Conditions under which the site exists (an env-gated provider, a conditional branch). */
  conditions?: string[];
}

export interface ConsumerFact extends SiteFact {
  type: 'consumer';
  kind: ConsumerKind;
  handles: string[] | '*';
  unhandled: UnhandledBehaviour;
  evidence: HandledNameEvidence[];
  /** Names in `case`/`if` labels that could not be evaluated. */
  unresolvedHandled: Name[];
  /** Stable id of the definition; two facts with one id are replicas, not competitors. */
  definition: string;
  /** Ids of the functions that run for each job (the processor and what it delegates to). */
  processorFunctions?: string[];
  label?: string;
  /** A Nest processor: live where the class is a provider of an app that registers queues. */
  nestClass?: ClassRef;
  /** A `registerQueue({ processors })` entry: runs in the apps whose graph holds this registration. */
  nestRegistration?: string;
}

export interface ProducerFact extends SiteFact {
  type: 'producer';
  kind: ProducerKind;
  job: Name;
  /** Injected by Nest: its prefix comes from the app's registration of the queue. */
  viaNest?: boolean;
}

export type Fact = ConsumerFact | ProducerFact;

/** A use of a queue library the analysis could not resolve, with its true cause. */
export interface UnresolvedSite {
  what: 'queue' | 'job' | 'prefix' | 'handled name' | 'module';
  location: SourceLocation;
  reason: string;
  text: string;
  origin?: SourceLocation;
}

// ── The Nest module graph, per bootstrap ────────────────────────────────────────────────────

export interface NestApp {
  /** `file:line:column` of the `NestFactory.create…` call. */
  id: string;
  location: SourceLocation;
  runs: ExecPoint;
  rootModule: string;
  /** Providers reachable from the root module: class id → conditions and the path to it. */
  providers: Map<string, { conditions: string[]; via: ChainLink[] }>;
  registrations: NestRegistrationFact[];
  /** Modules the walk could not evaluate (a provider list computed at runtime). */
  unresolved: UnresolvedSite[];
}

export interface NestRegistrationFact {
  /** `file:line:column` of the `registerQueue` call (the registration's identity). */
  id: string;
  library: Library;
  kind: 'queue' | 'flow' | 'root';
  queues: Name[];
  prefixes: Array<Name | undefined>;
  location: SourceLocation;
  conditions: string[];
  via: ChainLink[];
}

/** One step of the evidence for where a fact runs (see ChainStep in the JSON result). */
export type ChainLink = ChainStep;
