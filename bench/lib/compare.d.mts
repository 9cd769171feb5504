import type { Manifest } from '../generate.mjs';

export function compareWithManifest(result: unknown, manifest: Manifest): string[];
export function ownersOf(queues: readonly { queue: string; owner: string | null }[]): Record<string, string | null>;
