/**
 * A supervisord config (INI): every `[program:x]` with a `command=` is a process, run in its
 * `directory=`. `autostart=false` programs are started by hand, not deployed. `%(here)s` is the
 * config file's folder and `%(program_name)s` the program's name; other `%(ENV_X)s` stay.
 */
export interface SupervisorProgram {
  name: string;
  command: string;
  directory?: string;
  /** The `command=` line. */
  line: number;
  autostart: boolean;
}

export interface ParsedSupervisord {
  programs: SupervisorProgram[];
  warnings: { line: number; message: string }[];
}

export function parseSupervisord(text: string, here: string): ParsedSupervisord {
  const warnings: ParsedSupervisord['warnings'] = [];
  const sections: { name: string; line: number; keys: Map<string, { value: string; line: number }> }[] = [];
  let current: (typeof sections)[number] | undefined;
  let lastKey: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*([;#].*)?$/.test(raw)) return;
    // A continuation line: indented, after a key.
    if (/^\s/.test(raw) && current && lastKey) {
      const entry = current.keys.get(lastKey)!;
      entry.value += ` ${stripComment(raw.trim())}`;
      return;
    }
    const section = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (section) {
      current = { name: section[1]!.trim(), line, keys: new Map() };
      sections.push(current);
      lastKey = undefined;
      return;
    }
    const kv = /^\s*([\w.-]+)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv && current) {
      lastKey = kv[1]!.toLowerCase();
      current.keys.set(lastKey, { value: stripComment(kv[2]!.trim()), line });
      return;
    }
    warnings.push({ line, message: current ? 'not a "key = value" line; it is ignored' : 'a setting before any [section]; it is ignored' });
  });
  const programs: SupervisorProgram[] = [];
  for (const s of sections) {
    const m = /^(?:program|fcgi-program):(.+)$/.exec(s.name);
    if (!m) continue;
    const name = m[1]!.trim();
    const command = s.keys.get('command');
    if (!command || command.value === '') {
      warnings.push({ line: s.line, message: `[${s.name}] has no command` });
      continue;
    }
    const expand = (v: string): string => v.replace(/%\(here\)s/g, here).replace(/%\(program_name\)s/g, name);
    const directory = s.keys.get('directory')?.value;
    programs.push({
      name,
      command: expand(command.value),
      ...(directory ? { directory: expand(directory) } : {}),
      line: command.line,
      autostart: !/^(false|no|off|0)$/i.test(s.keys.get('autostart')?.value ?? 'true'),
    });
  }
  return { programs, warnings };
}

/** supervisord strips ` ;comment` (a semicolon after whitespace). */
function stripComment(value: string): string {
  return value.replace(/\s+;.*$/, '');
}
