export interface GenericWrapperManifest {
  sourceFiles: number;
  importers: number;
  queues: Array<{ name: string; job: string; owner: string; producer: string }>;
}
export function buildGenericWrapperTree(options?: { unrelated?: number; queues?: number }): {
  files: Map<string, string>;
  manifest: GenericWrapperManifest;
};
export const PARSED_VS_IMPORTERS: number;
export function writeTree(dir: string, files: Map<string, string>): void;
export function fileCounts(stderr: string): { listed: number; relevant: number; seeds: number; parsed: number } | undefined;
