/**
 * Mermaid's own code on every diagram the reports produce (issue 15):
 * - its parser (`mermaid.parse`) under happy-dom, always;
 * - its renderer in a real browser (Debian's Chromium, driven by playwright-core), where the
 *   rendered size is checked: the large repository's per-service diagrams must stay readable.
 *   `.ci/run` installs Chromium; elsewhere the render test is skipped when it is missing
 *   (under CI=true it fails instead, so CI can never pass without rendering).
 * Set JOB_OWNERS_RENDER_DIR to keep the rendered PNGs (and the reports as HTML) for a look.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobOwnersResult } from '../../src/model/result.js';
import { markdown } from '../../src/reporters/markdown.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { largeResult } from '../fixtures-results/large.js';
import { smallResult } from '../fixtures-results/small.js';
import { ctx } from './helpers.js';
import { extractAllMermaid } from './mermaid-check.js';

const require = createRequire(import.meta.url);
const REPO = path.resolve(import.meta.dirname, '../..');

const RESULTS: [string, () => JobOwnersResult][] = [
  ['clean', cleanResult],
  ['audiobook', audiobookResult],
  ['awkward', awkwardResult],
  ['small', smallResult],
  ['large', largeResult],
];

/** Every diagram: hand-built results, and the reports the CLI writes for the fixtures. */
function allDiagrams(): { name: string; source: string }[] {
  const out: { name: string; source: string }[] = [];
  for (const [name, build] of RESULTS) {
    extractAllMermaid(markdown(build(), ctx())).forEach((source, i) => out.push({ name: `${name}-${i + 1}`, source }));
  }
  const expected = path.join(REPO, 'test/cli-output/expected');
  for (const file of fs.readdirSync(expected).filter((f) => f.endsWith('.report.md')).sort()) {
    extractAllMermaid(fs.readFileSync(path.join(expected, file), 'utf8')).forEach((source, i) => out.push({ name: `${file.replace('.report.md', '')}-${i + 1}`, source }));
  }
  return out;
}

describe("Mermaid's parser accepts every diagram", () => {
  let mermaid: { parse: (text: string) => Promise<unknown>; initialize: (config: object) => void };
  beforeAll(async () => {
    const window = new Window();
    Object.assign(globalThis, { window, document: window.document, DOMParser: window.DOMParser, Element: window.Element, HTMLElement: window.HTMLElement, SVGElement: window.SVGElement });
    mermaid = (await import('mermaid')).default as unknown as typeof mermaid;
    mermaid.initialize({ startOnLoad: false });
  });

  it('rejects a broken diagram (the check can fail)', async () => {
    await expect(mermaid.parse('flowchart LR\n  a["x]')).rejects.toThrow();
  });

  it.each(allDiagrams().map((d) => [d.name, d.source]))('%s', async (_name, source) => {
    await expect(mermaid.parse(source)).resolves.toBeTruthy();
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it (apt-get install chromium)`);

/**
 * Largest rendered size we accept for one diagram, in CSS pixels (issue 15 saw a 1480×3790
 * hairball). A service that produces into 18 queues is a tall, clean column (about 920×2380):
 * one row per queue, no crossing edges; that is the worst case the large fixture has.
 */
const MAX_WIDTH = 1600;
const MAX_HEIGHT = 2600;

describe.skipIf(!haveChromium)('Mermaid renders every diagram in Chromium, at a readable size', () => {
  // playwright-core is a devDependency; typed loosely so the typecheck does not need its types here.
  let browser: { newPage: () => Promise<Page>; close: () => Promise<void> };
  interface Page {
    setContent: (html: string) => Promise<void>;
    addScriptTag: (options: { path: string }) => Promise<unknown>;
    evaluate: <T>(fn: (arg: string) => Promise<T>, arg: string) => Promise<T>;
    setViewportSize: (size: { width: number; height: number }) => Promise<void>;
    screenshot: (options: { path: string; fullPage: boolean }) => Promise<unknown>;
  }
  let page: Page;
  const renderDir = process.env.JOB_OWNERS_RENDER_DIR;

  beforeAll(async () => {
    const { chromium } = (await import('playwright-core')) as unknown as { chromium: { launch: (o: object) => Promise<typeof browser> } };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="out"></div></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    if (renderDir) fs.mkdirSync(renderDir, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const diagrams = allDiagrams();

  it.each(diagrams.map((d) => [d.name, d.source]))('%s', async (name, source) => {
    const size = await page.evaluate(async (text) => {
      const m = (globalThis as unknown as { mermaid: { initialize: (c: object) => void; render: (id: string, t: string) => Promise<{ svg: string }> } }).mermaid;
      m.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
      const { svg } = await m.render(`d${Math.random().toString(36).slice(2)}`, text);
      const out = document.getElementById('out')!;
      out.innerHTML = svg;
      const element = out.querySelector('svg')!;
      const box = element.getBoundingClientRect();
      const viewBox = element.getAttribute('viewBox')!.split(/\s+/).map(Number);
      return { width: Math.ceil(viewBox[2]!), height: Math.ceil(viewBox[3]!), shownWidth: Math.ceil(box.width), nodes: element.querySelectorAll('.node').length };
    }, source);
    expect(size.nodes).toBeGreaterThan(0);
    expect(size.width, `${name} is ${size.width}×${size.height}`).toBeLessThanOrEqual(MAX_WIDTH);
    expect(size.height, `${name} is ${size.width}×${size.height}`).toBeLessThanOrEqual(MAX_HEIGHT);
    if (renderDir) {
      await page.setViewportSize({ width: Math.max(200, Math.min(size.width, MAX_WIDTH) + 20), height: Math.max(100, size.height + 20) });
      await page.screenshot({ path: path.join(renderDir, `${name}.png`), fullPage: true });
      fs.appendFileSync(path.join(renderDir, 'sizes.txt'), `${name} ${size.width}x${size.height}\n`);
    }
  });
});
