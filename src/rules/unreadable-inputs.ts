import type { Finding, Severity, SeveritySetting, SkippedFile } from '../model/result.js';

/**
 * Default severity of `unreadable-input`: error. A file or folder the analysis could not read
 * may hold the consumer, producer or module registration that decides any verdict, so a run
 * with one cannot vouch for its answer: as a warning, a pre-commit hook or CI gate would pass
 * while unable to check (the silent false pass this tool exists to prevent). Where the input is
 * deliberately not code (a secrets folder), `exclude` it; the severity can be lowered per rule.
 */
export const UNREADABLE_INPUT_SEVERITY: Severity = 'error';

/**
 * Findings about something *missing* — no consumer, no handler, no producer, a processor no
 * module lists, an owner that consumes nothing — are only as good as the files read: the
 * missing piece may be in a file that was not. Findings about something present (two services
 * on one queue, a silent completion, mixed libraries) stay true whatever another file holds.
 */
const ABSENCE_RULES = new Set(['no-consumer', 'unhandled-job', 'orphan-handler', 'unregistered-processor']);

/** owner-mismatch is about absence when the owner consumes nothing ("…, but no service consumes it"). */
const isAbsenceFinding = (f: Finding): boolean => ABSENCE_RULES.has(f.rule) || (f.rule === 'owner-mismatch' && /, but no (queue|service|consumer)\b/.test(f.message));

/** A skip reason that means the bytes could not be read at all (permissions, I/O), file or folder. */
const isUnreadable = (s: SkippedFile): boolean => /^unreadable\b/.test(s.reason);

/** Manifests are reported by discovery itself; the notes below are about source files. */
const isManifest = (file: string): boolean => /(^|\/)(package\.json|project\.json|pnpm-workspace\.yaml)$/.test(file);

/**
 * What a run reports when some inputs were not analysed (pure: findings and skipped paths in,
 * findings out):
 * - every **unreadable** file or folder gets an `unreadable-input` finding, and every absence
 *   finding is withheld — its queue is named in that finding as not checkable — instead of
 *   reported as a possibly false error;
 * - files skipped for what they contain (a syntax error, binary, too large, not UTF-8) were read
 *   and are reported as skipped; absence findings keep a note naming them, as before.
 * With `unreadable-input` off, unreadable inputs are treated like the second kind.
 */
export function withUnreadableInputs(findings: Finding[], skipped: SkippedFile[], severity: SeveritySetting): Finding[] {
  const unreadable = severity === 'off' ? [] : skipped.filter(isUnreadable).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const unreadableFiles = new Set(unreadable.map((s) => s.file));
  const noted = skipped.filter((s) => !unreadableFiles.has(s.file) && !isManifest(s.file)).map((s) => s.file).sort();
  const kept = unreadable.length > 0 ? findings.filter((f) => !isAbsenceFinding(f)) : findings;
  const withheld = unreadable.length > 0 ? findings.filter(isAbsenceFinding) : [];
  const out = noted.length > 0 ? kept.map((f) => (isAbsenceFinding(f) ? { ...f, message: f.message + skippedNote(noted) } : f)) : kept;
  if (unreadable.length === 0) return out;
  const summary = withheldSummary(withheld);
  for (const input of unreadable) {
    const folder = input.reason.startsWith('unreadable directory');
    out.push({
      rule: 'unreadable-input',
      severity: severity as Severity,
      queue: null,
      job: null,
      services: [...new Set(withheld.flatMap((f) => f.services))].sort(),
      message:
        `${folder ? 'Folder' : 'File'} ${input.file} could not be read (${input.reason.replace(/^unreadable (directory )?/, '').replace(/^\((.*)\)$/, '$1')}), so whatever it holds is unknown. ` +
        `${summary} Make it readable (or list it in "exclude" if the services never run it) and run again.`,
      locations: [{ file: input.file, line: 1, column: 1 }],
    });
  }
  return out;
}

function withheldSummary(withheld: Finding[]): string {
  if (withheld.length === 0) return 'No finding depended on it, but a consumer or producer in it would be missed.';
  const queues = [...new Set(withheld.map((f) => f.queue ?? '<unresolved>'))].sort();
  const byRule = new Map<string, number>();
  for (const f of withheld) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const rules = [...byRule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, n]) => `${n} ${rule}`).join(', ');
  const shown = queues.slice(0, 10).map((q) => `"${q}"`).join(', ') + (queues.length > 10 ? ` and ${queues.length - 10} more` : '');
  return `${withheld.length} finding${withheld.length === 1 ? '' : 's'} its content could change ${withheld.length === 1 ? 'is' : 'are'} withheld (${rules}): ${queues.length === 1 ? 'queue' : 'queues'} ${shown} cannot be checked.`;
}

/** The note the analysis always added to absence findings when a file was skipped. */
function skippedNote(sources: string[]): string {
  const shown = sources.slice(0, 3).join(', ') + (sources.length > 3 ? ` and ${sources.length - 3} more` : '');
  return ` Note: ${sources.length === 1 ? 'a file' : `${sources.length} files`} could not be analysed (${shown}); if the missing piece is there, fix ${sources.length === 1 ? 'it' : 'them'} and run again.`;
}
