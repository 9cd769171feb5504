import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/reporters/markdown.js';
import { mdCode, mdText } from '../../src/reporters/util/markdown-text.js';
import { lineLink } from '../../src/reporters/util/paths.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { largeResult } from '../fixtures-results/large.js';
import { smallResult } from '../fixtures-results/small.js';
import { ctx } from './helpers.js';

/**
 * Byte-exact reports (test/reporters/expected/*.report.md; `vitest -u` rewrites them, and the
 * diff is the review). Links start from a report one folder below the analysed root.
 */
describe('markdown reporter: byte-exact reports', () => {
  it.each([
    ['clean', cleanResult],
    ['audiobook', audiobookResult],
    ['awkward', awkwardResult],
    ['small', smallResult],
    ['large', largeResult],
  ])('%s', async (name, build) => {
    await expect(markdown(build(), ctx({ linkBase: '..' }))).toMatchFileSnapshot(`./expected/${name}.report.md`);
  });
});

describe('markdown reporter', () => {
  it('never shows a line number: sites are files and symbols', () => {
    for (const build of [smallResult, largeResult, awkwardResult]) {
      const out = markdown(build(), ctx());
      expect(out).not.toMatch(/#L\d/);
      expect(out).not.toMatch(/\.ts:\d/);
    }
    expect(markdown(smallResult(), ctx())).toContain('[main.ts](apps/workers/src/main.ts) `top level`');
    expect(markdown(smallResult(), ctx())).toContain('[books.service.ts](apps/api/src/books/books.service.ts) `BooksService.upload`');
  });

  it('the same result with other line numbers gives the same bytes', () => {
    const moved = smallResult();
    for (const q of moved.queues) for (const site of [...q.consumers, ...q.producers]) site.line += 7;
    for (const q of moved.queues) for (const c of q.consumers) for (const e of c.evidence) e.line += 7;
    for (const f of moved.findings) for (const loc of f.locations) loc.line += 7;
    // Findings are matched to their sites by position, so move those consistently too.
    expect(markdown(moved, ctx())).toBe(markdown(smallResult(), ctx()));
  });

  it('lists queues problems first in the overview, every queue linked to its section', () => {
    const out = markdown(largeResult(), ctx());
    const overview = out.slice(out.indexOf('## Overview'), out.indexOf('## Flow'));
    const rows = overview.split('\n').filter((l) => l.startsWith('| [`'));
    expect(rows).toHaveLength(30);
    const statuses = rows.map((r) => (r.includes('❌') ? 0 : r.includes('⚠️') ? 1 : 2));
    expect(statuses).toEqual([...statuses].sort());
    expect(rows[0]).toMatch(/^\| \[`audio-processing`\]\(#queue-audio-processing\)/);
    for (const [, anchor] of overview.matchAll(/\(#(queue-[^)]+)\)/g)) expect(out).toContain(`### Queue \`${anchor!.slice('queue-'.length)}\``);
  });

  it('puts the unresolved sites in their own section, last', () => {
    const out = markdown(largeResult(), ctx());
    const headings = out.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Overview', '## Flow', '## Services', '## Queues', '## Unresolved sites']);
    expect(out).not.toContain('<unresolved>');
  });

  it('draws one diagram per service above 25 queues, and one for the repository below', () => {
    const large = markdown(largeResult(), ctx());
    expect(large.match(/```mermaid/g)).toHaveLength(8);
    expect(large).toContain('30 queues are too many for one readable diagram');
    expect(markdown(smallResult(), ctx()).match(/```mermaid/g)).toHaveLength(1);
  });

  it('shows the site counts, the alternatives and the processes when the analysis gives them', () => {
    const out = markdown(smallResult(), ctx());
    expect(out).toContain('\n1 queue, 2 producer and 2 consumer sites resolved, 1 unresolved\n');
    expect(out).toContain('- Also named `{audio-processing}` under other conditions (the same queue)');
    expect(out).toContain('- Process: entry [apps/workers/src/main.ts](apps/workers/src/main.ts), started by [Procfile](Procfile), [docker-compose.yml](docker-compose.yml)');
  });

  it('is deterministic and has no timestamp', () => {
    const a = markdown(audiobookResult(), ctx());
    expect(markdown(audiobookResult(), ctx())).toBe(a);
    expect(a).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('hides warnings in the findings lists when quiet, and says how many', () => {
    const out = markdown(audiobookResult(), ctx({ quiet: true }));
    expect(out).toContain('(`multiple-owners`)');
    expect(out).not.toContain('(`silent-completion`)');
    expect(out).toContain('_1 warning not shown (--quiet)._');
  });

  it('one wording for a clean repository', () => {
    expect(markdown(cleanResult(), ctx())).toContain('\nNo problems found.\n');
  });

  it('says when a consumer belongs to a library no service reaches', () => {
    const result = audiobookResult();
    result.services.push({ name: 'shared', root: 'libs/shared', source: 'workspace', kind: 'library' });
    result.queues[0]!.consumers[0]!.service = 'shared';
    expect(markdown(result, ctx())).toContain('(library package: no deployed process was found to run it)');
  });
});

describe('markdown escaping', () => {
  it('escapes inline markdown in text', () => {
    expect(mdText('a|b *c* _d_ [e](f) <g> `h` ~i~ & \\')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> \\`h\\` \\~i\\~ \\& \\\\',
    );
    expect(mdText('two\nlines')).toBe('two\\\\nlines');
  });

  it('fences code spans longer than any backtick run inside', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a``b')).toBe('```a``b```');
    expect(mdCode(' padded ')).toBe('`  padded  `');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
    expect(mdCode('a|b')).toBe('`a|b`');
    expect(mdCode('x\ny')).toBe('`x\\ny`');
  });

  it('percent-encodes link targets per segment and keeps URL bases intact', () => {
    const loc = { file: 'apps/my app/src/a (1)#%.ts', line: 7, column: 1 };
    expect(lineLink('', loc)).toBe('apps/my%20app/src/a%20%281%29%23%25.ts#L7');
    expect(lineLink('../docs dir', loc)).toBe('../docs%20dir/apps/my%20app/src/a%20%281%29%23%25.ts#L7');
    expect(lineLink('https://github.com/o/r/blob/abc', loc)).toBe(
      'https://github.com/o/r/blob/abc/apps/my%20app/src/a%20%281%29%23%25.ts#L7',
    );
  });
});
