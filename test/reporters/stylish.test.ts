import { describe, expect, it } from 'vitest';
import { stylish } from '../../src/reporters/stylish.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { ctx, stripAnsi } from './helpers.js';

describe('stylish reporter', () => {
  it('prints one success line for a clean repo', () => {
    expect(stylish(cleanResult(), ctx())).toBe(
      [
        "✔ No ownership problems (2 queues, 2 job types)",
        "",
      ].join('\n'),
    );
  });

  it('groups the audiobook incident under its queue with both consumer locations', () => {
    expect(stylish(audiobookResult(), ctx())).toBe(
      [
        "audio-processing",
        "  apps/api/src/audio/audio.processor.ts:5:1  error    Queue audio-processing is consumed by 2 services (api, workers); they race for every job (generate-audio, parse-epub). Keep all consumers of a queue in one service.  multiple-owners",
        "      apps/workers/src/main.ts:4:16",
        "  apps/api/src/audio/audio.processor.ts:9:7  warning  AudioProcessor returns early for job names it does not handle, so BullMQ marks them completed. Throw for unknown names.  silent-completion",
        "",
        "✖ 1 error, 1 warning in 1 queue",
        "",
      ].join('\n'),
    );
  });

  it('hides warnings when quiet but keeps the counts; prefixes paths with linkBase; prints the baseline note', () => {
    const context = ctx({
      quiet: true,
      linkBase: '../repo',
      baselineNote: '2 known findings suppressed (job-owners-baseline.json)',
    });
    expect(stylish(audiobookResult(), context)).toBe(
      [
        "audio-processing",
        "  ../repo/apps/api/src/audio/audio.processor.ts:5:1  error  Queue audio-processing is consumed by 2 services (api, workers); they race for every job (generate-audio, parse-epub). Keep all consumers of a queue in one service.  multiple-owners",
        "      ../repo/apps/workers/src/main.ts:4:16",
        "",
        "✖ 1 error, 1 warning in 1 queue",
        "2 known findings suppressed (job-owners-baseline.json)",
        "",
      ].join('\n'),
    );
  });

  it('keeps awkward names on one line, puts queue-less findings under general and lists skipped files', () => {
    expect(stylish(awkwardResult(), ctx())).toBe(
      [
        "a|b `c` #1",
        "  apps/api/src/legacy.ts:7:3  error  Job <b>&amp; is produced on queue a|b `c` #1 but no service consumes it; add a consumer or remove the producer.  no-consumer",
        "",
        "mail:out,100%",
        "  -  error  The config says mail:out,100%:send\\nnow belongs to billing, but @acme/workers consumes it.  owner-mismatch",
        "",
        "general",
        "  apps/api/src/notify (old).ts:20:15  warning  Queue name \"process.env.QUEUE\" cannot be resolved statically; use a constant.  unresolved-name",
        "",
        "1 file could not be analysed:",
        "  apps/api/src/broken file.ts  parse error: Unexpected token (3:1)",
        "",
        "✖ 2 errors, 1 warning in 2 queues",
        "",
      ].join('\n'),
    );
  });

  it('never lets a name inject terminal escape sequences', () => {
    const result = audiobookResult();
    result.findings[0]!.message = 'evil \u001b[2J name \u009b31m';
    const out = stylish(result, ctx());
    expect(out).not.toMatch(/[\u001b\u009b]/);
    expect(out).toContain('evil \\u001b[2J name \\u009b31m');
  });

  it('uses ANSI colour only when context.color is true, with the same text otherwise', () => {
    const plain = stylish(audiobookResult(), ctx({ color: false }));
    const coloured = stylish(audiobookResult(), ctx({ color: true }));
    expect(plain).not.toMatch(/\u001b\[/);
    expect(coloured).toMatch(/\u001b\[31m/); // red "error"
    expect(coloured).toMatch(/\u001b\[33m/); // yellow "warning"
    expect(stripAnsi(coloured)).toBe(plain);
    expect(stylish(cleanResult(), ctx({ color: true }))).toMatch(/\u001b\[32m/); // green check
  });

  it('uses singular and plural forms', () => {
    const result = awkwardResult();
    result.summary = { errors: 1, warnings: 2, suppressed: 0 };
    expect(stylish(result, ctx()).trimEnd().split('\n').at(-1)).toBe('✖ 1 error, 2 warnings in 2 queues');
    const clean = cleanResult();
    clean.queues = clean.queues.slice(0, 1);
    clean.jobs = clean.jobs.slice(0, 1);
    expect(stylish(clean, ctx())).toBe('✔ No ownership problems (1 queue, 1 job type)\n');
  });

  it('omits "in N queues" when no finding has a queue', () => {
    const result = awkwardResult();
    result.findings = result.findings.filter((f) => f.queue === null);
    result.summary = { errors: 0, warnings: 1, suppressed: 0 };
    result.skipped = [];
    expect(stylish(result, ctx()).trimEnd().split('\n').at(-1)).toBe('✖ 0 errors, 1 warning');
  });
});
