/** SPEC §6, in priority order inside one directory (rc files first, then *.config.*, then package.json). */
export const SEARCH_PLACES = [
  '.jobownershiprc',
  '.jobownershiprc.json',
  '.jobownershiprc.yaml',
  '.jobownershiprc.yml',
  '.jobownershiprc.js',
  '.jobownershiprc.cjs',
  '.jobownershiprc.mjs',
  '.jobownershiprc.ts',
  'job-owners.config.js',
  'job-owners.config.cjs',
  'job-owners.config.mjs',
  'job-owners.config.ts',
  'package.json',
] as const;

/** The `package.json` key that may hold the config. */
export const PACKAGE_PROP = 'jobOwners';

/** Extensions whose config is code: exporting nothing is a mistake, not an empty config. */
export const CODE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts'];
