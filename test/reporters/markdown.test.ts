import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/reporters/markdown.js';
import { mdCode, mdText } from '../../src/reporters/util/markdown-text.js';
import { lineLink } from '../../src/reporters/util/paths.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { ctx } from './helpers.js';

describe('markdown reporter', () => {
  it('renders the clean report', () => {
    expect(markdown(cleanResult(), ctx({ linkBase: '..' }))).toBe(
      [
        "# Job ownership report",
        "",
        "2 services · 2 queues · 2 job types · 0 errors · 0 warnings",
        "",
        "## `emails`",
        "",
        "- Owner: `workers`",
        "- Library: bullmq",
        "- Prefix: `bull`",
        "",
        "| Job | Producers | Consumers | Owner | Status |",
        "| --- | --- | --- | --- | --- |",
        "| `send-welcome` | api ([apps/api/src/users/users.service.ts:31](../apps/api/src/users/users.service.ts#L31)) | workers ([apps/workers/src/emails.worker.ts:8](../apps/workers/src/emails.worker.ts#L8)) | `workers` | ✅ ok |",
        "",
        "Consumers:",
        "",
        "- `workers`: worker `emailWorker` at [apps/workers/src/emails.worker.ts:8](../apps/workers/src/emails.worker.ts#L8), handles `send-welcome`; other job names fail",
        "",
        "## `reports`",
        "",
        "- Owner: `workers`",
        "- Library: bullmq",
        "- Prefix: `bull`",
        "",
        "| Job | Producers | Consumers | Owner | Status |",
        "| --- | --- | --- | --- | --- |",
        "| `nightly-digest` | workers ([apps/workers/src/schedule.ts:12](../apps/workers/src/schedule.ts#L12)) | workers ([apps/workers/src/reports.worker.ts:5](../apps/workers/src/reports.worker.ts#L5)) | `workers` | ✅ ok |",
        "",
        "Consumers:",
        "",
        "- `workers`: worker at [apps/workers/src/reports.worker.ts:5](../apps/workers/src/reports.worker.ts#L5), handles every job name",
        "",
        "## Findings",
        "",
        "No findings.",
        "",
        "## Flow",
        "",
        "```mermaid",
        "flowchart LR",
        "  s_api[\"api\"]",
        "  s_workers[\"workers\"]",
        "  q_emails[\"emails\"]",
        "  q_reports[\"reports\"]",
        "  s_api -->|\"send-welcome\"| q_emails",
        "  q_emails -->|\"send-welcome\"| s_workers",
        "  s_workers -->|\"nightly-digest\"| q_reports",
        "  q_reports -->|\"all jobs\"| s_workers",
        "```",
        "",
      ].join('\n'),
    );
  });

  it('renders the audiobook incident as a conflict', () => {
    expect(markdown(audiobookResult(), ctx({ linkBase: '..' }))).toBe(
      [
        "# Job ownership report",
        "",
        "2 services · 1 queue · 2 job types · 1 error · 1 warning",
        "",
        "## `audio-processing`",
        "",
        "- Owner: ❌ none: 2 services consume this queue (`api`, `workers`)",
        "- Library: bullmq",
        "- Prefix: `bull`",
        "",
        "| Job | Producers | Consumers | Owner | Status |",
        "| --- | --- | --- | --- | --- |",
        "| `generate-audio` | workers ([apps/workers/src/audio/pipeline.ts:17](../apps/workers/src/audio/pipeline.ts#L17)) | api ([apps/api/src/audio/audio.processor.ts:5](../apps/api/src/audio/audio.processor.ts#L5)): not handled, completed silently<br>workers ([apps/workers/src/main.ts:4](../apps/workers/src/main.ts#L4)) | — | ❌ conflict |",
        "| `parse-epub` | api ([apps/api/src/books/books.service.ts:42](../apps/api/src/books/books.service.ts#L42)) | api ([apps/api/src/audio/audio.processor.ts:5](../apps/api/src/audio/audio.processor.ts#L5))<br>workers ([apps/workers/src/main.ts:4](../apps/workers/src/main.ts#L4)) | — | ❌ conflict |",
        "",
        "Consumers:",
        "",
        "- `api`: nest-processor `AudioProcessor` at [apps/api/src/audio/audio.processor.ts:5](../apps/api/src/audio/audio.processor.ts#L5), handles `parse-epub`; other job names are completed silently",
        "- `workers`: worker at [apps/workers/src/main.ts:4](../apps/workers/src/main.ts#L4), handles `generate-audio`, `parse-epub`; other job names fail",
        "",
        "## Findings",
        "",
        "- ❌ `multiple-owners` `audio-processing`: Queue audio-processing is consumed by 2 services (api, workers); they race for every job (generate-audio, parse-epub). Keep all consumers of a queue in one service.",
        "  - [apps/api/src/audio/audio.processor.ts:5](../apps/api/src/audio/audio.processor.ts#L5)",
        "  - [apps/workers/src/main.ts:4](../apps/workers/src/main.ts#L4)",
        "- ⚠️ `silent-completion` `audio-processing`: AudioProcessor returns early for job names it does not handle, so BullMQ marks them completed. Throw for unknown names.",
        "  - [apps/api/src/audio/audio.processor.ts:9](../apps/api/src/audio/audio.processor.ts#L9)",
        "",
        "## Flow",
        "",
        "```mermaid",
        "flowchart LR",
        "  s_api[\"api\"]",
        "  s_workers[\"workers\"]",
        "  q_audio_002dprocessing[\"audio-processing\"]:::conflict",
        "  s_api -->|\"parse-epub\"| q_audio_002dprocessing",
        "  s_workers -->|\"generate-audio\"| q_audio_002dprocessing",
        "  q_audio_002dprocessing -->|\"parse-epub\"| s_api",
        "  q_audio_002dprocessing -->|\"generate-audio, parse-epub\"| s_workers",
        "  classDef conflict fill:#fdd,stroke:#c00,stroke-width:2px,color:#900",
        "```",
        "",
      ].join('\n'),
    );
  });

  it('escapes awkward names, encodes link targets and shows a finding without location', () => {
    expect(markdown(awkwardResult(), ctx({ linkBase: '..' }))).toBe(
      [
        "# Job ownership report",
        "",
        "2 services · 2 queues · 3 job types · 2 errors · 1 warning · 1 suppressed",
        "",
        "## ``a|b `c` #1``",
        "",
        "- Owner: ❌ none: no service consumes this queue",
        "- Library: bull",
        "- Prefix: `custom`",
        "",
        "| Job | Producers | Consumers | Owner | Status |",
        "| --- | --- | --- | --- | --- |",
        "| `<b>&amp;` | @acme/api ([apps/api/src/legacy.ts:7](../apps/api/src/legacy.ts#L7)) | — | — | ❌ no-consumer |",
        "",
        "## `mail:out,100%`",
        "",
        "- Owner: `@acme/workers`",
        "- Library: bullmq",
        "- Prefix: `bull`",
        "",
        "| Job | Producers | Consumers | Owner | Status |",
        "| --- | --- | --- | --- | --- |",
        "| `say \"hi\"` | @acme/api ([apps/api/src/notify (old).ts:14](../apps/api/src/notify%20%28old%29.ts#L14)) | @acme/workers ([apps/mail service/src/mail worker.ts:3](../apps/mail%20service/src/mail%20worker.ts#L3)) | `@acme/workers` | ✅ ok |",
        "| `send\\nnow` | @acme/api ([apps/api/src/notify (old).ts:12](../apps/api/src/notify%20%28old%29.ts#L12)) | @acme/workers ([apps/mail service/src/mail worker.ts:3](../apps/mail%20service/src/mail%20worker.ts#L3)) | `@acme/workers` | ✅ ok |",
        "",
        "Consumers:",
        "",
        "- `@acme/workers`: worker at [apps/mail service/src/mail worker.ts:3](../apps/mail%20service/src/mail%20worker.ts#L3), handles `say \"hi\"`, `send\\nnow`; what happens to other job names is unknown; only when MAIL\\_ENABLED is set",
        "",
        "## Findings",
        "",
        "- ❌ `no-consumer` ``a|b `c` #1`` › `<b>&amp;`: Job \\<b\\>\\&amp; is produced on queue a\\|b \\`c\\` #1 but no service consumes it; add a consumer or remove the producer.",
        "  - [apps/api/src/legacy.ts:7](../apps/api/src/legacy.ts#L7)",
        "- ❌ `owner-mismatch` `mail:out,100%` › `send\\nnow`: The config says mail:out,100%:send\\\\nnow belongs to billing, but @acme/workers consumes it.",
        "- ⚠️ `unresolved-name` Queue name \"process.env.QUEUE\" cannot be resolved statically; use a constant.",
        "  - [apps/api/src/notify (old).ts:20](../apps/api/src/notify%20%28old%29.ts#L20)",
        "",
        "## Skipped files",
        "",
        "- `apps/api/src/broken file.ts`: parse error: Unexpected token (3:1)",
        "",
        "## Flow",
        "",
        "```mermaid",
        "flowchart LR",
        "  s__0040acme_002fapi[\"@acme/api\"]",
        "  s__0040acme_002fworkers[\"@acme/workers\"]",
        "  q_a_007cb_0020_0060c_0060_0020_00231_Pcustom[\"a#124;b #96;c#96; #35;1 (prefix custom)\"]",
        "  q_mail_003aout_002c100_0025[\"mail:out,100%\"]",
        "  s__0040acme_002fapi -->|\"#lt;b#gt;#amp;amp;\"| q_a_007cb_0020_0060c_0060_0020_00231_Pcustom",
        "  s__0040acme_002fapi -->|\"say #quot;hi#quot;, send\\nnow\"| q_mail_003aout_002c100_0025",
        "  q_mail_003aout_002c100_0025 -->|\"say #quot;hi#quot;, send\\nnow\"| s__0040acme_002fworkers",
        "```",
        "",
      ].join('\n'),
    );
  });

  it('is deterministic and has no timestamp', () => {
    const a = markdown(audiobookResult(), ctx());
    expect(markdown(audiobookResult(), ctx())).toBe(a);
    expect(a).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('hides warnings in the findings list when quiet', () => {
    const out = markdown(audiobookResult(), ctx({ quiet: true }));
    expect(out).toContain('`multiple-owners`');
    expect(out).not.toContain('`silent-completion`');
    const onlyWarnings = audiobookResult();
    onlyWarnings.findings = onlyWarnings.findings.filter((f) => f.severity === 'warn');
    expect(markdown(onlyWarnings, ctx({ quiet: true }))).toContain('No errors; 1 warning not shown.');
  });

  it('says when a consumer belongs to a library no service reaches', () => {
    const result = audiobookResult();
    result.services.push({ name: 'shared', root: 'libs/shared', source: 'workspace', kind: 'library' });
    result.queues[0]!.consumers[0]!.service = 'shared';
    expect(markdown(result, ctx())).toContain('(library package: no service was found to run it)');
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
