import type { RuleId, SeveritySetting } from '../model/result.js';

/** A service declared in config: either globs of files, or a root folder with entry files. */
export type ServiceDeclaration = string[] | { root: string; entry?: string[] };

/** An in-house wrapper the inference cannot see (SPEC §6 `workers`). */
export interface WrapperDeclaration {
  /** Module specifier or repo-relative file that exports it. */
  module: string;
  /** Exported function or class name. */
  export: string;
  role: 'consumer' | 'producer';
  /** 0-based index of the argument that carries the queue name. */
  queueArg: number;
  /** consumer: index of the processor argument; producer: index of the job name argument. */
  processorArg?: number;
  nameArg?: number;
  library?: 'bullmq' | 'bull';
}

export interface IgnoreEntry {
  rule: RuleId;
  queue?: string;
  job?: string;
  reason: string;
}

/** The validated, defaulted configuration every pipeline stage reads. */
export interface ResolvedConfig {
  /** Absolute path of the config file, or null when none was used. */
  filepath: string | null;
  services: Record<string, ServiceDeclaration>;
  include: string[];
  exclude: string[];
  /** queue or `queue:job` → owning service. */
  owners: Record<string, string>;
  rules: Partial<Record<RuleId, SeveritySetting>>;
  ignore: IgnoreEntry[];
  workers: WrapperDeclaration[];
}

export const EMPTY_CONFIG: ResolvedConfig = {
  filepath: null,
  services: {},
  include: [],
  exclude: [],
  owners: {},
  rules: {},
  ignore: [],
  workers: [],
};
