/** Process discovery (issue 13): what deploys the code, as processes with entry files. */
export { discoverProcesses } from './discover.js';
export { applyConfiguredProcesses, type ConfiguredProcesses } from './config-override.js';
export { readRepoText } from './read-text.js';
export { discoverRepoProcesses } from './repo.js';
export type { DiscoveredProcesses, DiscoveryInput, DiscoveryWarning, FoundAt, Process, ProcessSource } from './types.js';
export { deploymentKind, isDeploymentFile } from './deployment-files.js';
