#!/usr/bin/env node
// Thin launcher: all logic lives in src/cli/main.ts so it can be tested without spawning.
// The compile cache goes in first, so the CommonJS modules the CLI loads are served from it.
import { enableCompileCache } from '../dist/cli/compile-cache.js';

enableCompileCache(process.argv.slice(2), process.env);
const { runFromProcess } = await import('../dist/cli/run-from-process.js');
await runFromProcess();
