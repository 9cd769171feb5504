import { describe, expect, it } from 'vitest';
import type { Finding, JobOwnersResult } from '../../src/model/result.js';
import { escapeData, escapeProperty, github, stepSummary, STEP_SUMMARY_MAX_BYTES } from '../../src/reporters/github.js';
import { markdown } from '../../src/reporters/markdown.js';
import { audiobookResult } from '../fixtures-results/audiobook.js';
import { awkwardResult } from '../fixtures-results/awkward.js';
import { cleanResult } from '../fixtures-results/clean.js';
import { smallResult } from '../fixtures-results/small.js';
import { ctx } from './helpers.js';

function finding(severity: Finding['severity'], n: number): Finding {
  return {
    rule: severity === 'error' ? 'no-consumer' : 'orphan-handler',
    severity,
    queue: 'q',
    job: `job-${String(n).padStart(2, '0')}`,
    services: ['api'],
    message: `${severity} ${n}`,
    locations: [{ file: 'src/a.ts', line: n, column: 1 }],
  };
}

function manyFindings(errors: number, warnings: number): JobOwnersResult {
  const result = cleanResult();
  result.findings = [
    ...Array.from({ length: errors }, (_, i) => finding('error', i + 1)),
    ...Array.from({ length: warnings }, (_, i) => finding('warn', i + 1)),
  ];
  result.summary = { errors, warnings, suppressed: 0 };
  return result;
}

describe('github reporter', () => {
  it('prints nothing for a clean repo', () => {
    expect(github(cleanResult(), ctx())).toBe('');
  });

  it('annotates: summary, advice, the other locations and the rule docs, one per line', () => {
    expect(github(smallResult(), ctx())).toBe(
      [
        '::error file=apps/api/src/audio/audio.processor.ts,line=5,col=1,title=job-owners(multiple-owners)::Queue "audio-processing" is consumed by 2 services: api, workers%0ABullMQ never routes by job name, so these services race for every job on it ("generate-audio", "parse-epub"). Let one service own "audio-processing" and remove the other consumers.%0AAlso at: apps/workers/src/main.ts:4:16%0ARule docs: https://github.com/job-owners/job-owners/blob/main/docs/rules/multiple-owners.md',
        '::warning file=apps/api/src/audio/audio.processor.ts,line=9,col=7,title=job-owners(silent-completion)::This consumer of "audio-processing" (AudioProcessor) completes jobs it does not handle%0AIt handles only "parse-epub" and returns for any other job name, which marks those jobs completed without doing the work.%0ARule docs: https://github.com/job-owners/job-owners/blob/main/docs/rules/silent-completion.md',
        '::warning file=apps/api/src/tenants.ts,line=9,col=5,title=job-owners(unresolved-name)::The queue name of this producer cannot be resolved statically: `tenantQueue(id)`%0AIt comes from a parameter, so job-owners cannot check its ownership. Use a string constant.%0ARule docs: https://github.com/job-owners/job-owners/blob/main/docs/rules/unresolved-name.md',
        '',
      ].join('\n'),
    );
  });

  it('escapes data and properties, and annotates findings without location without file', () => {
    expect(github(awkwardResult(), ctx())).toBe(
      [
        "::error file=apps/api/src/legacy.ts,line=7,col=3,title=job-owners(no-consumer)::Job <b>&amp; is produced on queue a|b `c` #1 but no service consumes it; add a consumer or remove the producer.%0ARule docs: https://github.com/job-owners/job-owners/blob/main/docs/rules/no-consumer.md",
        "::error title=job-owners(owner-mismatch)::The config says mail:out,100%25:send%0Anow belongs to billing, but @acme/workers consumes it.%0ARule docs: https://github.com/job-owners/job-owners/blob/main/docs/rules/owner-mismatch.md",
        "::warning file=apps/api/src/notify (old).ts,line=20,col=15,title=job-owners(unresolved-name)::Queue name \"process.env.QUEUE\" cannot be resolved statically; use a constant.%0ARule docs: https://github.com/job-owners/job-owners/blob/main/docs/rules/unresolved-name.md",
        "",
      ].join('\n'),
    );
  });

  it('escapes workflow-command data and properties', () => {
    expect(escapeData('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab:c,d');
    expect(escapeProperty('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab%3Ac%2Cd');
    // `%` first, or the escapes themselves would be escaped again
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('escapes a file path with `:` and `,` in the file property', () => {
    const result = audiobookResult();
    result.findings[1]!.locations[0]!.file = 'src/a:b,c%.ts';
    expect(github(result, ctx()).split('\n')[1]).toBe(
      '::warning file=src/a%3Ab%2Cc%25.ts,line=9,col=7,title=job-owners(silent-completion)::AudioProcessor returns early for job names it does not handle, so BullMQ marks them completed. Throw for unknown names.%0ARule docs: https://github.com/job-owners/job-owners/blob/main/docs/rules/silent-completion.md',
    );
  });

  it('puts errors first, caps each severity at 10 and adds one notice', () => {
    const lines = github(manyFindings(13, 12), ctx()).trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines.slice(0, 10).every((l) => l.startsWith('::error '))).toBe(true);
    expect(lines.slice(10, 20).every((l) => l.startsWith('::warning '))).toBe(true);
    expect(lines[9]).toContain('::error 10');
    expect(lines[20]).toBe(
      '::notice::5 more findings not shown as annotations; see the job summary or run job-owners locally',
    );
  });

  it('uses the singular in the notice and omits it when nothing is dropped', () => {
    expect(github(manyFindings(11, 0), ctx()).trimEnd().split('\n').at(-1)).toBe(
      '::notice::1 more finding not shown as annotations; see the job summary or run job-owners locally',
    );
    expect(github(manyFindings(10, 10), ctx())).not.toContain('::notice::');
  });

  it('sorts errors before warnings even if the input interleaves them', () => {
    const result = manyFindings(0, 0);
    result.findings = [finding('warn', 1), finding('error', 2)];
    const lines = github(result, ctx()).trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::warning']);
  });

  it('drops warnings when quiet, without a notice', () => {
    expect(github(manyFindings(1, 30), ctx({ quiet: true })).trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('stepSummary', () => {
  it('returns the markdown report unchanged when it fits', () => {
    expect(stepSummary(audiobookResult(), ctx())).toBe(markdown(audiobookResult(), ctx()));
  });

  it('truncates to 1 MiB of UTF-8 on a line boundary, closes the open fence and adds a note', () => {
    const result = audiobookResult();
    // Multi-byte names (é is 2 bytes, 🎧 is 4) so a byte cut could split a character.
    const queue = result.queues[0]!;
    for (let i = 0; i < 6000; i++) {
      const job = `écoute-🎧-${String(i).padStart(5, '0')}-${'x'.repeat(60)}`;
      queue.producers.push({ ...queue.producers[0]!, job });
      result.jobs.push({ ...result.jobs[0]!, name: job });
    }
    const full = markdown(result, ctx());
    expect(Buffer.byteLength(full)).toBeGreaterThan(STEP_SUMMARY_MAX_BYTES);
    const summary = stepSummary(result, ctx());
    const bytes = Buffer.byteLength(summary);
    expect(bytes).toBeLessThanOrEqual(STEP_SUMMARY_MAX_BYTES);
    expect(bytes).toBeGreaterThan(STEP_SUMMARY_MAX_BYTES - 4096);
    expect(summary).not.toContain('\uFFFD');
    expect(summary.endsWith(
      '\n> **Note:** this report was truncated to fit the 1 MiB job summary limit. Run `job-owners report` locally for the full report.\n',
    )).toBe(true);
    const head = summary.slice(0, summary.indexOf('\n> **Note:**'));
    expect(head.endsWith('\n')).toBe(true);
    expect(full.startsWith(head)).toBe(true);
  });

  it('closes the Mermaid fence when the cut falls inside the flowchart', () => {
    const result = audiobookResult();
    const queue = result.queues[0]!;
    // Thousands of producing services: a long overview row, then two flowchart lines each
    // (the flowchart follows the overview, so with 9,000 of them the 1 MiB cut falls inside it).
    for (let i = 0; i < 9000; i++) {
      queue.producers.push({ ...queue.producers[0]!, service: `service-${String(i).padStart(5, '0')}` });
    }
    const full = markdown(result, ctx());
    const mermaidStart = Buffer.byteLength(full.slice(0, full.indexOf('```mermaid')));
    expect(mermaidStart).toBeLessThan(STEP_SUMMARY_MAX_BYTES);
    expect(Buffer.byteLength(full)).toBeGreaterThan(STEP_SUMMARY_MAX_BYTES);
    const summary = stepSummary(result, ctx());
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(STEP_SUMMARY_MAX_BYTES);
    expect(summary).toContain('```mermaid\nflowchart LR\n');
    expect(summary).toMatch(/\n```\n\n> \*\*Note:\*\*/);
    const fences = summary.split('\n').filter((l) => l.startsWith('```')).length;
    expect(fences).toBe(2);
  });
});
