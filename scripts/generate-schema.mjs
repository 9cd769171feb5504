#!/usr/bin/env node
// Regenerates schema.json from the zod schema. Plain .mjs on purpose: Node 20 cannot run
// .ts, so it reads the compiled schema from dist/ — run `npm run build` first:
//   npm run build && node scripts/generate-schema.mjs
// test/config/schema-sync.test.ts fails when schema.json is out of date.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const { renderJsonSchema } = await import('../dist/config/json-schema.js');
const target = fileURLToPath(new URL('../schema.json', import.meta.url));
await writeFile(target, renderJsonSchema());
process.stdout.write(`wrote ${target}\n`);
