/**
 * docs/rules/<rule>.md for every rule (issue 15): each page has the same sections, the list
 * page names every rule, SARIF's embedded copy is in sync, and `job-owners explain-rule`
 * prints the page (the pointer stylish gives).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/config/rule-ids.js';
import { DOCUMENTED_RULE_IDS, RULE_DOCS, UPCOMING_RULE_DOCS } from '../../src/reporters/rule-docs.js';
import { RULE_DOC_PAGES } from '../../src/reporters/rule-docs-pages.js';
// @ts-expect-error -- a plain .mjs script without types
import { generate } from '../../scripts/embed-rule-docs.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, 'docs/rules');
const pages = fs.readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.replace(/\.md$/, '')).sort();
const SECTIONS = ['## What it catches', '## Why it matters', '## Failing example', '## Passing example', '## How to fix it', '## Suppressing it'];

describe('rule documentation', () => {
  it('has a page for every rule, and only for known or upcoming rules', () => {
    for (const id of RULE_IDS) expect(pages, id).toContain(id);
    expect(pages).toEqual([...DOCUMENTED_RULE_IDS, ...Object.keys(UPCOMING_RULE_DOCS)].sort());
  });

  it.each(pages)('%s: title, default severity, every section, examples in code blocks', (id) => {
    const text = fs.readFileSync(path.join(DIR, `${id}.md`), 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    const doc = (RULE_DOCS as Record<string, { defaultSeverity: string }>)[id] ?? UPCOMING_RULE_DOCS[id]!;
    expect(text).toContain(`default severity: \`${doc.defaultSeverity}\``);
    let at = 0;
    for (const section of SECTIONS) {
      const i = text.indexOf(`\n${section}\n`);
      expect(i, `${id} lacks "${section}" (or has it out of order)`).toBeGreaterThan(at);
      at = i;
    }
    const failing = text.slice(text.indexOf('## Failing example'), text.indexOf('## Passing example'));
    expect(failing).toMatch(/```/);
    // Links stay inside the repository.
    for (const [, target] of text.matchAll(/\]\(([^)]+)\)/g)) expect(fs.existsSync(path.join(DIR, target!)), target).toBe(true);
  });

  it('the list page names every page with its default severity', () => {
    const index = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
    for (const id of pages) expect(index).toMatch(new RegExp(`\\| \\[${id}\\]\\(${id}\\.md\\) \\| \`(warn|error)\` \\|`));
  });

  it('SARIF embeds the pages as they are (npm run docs:embed)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'src/reporters/rule-docs-pages.ts'), 'utf8')).toBe(generate());
    expect(Object.keys(RULE_DOC_PAGES).sort()).toEqual(pages);
  });

  it('job-owners explain-rule <rule> prints the page; an unknown rule is a usage error with a suggestion', () => {
    const bin = path.join(ROOT, 'bin/job-owners.js');
    const run = spawnSync(process.execPath, [bin, 'explain-rule', 'no-consumer'], { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(fs.readFileSync(path.join(DIR, 'no-consumer.md'), 'utf8'));
    const typo = spawnSync(process.execPath, [bin, 'explain-rule', 'no-consumers'], { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('job-owners: Unknown rule "no-consumers". Did you mean "no-consumer"?\n');
  });
});
