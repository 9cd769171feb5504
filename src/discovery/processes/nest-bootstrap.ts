/**
 * The last way to find a Nest app that nothing visibly deploys: a file that calls
 * `NestFactory.create`, `createApplicationContext` or `createMicroservice` and runs at module
 * level (`bootstrap();`, `void main()`, `main().catch(…)`, top-level `await`, an async IIFE,
 * `if (require.main === module)`). A text search: only the files of a package that nothing
 * else deploys are searched, and only when it (or the root) depends on `@nestjs/core`.
 * Seed, migration, REPL and CLI scripts bootstrap Nest too but are not deployed; they are
 * left out by name.
 */
const FACTORY = /NestFactory\s*\.\s*(?:create|createApplicationContext|createMicroservice)\s*[<(]/;
const RUNS_AT_MODULE_LEVEL = [
  /^(?:void\s+|await\s+)?[A-Za-z_$][\w$.]*\s*\([^()]*\)\s*(?:\.\s*(?:then|catch|finally)\s*\(.*)?;?\s*$/m,
  /^\(\s*async\b/m,
  /^(?:const|let|var)\s+[\w$]+\s*=\s*await\s/m,
  /^await\s/m,
  /^if\s*\(\s*require\.main\s*===\s*module\s*\)/m,
];
const NOT_DEPLOYED = /(?:^|[./_-])(?:seed|seeds|seeder|migrat\w*|repl|cli|command|console|script|fixtures?|generate|swagger|openapi)(?:[./_-]|$)/i;
const NOT_DEPLOYED_DIRS = new Set(['scripts', 'seeds', 'seeders', 'migrations', 'tools', 'bin', 'cli', 'commands']);

export function bootstrapLine(file: string, text: string): number | undefined {
  const parts = file.split('/');
  const base = parts[parts.length - 1]!;
  if (NOT_DEPLOYED.test(base) || parts.slice(0, -1).some((p) => NOT_DEPLOYED_DIRS.has(p))) return undefined;
  const m = FACTORY.exec(text);
  if (!m) return undefined;
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
  if (!FACTORY.test(withoutComments) || !RUNS_AT_MODULE_LEVEL.some((re) => re.test(withoutComments))) return undefined;
  const at = FACTORY.exec(withoutComments)!.index;
  return withoutComments.slice(0, at).split('\n').length;
}

/** Whether the file is excluded as a script by name (for the note saying so). */
export function isScriptByName(file: string): boolean {
  const parts = file.split('/');
  return NOT_DEPLOYED.test(parts[parts.length - 1]!) || parts.slice(0, -1).some((p) => NOT_DEPLOYED_DIRS.has(p));
}
