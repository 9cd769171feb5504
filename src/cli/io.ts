/** Everything the CLI touches outside itself, injectable so tests need not spawn a process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout is a terminal (decides colour and the default format). */
  stdoutIsTTY: boolean;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
