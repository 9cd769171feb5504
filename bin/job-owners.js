#!/usr/bin/env node
// Thin launcher: all logic lives in src/cli/main.ts so it can be tested without spawning.
import { runFromProcess } from '../dist/cli/run-from-process.js';

await runFromProcess();
