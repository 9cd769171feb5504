// Types for bench/generate.mjs, so TypeScript tests can import it under `strict`.

export interface GenerateOptions {
  /** Number of source files (`.ts` under apps/ and libs/) when padding is 1; at least 100. */
  files: number;
  seed?: number;
  servicesCount?: number;
  /** Share of `files` that touch queues (import bullmq / @nestjs/bullmq). */
  queueShare?: number;
  /** Multiplies the files that do not touch queues; the queue plan is unchanged. */
  padding?: number;
}

export interface ManifestQueue {
  queue: string;
  /** package.json name of the one consuming service. */
  owner: string;
  ownerRoot: string;
  consumer: { file: string; kind: 'worker' | 'nest-processor'; variant?: string };
  jobs: string[];
  producers: { service: string; file: string; jobs: string[] }[];
}

export interface Manifest {
  generator: { version: number; seed: number; files: number; padding: number; servicesCount: number; queueShare: number };
  totals: { sourceFiles: number; queueFiles: number; nonQueueFiles: number; sourceBytes: number; averageBytes: number };
  services: { name: string; root: string; framework: 'bullmq' | 'nestjs'; entry: string }[];
  libraries: string[];
  queues: ManifestQueue[];
  /** sha256 over every generated path and content. */
  digest: string;
}

export const GENERATOR_VERSION: number;
export const MARKER_FILE: string;
export function buildTree(options: GenerateOptions): { files: Map<string, string>; manifest: Manifest };
export function generate(options: GenerateOptions & { outDir: string; force?: boolean }): Manifest;
