/**
 * Issue 12: a seeded generator of small programs for the differential property test.
 *
 * A program is one package (`package.json` + `src/main.ts` + 0–3 helper modules) whose queue
 * and job names travel from string literals to BullMQ sites through 1–4 layers: function,
 * arrow, static-method and class wrappers, constructor fields, object-literal configs, enums
 * and `as const` objects, arrays with for…of / map / forEach, Map caches, template helpers,
 * and imports between the files (named, aliased, namespace, default, through an `export *`
 * barrel). A few names are runtime-only (`process.argv[2]`, `Date.now()`).
 *
 * The generator does not predict the names: the test runs the program against a recording
 * `bullmq` stub and compares with that. It only guarantees programs that compile, run every
 * line they contain (no dead code, no branch on a name, no cycle between files) and use each
 * literal once, so a name in the analysis output points at exactly one place.
 *
 * Deterministic: the same seed gives the same files, byte for byte (mulberry32, no
 * `Math.random`, no clock).
 */

/** The PRNG of the program: mulberry32, 32-bit state, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** One of the entries, with probability proportional to its weight (entries of weight 0 never). */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    if (total <= 0) throw new Error('weighted pick from nothing');
    let x = this.next() * total;
    for (const [value, w] of entries) {
      if (w <= 0) continue;
      x -= w;
      if (x < 0) return value;
    }
    return entries.filter(([, w]) => w > 0).at(-1)![0];
  }
}

export interface GeneratedProgram {
  seed: number;
  /** Repo-relative path → contents (package.json, src/*.ts). */
  files: Record<string, string>;
  /** The layers chosen, outermost first, one line per flow: for the failure message. */
  layers: string[];
  /** The value the program reads from process.argv[2] and [3] (runtime-only names). */
  argv: [string, string];
}

export const PACKAGE_JSON = `${JSON.stringify({ name: 'app', private: true, scripts: { start: 'node dist/main.js' } }, null, 2)}\n`;

/** What process.argv[2] / [3] hold when the program runs: names no analysis can know. */
export const RUNTIME_ARGV: [string, string] = ['argvq', 'argvj'];

interface Decl {
  name: string | undefined;
  text: string;
  exported: boolean;
  /** `export default function f…` / `export default class C…` rather than `export default f;`. */
  defaultInline: boolean;
}

type ImportStyle = 'named' | 'alias' | 'namespace' | 'default' | 'barrel' | 'barrelRenamed';

class FileB {
  readonly decls: Decl[] = [];
  /** Top-level statements run after the declarations (main's flows; a helper's side effects). */
  readonly body: string[] = [];
  readonly bullmq = new Set<string>();
  /** spec → named imports [exported, local]. */
  readonly named = new Map<string, Array<[string, string]>>();
  readonly namespaces = new Map<string, string>();
  readonly defaults = new Map<string, string>();
  readonly sideEffects = new Set<string>();
  /** For the barrel: `export * from` lines and `export { a as b } from` lines. */
  readonly reexports: string[] = [];
  defaultExport: string | undefined;
  /** (file, name) → the expression this file uses for it. */
  readonly refs = new Map<string, string>();
  constructor(
    readonly index: number,
    readonly base: string,
  ) {}
  get path(): string {
    return `src/${this.base}.ts`;
  }
  get spec(): string {
    return `./${this.base}`;
  }
}

const BULLMQ_ORDER = ['FlowProducer', 'Queue', 'Worker'];

class Builder {
  readonly rng: Rng;
  readonly main = new FileB(0, 'main');
  readonly helpers: FileB[] = [];
  barrel: FileB | undefined;
  private counter = 0;
  private queueLits = 0;
  private jobLits = 0;
  private otherLits = 0;
  trace: string[] = [];

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  fresh(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  literal(role: 'q' | 'j'): string {
    return role === 'q' ? `'q${++this.queueLits}'` : `'j${++this.jobLits}'`;
  }

  /** A string that is neither a queue nor a job name (another key of a config object…). */
  other(): string {
    return `'o${++this.otherLits}'`;
  }

  note(label: string): void {
    this.trace.push(label);
  }

  private helperCount(): number {
    return this.helpers.length + (this.barrel ? 1 : 0);
  }

  /** Where a declaration used from `ctx` goes: `ctx` itself, or a helper after it (no cycles). */
  pickFile(ctx: FileB): FileB {
    const later = this.helpers.filter((h) => h.index > ctx.index);
    const canCreate = this.helperCount() < 3;
    const r = this.rng.float();
    if (r < 0.45 || (later.length === 0 && !canCreate)) return ctx;
    if (later.length > 0 && (!canCreate || r < 0.75)) return this.rng.pick(later);
    const file = new FileB(this.helpers.length + 1, `h${this.helpers.length + 1}`);
    this.helpers.push(file);
    return file;
  }

  declare(file: FileB, name: string | undefined, text: string): void {
    file.decls.push({ name, text, exported: false, defaultInline: false });
  }

  /** The expression `ctx` uses for `name` declared in `file`, adding export and import. */
  ref(ctx: FileB, file: FileB, name: string): string {
    if (ctx === file) return name;
    const key = `${file.base}:${name}`;
    const known = ctx.refs.get(key);
    if (known !== undefined) return known;
    const decl = file.decls.find((d) => d.name === name);
    if (!decl) throw new Error(`no declaration ${name} in ${file.path}`);
    const styles: Array<readonly [ImportStyle, number]> = [
      ['named', 4],
      ['alias', 1.5],
      ['namespace', 1.5],
      ['default', file.defaultExport === undefined ? 1.5 : 0],
      ['barrel', ctx === this.main && (this.barrel !== undefined || this.helperCount() < 3) ? 1.5 : 0],
      ['barrelRenamed', ctx === this.main && (this.barrel !== undefined || this.helperCount() < 3) ? 0.7 : 0],
    ];
    const style = this.rng.weighted(styles);
    let expr: string;
    switch (style) {
      case 'named':
        decl.exported = true;
        addNamed(ctx, file.spec, name, name);
        expr = name;
        break;
      case 'alias': {
        decl.exported = true;
        const local = `${name}_${this.fresh('a')}`;
        addNamed(ctx, file.spec, name, local);
        expr = local;
        break;
      }
      case 'namespace': {
        decl.exported = true;
        let ns = ctx.namespaces.get(file.spec);
        if (ns === undefined) {
          ns = `${file.base}ns`;
          ctx.namespaces.set(file.spec, ns);
        }
        expr = `${ns}.${name}`;
        break;
      }
      case 'default': {
        file.defaultExport = name;
        if (/^(function|class) /.test(decl.text) && this.rng.chance(0.5)) decl.defaultInline = true;
        let local = ctx.defaults.get(file.spec);
        if (local === undefined) {
          local = `${file.base}${this.fresh('d')}`;
          ctx.defaults.set(file.spec, local);
        }
        expr = local;
        break;
      }
      case 'barrel': {
        decl.exported = true;
        if (!this.barrel) this.barrel = new FileB(99, 'lib');
        const line = `export * from '${file.spec}';`;
        if (!this.barrel.reexports.includes(line)) this.barrel.reexports.push(line);
        addNamed(ctx, this.barrel.spec, name, name);
        expr = name;
        break;
      }
      case 'barrelRenamed': {
        decl.exported = true;
        if (!this.barrel) this.barrel = new FileB(99, 'lib');
        const local = `${name}_${this.fresh('r')}`;
        this.barrel.reexports.push(`export { ${name} as ${local} } from '${file.spec}';`);
        addNamed(ctx, this.barrel.spec, local, local);
        expr = local;
        break;
      }
    }
    ctx.refs.set(key, expr);
    return expr;
  }

  files(): FileB[] {
    return [this.main, ...this.helpers, ...(this.barrel ? [this.barrel] : [])];
  }
}

function addNamed(ctx: FileB, spec: string, exported: string, local: string): void {
  const list = ctx.named.get(spec) ?? [];
  if (!list.some(([e, l]) => e === exported && l === local)) list.push([exported, local]);
  ctx.named.set(spec, list);
}

function render(file: FileB): string {
  const lines: string[] = [];
  if (file.bullmq.size > 0) {
    lines.push(`import { ${BULLMQ_ORDER.filter((n) => file.bullmq.has(n)).join(', ')} } from 'bullmq';`);
  }
  const specs = new Set([...file.named.keys(), ...file.defaults.keys()]);
  for (const spec of [...specs].sort()) {
    const parts: string[] = [];
    const dflt = file.defaults.get(spec);
    if (dflt !== undefined) parts.push(dflt);
    const named = file.named.get(spec);
    if (named && named.length > 0) parts.push(`{ ${named.map(([e, l]) => (e === l ? e : `${e} as ${l}`)).join(', ')} }`);
    lines.push(`import ${parts.join(', ')} from '${spec}';`);
  }
  for (const [spec, ns] of [...file.namespaces].sort()) lines.push(`import * as ${ns} from '${spec}';`);
  for (const spec of [...file.sideEffects].sort()) lines.push(`import '${spec}';`);
  lines.push(...file.reexports);
  if (lines.length > 0) lines.push('');
  let inlineDefault = false;
  for (const d of file.decls) {
    if (d.defaultInline && d.name === file.defaultExport) {
      inlineDefault = true;
      lines.push(`export default ${d.text}`);
      if (d.exported) lines.push(`export { ${d.name} };`);
    } else {
      lines.push(d.exported ? `export ${d.text}` : d.text);
    }
  }
  if (file.defaultExport !== undefined && !inlineDefault) lines.push(`export default ${file.defaultExport};`);
  if (file.body.length > 0) {
    if (file.decls.length > 0) lines.push('');
    lines.push(...file.body);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Names: expressions that evaluate to a queue or job name.

type Role = 'q' | 'j';

/** A name whose value only the run knows. */
function runtimeName(b: Builder, role: Role): string {
  const form = b.rng.int(0, 2);
  b.note(`runtime:${form === 0 ? 'argv' : 'Date.now'}`);
  if (form === 0) return role === 'q' ? 'process.argv[2]!' : 'process.argv[3]!';
  if (form === 1) return `\`${role}\${Date.now()}\``;
  return `String(Date.now())`;
}

const RUNTIME_CHANCE = 0.05;

function where(ctx: FileB, file: FileB): string {
  return file === ctx ? '' : `@${file.base}`;
}

/**
 * An expression for a fresh name, valid anywhere in `ctx` (also at its top level), built with
 * `depth` layers.
 */
function genName(b: Builder, ctx: FileB, depth: number, role: Role): string {
  if (depth <= 0) {
    if (b.rng.chance(RUNTIME_CHANCE)) return runtimeName(b, role);
    return b.literal(role);
  }
  const layer = b.rng.weighted([
    ['const', 3],
    ['config', 2],
    ['asConst', 2],
    ['enum', depth === 1 ? 2 : 0.5],
    ['array', 0.7],
    ['getter', 1],
    ['staticProp', 1],
    ['computedKey', 1],
    ['spread', 1],
    ['destructure', 1],
    ['objectFactory', 0.8],
    ['thisMethod', 0.7],
    ['getterProp', 0.7],
    ['transform', 3],
  ] as const);
  const key = role === 'q' ? 'queue' : 'job';
  if (layer === 'transform') {
    const wrap = genTransform(b, ctx, 1);
    return wrap(genName(b, ctx, depth - 1, role));
  }
  const file = b.pickFile(ctx);
  b.note(`${layer}${where(ctx, file)}`);
  switch (layer) {
    case 'const': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh(role === 'q' ? 'QUEUE' : 'JOB');
      b.declare(file, name, `const ${name} = ${inner};`);
      return b.ref(ctx, file, name);
    }
    case 'config': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh('CFG');
      const sub = b.fresh('s');
      b.declare(file, name, `const ${name} = { ${sub}: { ${key}: ${inner}, label: ${b.other()} }, retries: 3 };`);
      return `${b.ref(ctx, file, name)}.${sub}.${key}`;
    }
    case 'asConst': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh(role === 'q' ? 'QUEUES' : 'JOBS');
      const k = b.fresh('K');
      b.declare(file, name, `const ${name} = { ${k}: ${inner}, other: ${b.other()} } as const;`);
      const r = b.ref(ctx, file, name);
      return b.rng.chance(0.5) ? `${r}.${k}` : `${r}['${k}']`;
    }
    case 'enum': {
      // An enum member's initializer stays a literal (depth beyond 1 goes to a transform).
      const name = b.fresh(role === 'q' ? 'QueueName' : 'JobName');
      const k = b.fresh('M');
      b.declare(file, name, `enum ${name} { ${k} = ${b.literal(role)}, Other${b.fresh('')} = ${b.other()} }`);
      const member = `${b.ref(ctx, file, name)}.${k}`;
      return depth > 1 ? genTransform(b, ctx, depth - 1)(member) : member;
    }
    case 'array': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh(role === 'q' ? 'QUEUE_LIST' : 'JOB_LIST');
      b.declare(file, name, `const ${name} = [${b.other()}, ${inner}] as const;`);
      return `${b.ref(ctx, file, name)}[1]`;
    }
    case 'getter': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh(role === 'q' ? 'queueName' : 'jobName');
      b.declare(file, name, `function ${name}(): string { return ${inner}; }`);
      return `${b.ref(ctx, file, name)}()`;
    }
    case 'staticProp': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh('Names');
      const k = b.fresh(role === 'q' ? 'QUEUE' : 'JOB');
      b.declare(file, name, `class ${name} { static readonly ${k} = ${inner}; static readonly OTHER = ${b.other()}; }`);
      return `${b.ref(ctx, file, name)}.${k}`;
    }
    case 'computedKey': {
      const inner = genName(b, file, depth - 1, role);
      const k = b.fresh('KEY');
      const name = b.fresh('BY_KEY');
      b.declare(file, k, `const ${k} = 'k${b.fresh('')}' as const;`);
      b.declare(file, name, `const ${name} = { [${k}]: ${inner}, other: ${b.other()} };`);
      return `${b.ref(ctx, file, name)}[${b.ref(ctx, file, k)}]`;
    }
    case 'spread': {
      // The base object's value is overridden by the spread's: only the later one is the name.
      const inner = genName(b, file, depth - 1, role);
      const base = b.fresh('BASE');
      const name = b.fresh('SETTINGS');
      const override = b.rng.chance(0.5);
      if (override) {
        b.declare(file, base, `const ${base} = { ${key}: ${b.other()}, attempts: 2 };`);
        b.declare(file, name, `const ${name} = { ...${base}, ${key}: ${inner} };`);
      } else {
        b.declare(file, base, `const ${base} = { ${key}: ${inner}, attempts: 2 };`);
        b.declare(file, name, `const ${name} = { ...${base}, attempts: 5 };`);
      }
      return `${b.ref(ctx, file, name)}.${key}`;
    }
    case 'destructure': {
      const inner = genName(b, file, depth - 1, role);
      const obj = b.fresh('OPTIONS');
      const local = b.fresh(role === 'q' ? 'queueFromOptions' : 'jobFromOptions');
      b.declare(file, obj, `const ${obj} = { ${key}: ${inner}, label: ${b.other()} };`);
      b.declare(file, local, `const { ${key}: ${local} } = ${obj};`);
      return b.ref(ctx, file, local);
    }
    case 'objectFactory': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh('settings');
      b.declare(file, name, `function ${name}() { return { ${key}: ${inner}, label: ${b.other()} }; }`);
      return `${b.ref(ctx, file, name)}().${key}`;
    }
    case 'thisMethod': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh('NAMING');
      b.declare(file, name, `const ${name} = { base: ${inner}, label: ${b.other()}, full(): string { return this.base; } };`);
      return `${b.ref(ctx, file, name)}.full()`;
    }
    case 'getterProp': {
      const inner = genName(b, file, depth - 1, role);
      const name = b.fresh('Settings');
      b.declare(file, name, `class ${name} { get ${key}(): string { return ${inner}; } }`);
      return `new ${b.ref(ctx, file, name)}().${key}`;
    }
  }
}

/**
 * A name transformation built with `depth` layers (a template arrow, a concatenating function,
 * a static method, an inline template, a string method), declared once; the result applies it
 * to an expression.
 */
function genTransform(b: Builder, ctx: FileB, depth: number): (x: string) => string {
  if (depth <= 0) return (x) => x;
  const form = b.rng.weighted([
    ['arrow', 3],
    ['function', 2],
    ['static', 2],
    ['inline', 1.5],
    ['stringMethod', 1],
    ['join', 0.7],
  ] as const);
  const suffix = b.fresh('x');
  if (form === 'inline' || form === 'stringMethod' || form === 'join') {
    const rest = genTransform(b, ctx, depth - 1);
    if (form === 'inline') {
      b.note('inlineTemplate');
      return (x) => rest(`\`\${${x}}-${suffix}\``);
    }
    if (form === 'join') {
      b.note('join');
      return (x) => rest(`[${x}, '${suffix}'].join(':')`);
    }
    const method = b.rng.pick(['toUpperCase', 'concat', 'replace', 'padEnd'] as const);
    b.note(`string.${method}`);
    return (x) => {
      switch (method) {
        case 'toUpperCase':
          return rest(`${x}.toUpperCase()`);
        case 'concat':
          return rest(`${x}.concat('-${suffix}')`);
        case 'replace':
          return rest(`${x}.replace('-', '_')`);
        case 'padEnd':
          return rest(`${x}.padEnd(8, '.')`);
      }
    };
  }
  const file = b.pickFile(ctx);
  b.note(`${form}Transform${where(ctx, file)}`);
  // The deeper layers either sit inside the body or wrap the call.
  const inside = b.rng.chance(0.5);
  const innerBody = inside ? genTransform(b, file, depth - 1) : (x: string) => x;
  const p = b.fresh('p');
  const body = innerBody(p);
  let callee: (ref: string, x: string) => string;
  const name = b.fresh(form === 'static' ? 'Naming' : 'named');
  switch (form) {
    case 'arrow':
      b.declare(file, name, `const ${name} = (${p}: string) => \`\${${body}}-${suffix}\`;`);
      callee = (r, x) => `${r}(${x})`;
      break;
    case 'function':
      b.declare(file, name, `function ${name}(${p}: string): string { return ${body} + '-${suffix}'; }`);
      callee = (r, x) => `${r}(${x})`;
      break;
    case 'static':
      b.declare(file, name, `class ${name} { static of(${p}: string): string { return \`${suffix}-\${${body}}\`; } }`);
      callee = (r, x) => `${r}.of(${x})`;
      break;
  }
  const outer = inside ? (x: string) => x : genTransform(b, ctx, depth - 1);
  return (x) => outer(callee(b.ref(ctx, file, name), x));
}

// ---------------------------------------------------------------------------------------------
// Sites: statements that start a consumer (args: queue) or a producer (args: queue, job) with
// the name expressions they are given, through `depth` layers.

type Sink = (args: string[]) => string[];

function argRoles(arity: number): Role[] {
  return arity === 1 ? ['q'] : ['q', 'j'];
}

const KEYS: Record<Role, string> = { q: 'queue', j: 'job' };

function genSink(b: Builder, ctx: FileB, depth: number, arity: 1 | 2): Sink {
  if (depth <= 0) return arity === 1 ? consumerLeaf(b, ctx, 0) : producerLeaf(b, ctx, 0);
  const layer = b.rng.weighted([
    ['leaf', 1.5],
    ['wrap', 5],
    ['callback', 1],
    ['objectArg', 1.2],
    ['subclass', 0.8],
    ['defaultParam', 0.6],
    ['loop', 2.5],
    ['arrayParam', 1],
    ['pairs', arity === 2 ? 1 : 0],
    ['transform', 1.5],
  ] as const);
  switch (layer) {
    case 'leaf':
      // The leaf spends the depth on how the queue is obtained / kept.
      return arity === 1 ? consumerLeaf(b, ctx, depth) : producerLeaf(b, ctx, depth);
    case 'wrap': {
      const file = b.pickFile(ctx);
      const params = argRoles(arity).map(() => b.fresh('p'));
      const inner = genSink(b, file, depth - 1, arity);
      const call = wrapIn(b, ctx, file, params, inner(params).join(' '), arity === 1 ? 'consumer' : 'producer');
      return (args) => [call(args.join(', '))];
    }
    case 'callback': {
      // run(name, (n) => …): the callback is written at the call, the helper only calls it.
      const file = b.pickFile(ctx);
      b.note(`callback${where(ctx, file)}`);
      const params = argRoles(arity).map(() => b.fresh('p'));
      const fn = b.fresh('fn');
      const name = b.fresh('withNames');
      b.declare(
        file,
        name,
        `function ${name}(${params.map((p) => `${p}: string`).join(', ')}, ${fn}: (...names: string[]) => void): void { ${fn}(${params.join(', ')}); }`,
      );
      const cbParams = argRoles(arity).map(() => b.fresh('c'));
      const inner = genSink(b, ctx, depth - 1, arity);
      return (args) => [`${b.ref(ctx, file, name)}(${args.join(', ')}, (${cbParams.map((c) => `${c}: string`).join(', ')}) => { ${inner(cbParams).join(' ')} });`];
    }
    case 'objectArg': {
      const file = b.pickFile(ctx);
      const destructure = b.rng.chance(0.5);
      b.note(`objectArg${destructure ? '-destructured' : ''}${where(ctx, file)}`);
      const roles = argRoles(arity);
      const type = `{ ${roles.map((r) => `${KEYS[r]}: string`).join('; ')}; label?: string }`;
      const name = b.fresh('startWith');
      let inner: Sink;
      let head: string;
      let use: string[];
      if (destructure) {
        const locals = roles.map(() => b.fresh('v'));
        head = `{ ${roles.map((r, i) => `${KEYS[r]}: ${locals[i]}`).join(', ')} }: ${type}`;
        use = locals;
      } else {
        const opts = b.fresh('opts');
        head = `${opts}: ${type}`;
        use = roles.map((r) => `${opts}.${KEYS[r]}`);
      }
      inner = genSink(b, file, depth - 1, arity);
      b.declare(file, name, `function ${name}(${head}): void { ${inner(use).join(' ')} }`);
      return (args) => [`${b.ref(ctx, file, name)}({ ${roles.map((r, i) => `${KEYS[r]}: ${args[i]}`).join(', ')}, label: ${b.other()} });`];
    }
    case 'subclass': {
      // class Base { constructor(n) { … } } … class Child extends Base { constructor() { super('x') } }
      const file = b.pickFile(ctx);
      b.note(`subclass${where(ctx, file)}`);
      const params = argRoles(arity).map(() => b.fresh('p'));
      const base = b.fresh('BaseStarter');
      const inner = genSink(b, file, depth - 1, arity);
      b.declare(file, base, `class ${base} { constructor(${params.map((p) => `${p}: string`).join(', ')}) { ${inner(params).join(' ')} } }`);
      return (args) => {
        const child = b.fresh('Child');
        return [`class ${child} extends ${b.ref(ctx, file, base)} { constructor() { super(${args.join(', ')}); } }`, `new ${child}();`];
      };
    }
    case 'defaultParam': {
      // The name is a parameter default, and the call passes nothing.
      b.note('defaultParam');
      const params = argRoles(arity).map(() => b.fresh('p'));
      const inner = genSink(b, ctx, depth - 1, arity);
      return (args) => {
        const name = b.fresh('startDefault');
        return [
          `const ${name} = (${params.map((p, i) => `${p}: string = ${args[i]}`).join(', ')}): void => { ${inner(params).join(' ')} };`,
          `${name}();`,
        ];
      };
    }
    case 'loop': {
      const i = b.rng.int(0, arity - 1);
      const role = argRoles(arity)[i]!;
      const form = b.rng.weighted([
        ['forOf', 3],
        ['map', 1.5],
        ['forEach', 1.5],
        ['objectValues', 1],
        ['letSequence', 1],
      ] as const);
      b.note(`loop-${form}(${KEYS[role]})`);
      const v = b.fresh('n');
      const inner = genSink(b, ctx, depth - 1, arity);
      const withV = (args: string[]) => args.map((a, k) => (k === i ? v : a));
      return (args) => {
        const body = inner(withV(args)).join(' ');
        const second = extraName(b, role);
        switch (form) {
          case 'forOf':
            return [`for (const ${v} of [${args[i]}, ${second}]) { ${body} }`];
          case 'map':
          case 'forEach':
            return [`[${args[i]}, ${second}].${form}((${v}) => { ${body} });`];
          case 'objectValues':
            return [`for (const ${v} of Object.values({ a: ${args[i]}, b: ${second} })) { ${body} }`];
          case 'letSequence':
            // Both values are used, one after the other: each site sees one of them.
            return [`let ${v} = ${args[i]};`, body, `${v} = ${second};`, inner(withV(args)).join(' ')];
        }
      };
    }
    case 'arrayParam': {
      const file = b.pickFile(ctx);
      const i = b.rng.int(0, arity - 1);
      const role = argRoles(arity)[i]!;
      const form = b.rng.pick(['forOf', 'forEach', 'map'] as const);
      b.note(`arrayParam-${form}(${KEYS[role]})${where(ctx, file)}`);
      const list = b.fresh('names');
      const v = b.fresh('n');
      const others = argRoles(arity).map((_, k) => (k === i ? '' : b.fresh('p')));
      const inner = genSink(b, file, depth - 1, arity);
      const body = inner(others.map((o, k) => (k === i ? v : o))).join(' ');
      const loop = form === 'forOf' ? `for (const ${v} of ${list}) { ${body} }` : `${list}.${form}((${v}) => { ${body} });`;
      const params = others.map((o, k) => (k === i ? `${list}: readonly string[]` : `${o}: string`)).join(', ');
      const name = b.fresh('startAll');
      b.declare(file, name, `function ${name}(${params}): void { ${loop} }`);
      return (args) => [`${b.ref(ctx, file, name)}(${args.map((a, k) => (k === i ? `[${a}, ${extraName(b, role)}]` : a)).join(', ')});`];
    }
    case 'pairs': {
      // for (const { queue, job } of [{ queue: 'q1', job: 'j1' }, { queue: 'q2', job: 'j2' }]): the
      // names go together, a queue never gets the other entry's job.
      const form = b.rng.pick(['forOfDestructured', 'forEachDestructured', 'mapFields'] as const);
      b.note(`pairs-${form}`);
      const q = b.fresh('queueName');
      const j = b.fresh('jobName');
      const e = b.fresh('entry');
      const inner = genSink(b, ctx, depth - 1, arity);
      return (args) => {
        const list = `[{ queue: ${args[0]}, job: ${args[1]} }, { queue: ${extraName(b, 'q')}, job: ${extraName(b, 'j')} }]`;
        switch (form) {
          case 'forOfDestructured':
            return [`for (const { queue: ${q}, job: ${j} } of ${list}) { ${inner([q, j]).join(' ')} }`];
          case 'forEachDestructured':
            return [`${list}.forEach(({ queue: ${q}, job: ${j} }) => { ${inner([q, j]).join(' ')} });`];
          case 'mapFields':
            return [`${list}.map((${e}) => { ${inner([`${e}.queue`, `${e}.job`]).join(' ')} return 0; });`];
        }
      };
    }
    case 'transform': {
      const i = b.rng.int(0, arity - 1);
      const transform = genTransform(b, ctx, 1);
      const inner = genSink(b, ctx, depth - 1, arity);
      return (args) => inner(args.map((a, k) => (k === i ? transform(a) : a)));
    }
  }
}

/** A second element for an array of names: a fresh literal. */
function extraName(b: Builder, role: Role): string {
  return b.literal(role);
}

/** Declares a callable in `file` with `params` and `body`; returns how `ctx` calls it. */
function wrapIn(b: Builder, ctx: FileB, file: FileB, params: string[], body: string, label: string): (args: string) => string {
  const form = b.rng.weighted([
    ['function', 3],
    ['arrow', 2],
    ['static', 2],
    ['object', 1.5],
    ['instance', 1],
    ['ctor', 1.5],
    ['async', 1],
    ['closure', 1],
  ] as const);
  b.note(`${label}:${form}${where(ctx, file)}`);
  const typed = params.map((p) => `${p}: string`).join(', ');
  const name = b.fresh(form === 'static' || form === 'instance' || form === 'ctor' ? 'Starter' : 'start');
  switch (form) {
    case 'function':
      b.declare(file, name, `function ${name}(${typed}): void { ${body} }`);
      return (a) => `${b.ref(ctx, file, name)}(${a});`;
    case 'arrow':
      b.declare(file, name, `const ${name} = (${typed}): void => { ${body} };`);
      return (a) => `${b.ref(ctx, file, name)}(${a});`;
    case 'static':
      b.declare(file, name, `class ${name} { static run(${typed}): void { ${body} } }`);
      return (a) => `${b.ref(ctx, file, name)}.run(${a});`;
    case 'object':
      b.declare(file, name, `const ${name} = { run(${typed}): void { ${body} } };`);
      return (a) => `${b.ref(ctx, file, name)}.run(${a});`;
    case 'instance':
      b.declare(file, name, `class ${name} { run(${typed}): void { ${body} } }`);
      return (a) => `new ${b.ref(ctx, file, name)}().run(${a});`;
    case 'ctor':
      b.declare(file, name, `class ${name} { constructor(${typed}) { ${body} } }`);
      return (a) => `new ${b.ref(ctx, file, name)}(${a});`;
    case 'async':
      // The body before the first await: code after it runs off a microtask, where the stack no
      // longer shows the callers, and the harness could not tell which call chose the names.
      b.declare(file, name, `async function ${name}(${typed}): Promise<void> { ${body} await Promise.resolve(); }`);
      return (a) => `void ${b.ref(ctx, file, name)}(${a});`;
    case 'closure':
      b.declare(file, name, `function ${name}(${typed}): () => void { return () => { ${body} }; }`);
      return (a) => `${b.ref(ctx, file, name)}(${a})();`;
  }
}

function consumerLeaf(b: Builder, ctx: FileB, depth: number): Sink {
  const form = b.rng.weighted([
    ['worker', 4],
    ['kept', 1],
    ['queueName', depth === 0 ? 1 : 0],
    ['ctorField', depth > 0 ? 2 : 0],
    ['transform', depth > 0 ? 1 : 0],
  ] as const);
  if (form === 'transform') {
    const transform = genTransform(b, ctx, depth);
    const inner = consumerLeaf(b, ctx, 0);
    return (args) => inner([transform(args[0]!)]);
  }
  if (form === 'ctorField') {
    // A class whose constructor keeps the worker in a field.
    const file = b.pickFile(ctx);
    b.note(`consumer:ctorField${where(ctx, file)}`);
    const p = b.fresh('p');
    const transform = genTransform(b, file, depth - 1);
    file.bullmq.add('Worker');
    const name = b.fresh('Consumer');
    b.declare(
      file,
      name,
      `class ${name} { readonly worker: Worker; constructor(${p}: string) { this.worker = new Worker(${transform(p)}, async () => {}); } }`,
    );
    return (args) => {
      const v = b.fresh('consumer');
      return [`const ${v} = new ${b.ref(ctx, file, name)}(${args[0]});`, `void ${v}.worker;`];
    };
  }
  b.note(`worker${form === 'worker' ? '' : `-${form}`}`);
  ctx.bullmq.add('Worker');
  switch (form) {
    case 'worker':
      return (args) => [`new Worker(${args[0]}, async () => {});`];
    case 'kept':
      return (args) => {
        const v = b.fresh('worker');
        return [`const ${v} = new Worker(${args[0]}, async () => {});`, `${v}.on('failed', () => {});`];
      };
    case 'queueName':
      // new Worker(queue.name, …): the worker's name is read off a Queue object.
      ctx.bullmq.add('Queue');
      return (args) => {
        const v = b.fresh('queue');
        return [`const ${v} = new Queue(${args[0]});`, `new Worker(${v}.name, async () => {});`];
      };
  }
}

type QueueGetter = (q: string) => string;

/** How a queue object is obtained from a name: `new Queue`, a factory, a static method, a Map cache. */
function genQueueGetter(b: Builder, ctx: FileB, depth: number): QueueGetter {
  if (depth <= 0) {
    ctx.bullmq.add('Queue');
    return (q) => `new Queue(${q})`;
  }
  const form = b.rng.weighted([
    ['factory', 3],
    ['arrowFactory', 2],
    ['static', 2],
    ['mapCache', 2],
    ['mapCacheLazy', 1.5],
    ['transform', 1],
  ] as const);
  if (form === 'transform') {
    const transform = genTransform(b, ctx, 1);
    const inner = genQueueGetter(b, ctx, depth - 1);
    return (q) => inner(transform(q));
  }
  const file = b.pickFile(ctx);
  b.note(`queue:${form}${where(ctx, file)}`);
  const p = b.fresh('p');
  const inner = genQueueGetter(b, file, depth - 1);
  file.bullmq.add('Queue');
  switch (form) {
    case 'factory': {
      const name = b.fresh('makeQueue');
      b.declare(file, name, `function ${name}(${p}: string): Queue { return ${inner(p)}; }`);
      return (q) => `${b.ref(ctx, file, name)}(${q})`;
    }
    case 'arrowFactory': {
      const name = b.fresh('queueFor');
      b.declare(file, name, `const ${name} = (${p}: string): Queue => ${inner(p)};`);
      return (q) => `${b.ref(ctx, file, name)}(${q})`;
    }
    case 'static': {
      const name = b.fresh('Queues');
      b.declare(file, name, `class ${name} { static create(${p}: string): Queue { return ${inner(p)}; } }`);
      return (q) => `${b.ref(ctx, file, name)}.create(${q})`;
    }
    case 'mapCache': {
      const m = b.fresh('cache');
      const name = b.fresh('getQueue');
      b.declare(file, m, `const ${m} = new Map<string, Queue>();`);
      b.declare(file, name, `function ${name}(${p}: string): Queue { ${m}.set(${p}, ${inner(p)}); return ${m}.get(${p})!; }`);
      return (q) => `${b.ref(ctx, file, name)}(${q})`;
    }
    case 'mapCacheLazy': {
      const m = b.fresh('cache');
      const name = b.fresh('getQueue');
      const v = b.fresh('q');
      b.declare(file, m, `const ${m} = new Map<string, Queue>();`);
      b.declare(
        file,
        name,
        `function ${name}(${p}: string): Queue { let ${v} = ${m}.get(${p}); if (!${v}) { ${v} = ${inner(p)}; ${m}.set(${p}, ${v}); } return ${v}; }`,
      );
      return (q) => `${b.ref(ctx, file, name)}(${q})`;
    }
  }
}

type Action = 'add' | 'addBulk' | 'bulkMap' | 'scheduler' | 'flow';

function pickAction(b: Builder, flow = true): Action {
  return b.rng.weighted([
    ['add', 5],
    ['addBulk', 1.5],
    ['bulkMap', 0.7],
    ['scheduler', 1.5],
    ['flow', flow ? 0.7 : 0],
  ] as const);
}

/** The statement that sends job `j` to queue object `obj` (named `q`, for a flow). */
function actionOn(b: Builder, file: FileB, action: Action, obj: string, q: string, j: string): string {
  switch (action) {
    case 'add':
      return `${obj}.add(${j}, { n: 1 });`;
    case 'addBulk':
      return `${obj}.addBulk([{ name: ${j}, data: {} }]);`;
    case 'bulkMap': {
      const v = b.fresh('name');
      return `${obj}.addBulk([${j}, ${extraName(b, 'j')}].map((${v}) => ({ name: ${v}, data: {} })));`;
    }
    case 'scheduler':
      return `${obj}.upsertJobScheduler(${b.other()}, { every: 60000 }, { name: ${j}, data: {} });`;
    case 'flow':
      file.bullmq.add('FlowProducer');
      return `new FlowProducer().add({ name: ${j}, queueName: ${q}, data: {} });`;
  }
}

function producerLeaf(b: Builder, ctx: FileB, depth: number): Sink {
  const form = b.rng.weighted([
    ['direct', 4],
    ['classField', depth > 0 ? 3 : 1],
    ['holder', depth > 0 ? 1 : 0],
    ['flow', 0.6],
  ] as const);
  if (form === 'flow') {
    b.note('producer:flow');
    const transform = genTransform(b, ctx, depth);
    return (args) => [actionOn(b, ctx, 'flow', '', transform(args[0]!), args[1]!)];
  }
  if (form === 'direct') {
    const action = pickAction(b, false);
    b.note(`producer:${action}`);
    const getter = genQueueGetter(b, ctx, depth);
    return (args) => {
      if (b.rng.chance(0.4)) return [actionOn(b, ctx, action, getter(args[0]!), '', args[1]!)];
      const v = b.fresh('queue');
      return [`const ${v} = ${getter(args[0]!)};`, actionOn(b, ctx, action, v, '', args[1]!)];
    };
  }
  // class C { q: Queue; constructor(n) { this.q = new Queue(n) } send(j) { return this.q.add(j, {}) } }
  const file = b.pickFile(ctx);
  const action = pickAction(b, false);
  b.note(`producer:${form}-${action}${where(ctx, file)}`);
  const p = b.fresh('p');
  const r = b.fresh('r');
  const split = b.rng.int(0, Math.max(0, depth - 1));
  const getter = genQueueGetter(b, file, split);
  const jobTransform = genTransform(b, file, Math.max(0, depth - 1 - split));
  file.bullmq.add('Queue');
  const name = b.fresh('Sender');
  const send = actionOn(b, file, action, 'this.queue', '', jobTransform(r));
  b.declare(
    file,
    name,
    `class ${name} { readonly queue: Queue; constructor(${p}: string) { this.queue = ${getter(p)}; } send(${r}: string): void { ${send} } }`,
  );
  return (args) => {
    const cls = b.ref(ctx, file, name);
    if (form === 'holder') {
      // The instance sits in an object; the job is sent through it, twice with two names.
      const v = b.fresh('services');
      return [`const ${v} = { sender: new ${cls}(${args[0]}), label: ${b.other()} };`, `${v}.sender.send(${args[1]});`, `${v}.sender.send(${extraName(b, 'j')});`];
    }
    if (b.rng.chance(0.4)) return [`new ${cls}(${args[0]}).send(${args[1]});`];
    const v = b.fresh('sender');
    return [`const ${v} = new ${cls}(${args[0]});`, `${v}.send(${args[1]});`];
  };
}

/** A registry object or array of queues declared once at a top level, then used. */
function genRegistryFlow(b: Builder, ctx: FileB, depth: number): string[] {
  const file = b.pickFile(ctx);
  file.bullmq.add('Queue');
  const action = b.rng.pick(['add', 'addBulk', 'scheduler'] as const);
  if (b.rng.chance(0.5)) {
    b.note(`producer:registryObject-${action}${where(ctx, file)}`);
    const name = b.fresh('QUEUE_REGISTRY');
    const k = b.fresh('k');
    const qName = genName(b, file, Math.max(0, depth - 1), 'q');
    b.declare(file, name, `const ${name} = { ${k}: new Queue(${qName}), spare: ${b.other()} };`);
    const j = genName(b, ctx, b.rng.int(0, Math.max(0, depth - 1)), 'j');
    return [actionOn(b, ctx, action, `${b.ref(ctx, file, name)}.${k}`, '', j)];
  }
  const form = b.rng.pick(['forOf', 'forEach'] as const);
  b.note(`producer:registryArray-${form}-${action}${where(ctx, file)}`);
  const name = b.fresh('QUEUE_SET');
  const p = b.fresh('n');
  const q1 = genName(b, file, Math.max(0, depth - 1), 'q');
  b.declare(file, name, `const ${name} = [${q1}, ${extraName(b, 'q')}].map((${p}) => new Queue(${p}));`);
  const j = genName(b, ctx, 0, 'j');
  const v = b.fresh('queue');
  const list = b.ref(ctx, file, name);
  const stmt = actionOn(b, ctx, action, v, '', j);
  return [form === 'forOf' ? `for (const ${v} of ${list}) { ${stmt} }` : `${list}.forEach((${v}) => { ${stmt} });`];
}

export function generateProgram(seed: number): GeneratedProgram {
  const b = new Builder(seed);
  const layers: string[] = [];
  const flows = b.rng.int(1, 3);
  let sharedQueue: string | undefined;
  for (let i = 0; i < flows; i++) {
    b.trace = [];
    const depth = b.rng.int(1, 4);
    const siteDepth = b.rng.int(0, depth);
    const nameDepth = depth - siteDepth;
    // Now and then a flow runs at the top level of a helper that main imports for its effect.
    let host = b.main;
    if (b.rng.chance(0.15)) {
      const file = b.pickFile(b.main);
      if (file !== b.main) {
        host = file;
        b.main.sideEffects.add(file.spec);
        b.note(`topLevel@${file.base}`);
      }
    }
    const kind = b.rng.weighted([
      ['consumer', 4],
      ['producer', 5],
      ['registry', 1],
    ] as const);
    const calls = b.rng.chance(0.3) ? 2 : 1;
    b.note(`depth=${depth}`);
    if (kind === 'registry') {
      host.body.push(...genRegistryFlow(b, host, depth));
    } else if (kind === 'consumer') {
      const sink = genSink(b, host, siteDepth, 1);
      for (let c = 0; c < calls; c++) {
        const q = genName(b, host, nameDepth, 'q');
        if (host === b.main && sharedQueue === undefined) sharedQueue = q;
        host.body.push(...sink([q]));
      }
    } else {
      const sink = genSink(b, host, siteDepth, 2);
      for (let c = 0; c < calls; c++) {
        // A producer now and then sends to the queue an earlier flow consumes.
        const reuse = host === b.main && sharedQueue !== undefined && b.rng.chance(0.3);
        const q = reuse ? sharedQueue! : genName(b, host, b.rng.int(0, nameDepth), 'q');
        if (reuse) b.note('sameQueueAsConsumer');
        const j = genName(b, host, b.rng.int(0, nameDepth), 'j');
        host.body.push(...sink([q, j]));
      }
    }
    layers.push(`${kind}: ${b.trace.join(' > ')}`);
  }
  const files: Record<string, string> = { 'package.json': PACKAGE_JSON };
  for (const file of b.files()) files[file.path] = render(file);
  return { seed, files, layers, argv: RUNTIME_ARGV };
}

/** The program as one text: every file under a header line (for failure messages). */
export function formatProgram(program: GeneratedProgram): string {
  const parts = [`// seed ${program.seed}`, ...program.layers.map((l) => `// ${l}`)];
  for (const [file, text] of Object.entries(program.files)) parts.push(`// ---- ${file}`, text.trimEnd());
  return parts.join('\n');
}
