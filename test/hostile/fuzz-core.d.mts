// Types for fuzz-core.mjs, so TypeScript tests can import it under `strict`.

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng;
export const TOKENS: readonly string[];
export function mutateText(text: string, rng: Rng): { text: string; label: string };
export function listTree(dir: string): string[];
export function readTree(dir: string): Map<string, string>;
export function writeTree(files: Map<string, string>, prefix?: string): string;
export function mutateTree(
  files: Map<string, string>,
  rng: Rng,
  options?: { manifests?: boolean },
): { changed: Map<string, string>; labels: string[] };
export function applyMutation(dir: string, files: Map<string, string>, changed: Map<string, string>): () => void;
