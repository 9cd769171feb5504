// Renders a markdown report as GitHub would show it, to look at: GFM → HTML with marked,
// Mermaid blocks drawn by Mermaid itself, then a full-page PNG from Debian's Chromium.
//   node scripts/render-report.mjs OWNERSHIP.md out/report   → out/report.html, out/report.png
// Dev tool only (marked, mermaid and playwright-core are devDependencies).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Marked } from 'marked';

const [input, out] = process.argv.slice(2);
if (!input || !out) throw new Error('usage: node scripts/render-report.mjs REPORT.md OUT_BASENAME');
const require = createRequire(import.meta.url);
const slug = (text) => text.toLowerCase().replace(/<[^>]+>/g, '').replace(/&[a-z]+;|&#\d+;/g, '').replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
const marked = new Marked({ gfm: true });
marked.use({
  renderer: {
    code({ text, lang }) {
      return lang === 'mermaid' ? `<pre class="mermaid">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>` : false;
    },
    heading({ tokens, depth }) {
      const html = this.parser.parseInline(tokens);
      return `<h${depth} id="${slug(html)}">${html}</h${depth}>\n`;
    },
  },
});
const body = marked.parse(fs.readFileSync(input, 'utf8'));
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1012px;margin:24px auto;color:#1f2328;padding:0 16px}
table{border-collapse:collapse;display:block;overflow:auto}th,td{border:1px solid #d1d9e0;padding:6px 13px}tr:nth-child(2n){background:#f6f8fa}
code{background:#eff1f3;border-radius:6px;padding:.2em .4em;font-size:85%}h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em}a{color:#0969da;text-decoration:none}
pre.mermaid{background:#fff;text-align:center}</style></head><body>${body}</body></html>`;
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(`${out}.html`, html);
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
await page.setContent(html);
await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
await page.evaluate(async () => { globalThis.mermaid.initialize({ startOnLoad: false }); await globalThis.mermaid.run(); });
await page.screenshot({ path: `${out}.png`, fullPage: true });
const height = await page.evaluate(() => document.body.scrollHeight);
console.log(`${out}.html, ${out}.png (${height}px tall)`);
await browser.close();
