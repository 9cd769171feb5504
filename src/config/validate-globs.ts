import picomatch from 'picomatch';
import type { ResolvedConfig } from './types.js';

/**
 * Globs that do not compile would otherwise fail deep inside discovery, or worse, match
 * nothing and hide every file. picomatch is lenient by default (an unclosed `[` matches
 * literally); `strictBrackets` makes it reject unbalanced brackets, braces and parens,
 * which in a config are always typos.
 */
export function globProblems(config: Pick<ResolvedConfig, 'include' | 'exclude' | 'services'>): string[] {
  const problems: string[] = [];
  const check = (glob: string, where: string) => {
    const problem = globProblem(glob);
    if (problem) problems.push(`${where}: invalid glob ${JSON.stringify(glob)}: ${problem}`);
  };
  config.include.forEach((glob, i) => check(glob, `include[${i}]`));
  config.exclude.forEach((glob, i) => check(glob, `exclude[${i}]`));
  for (const [name, declaration] of Object.entries(config.services)) {
    if (Array.isArray(declaration)) declaration.forEach((glob, i) => check(glob, `services${key(name)}[${i}]`));
  }
  return problems;
}

export function globProblem(glob: string): string | undefined {
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
