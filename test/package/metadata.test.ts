/**
 * Issue 15: package metadata is filled in and agrees with the URLs the reporters print, and the
 * README links nothing outside the repository (every relative link resolves, no absolute ones).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL, ruleDocUrl } from '../../src/reporters/rule-docs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package metadata', () => {
  it('has repository, homepage and bugs, matching the URLs in SARIF and annotations', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY_URL}.git` });
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY_URL}/issues` });
    expect(ruleDocUrl('no-consumer')).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/no-consumer.md`);
  });

  it('ships the files the README and the CLI refer to', () => {
    for (const file of ['.jobownershiprc.example.json', 'result.schema.json', 'schema.json', 'action.yml', 'docs/rules']) expect(pkg.files).toContain(file);
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

  it('links only inside the repository, and every link resolves', () => {
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) {
      expect(link, 'no absolute links').not.toMatch(/^[a-z]+:/i);
      expect(fs.existsSync(path.join(ROOT, link.split('#')[0]!)), link).toBe(true);
    }
  });

  it('names no file the package does not ship or the repository does not have', () => {
    for (const name of ['SPEC.md', 'shared/research']) expect(readme).not.toContain(name);
  });
});
