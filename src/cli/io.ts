/** Everything the CLI touches outside itself, injectable so tests need not spawn a process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout is a terminal (decides colour and the default format). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (the progress line of long runs is drawn only there). */
  stderrIsTTY?: boolean;
  /** Width of that terminal, when known. */
  stderrColumns?: number;
  /** The progress line: where it is drawn (default 2, stderr) and after how long (default 1000 ms). */
  progress?: { fd?: number; delayMs?: number };
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
