/**
 * A Procfile (Heroku, Dokku, foreman, overmind): `<type>: <command>` per line. Every type is a
 * process except `release`, which Heroku runs once per deploy (migrations).
 */
export interface ProcfileEntry {
  type: string;
  command: string;
  line: number;
}

export interface ParsedProcfile {
  entries: ProcfileEntry[];
  /** One-off types (`release`), seen but not processes. */
  oneOff: ProcfileEntry[];
  warnings: { line: number; message: string }[];
}

const ONE_OFF = new Set(['release']);

export function parseProcfile(text: string): ParsedProcfile {
  const out: ParsedProcfile = { entries: [], oneOff: [], warnings: [] };
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/.exec(trimmed);
    if (!m) {
      out.warnings.push({ line, message: 'not a "<type>: <command>" line; it is ignored' });
      return;
    }
    const [, type, command] = m as unknown as [string, string, string];
    if (command.trim() === '') {
      out.warnings.push({ line, message: `process type "${type}" has no command` });
      return;
    }
    if (seen.has(type)) {
      out.warnings.push({ line, message: `process type "${type}" is declared twice; the first one is used` });
      return;
    }
    seen.add(type);
    (ONE_OFF.has(type) ? out.oneOff : out.entries).push({ type, command: command.trim(), line });
  });
  return out;
}
