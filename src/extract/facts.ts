import type {
  ConsumerKind,
  HandledNameEvidence,
  Library,
  ProducerKind,
  SourceLocation,
  UnhandledBehaviour,
} from '../model/result.js';
import type { ParamRef } from './evaluate.js';

/**
 * A statically evaluated queue or job name. `param` marks a value that depends on a parameter of
 * an in-house wrapper: it is resolved at each call site, never reported as unresolved by itself.
 */
export type Name =
  | { value: string }
  | {
      unresolved: string;
      text: string;
      location: SourceLocation;
      param?: ParamRef;
      /** The value is passed in by callers (a wrapper's parameter): one expression, many queues. */
      perCaller?: boolean;
      /** Where evaluation gave up (may be in another file than `location`): the name's identity. */
      origin?: SourceLocation;
      /** `origin` is a module-level expression: it has one value per process. */
      originTopLevel?: boolean;
    };

interface FactScope {
  /**
   * The function the fact's code sits in (undefined at module level): library code inside a
   * function runs in the services that call it, not in every service that imports the file.
   */
  enclosing?: import('ts-morph').ts.SignatureDeclaration;
}

export interface ConsumerFact extends FactScope {
  type: 'consumer';
  kind: ConsumerKind;
  library: Library;
  location: SourceLocation;
  queue: Name;
  /** undefined = the library default prefix 'bull'. */
  prefix?: Name;
  handles: string[] | '*';
  unhandled: UnhandledBehaviour;
  evidence: HandledNameEvidence[];
  /** Names in `case`/`if` labels that could not be evaluated. */
  unresolvedHandled: Name[];
  /** Stable id of the definition; two facts with one id are replicas, not competitors. */
  definition: string;
  label?: string;
  /** Set for Nest processors: liveness decides in which services they run. */
  nestClass?: { file: string; name: string };
  /** Set for `registerQueue({ processors })` entries: the apps whose module graph makes this call run them. */
  nestRegister?: SourceLocation;
  conditions?: string[];
  /**
   * Set for a `super(…)` call in a Worker subclass: the worker runs where the class is
   * instantiated, not where it is declared or imported.
   */
  constructedBy?: import('ts-morph').ts.ClassLikeDeclaration;
  /** The processor is a parameter of a wrapper: analysed at each call site. */
  processorParam?: { fn: ParamRef['fn']; index: number };
}

export interface ProducerFact extends FactScope {
  type: 'producer';
  kind: ProducerKind;
  library: Library;
  location: SourceLocation;
  queue: Name;
  prefix?: Name;
  job: Name;
  /** The queue object is injected by Nest: its prefix comes from the module registration. */
  viaNest?: boolean;
}

export type Fact = ConsumerFact | ProducerFact;

export function isResolved(name: Name): name is { value: string } {
  return 'value' in name;
}
