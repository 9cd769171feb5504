export interface GenericWrapperManifest {
  sourceFiles: number;
  importers: number;
  queues: Array<{ name: string; job: string; owner: string; producer: string }>;
}
export function buildGenericWrapperTree(options?: { unrelated?: number; queues?: number }): {
  files: Map<string, string>;
  manifest: GenericWrapperManifest;
};
