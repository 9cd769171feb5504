import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');
let loaded: YamlModule | undefined;

/**
 * The `yaml` package, loaded on first use (~45 ms of start-up): a warm run answers from the
 * result cache before anything reads YAML, and a repository without a YAML config never needs
 * it there. In Node `yaml` is CommonJS, so `require` loads the module an `import` would.
 */
export function yaml(): YamlModule {
  return (loaded ??= createRequire(import.meta.url)('yaml') as YamlModule);
}
