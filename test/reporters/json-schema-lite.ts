/**
 * A minimal JSON Schema draft-04 validator covering exactly the keywords the SARIF 2.1.0
 * schema uses. ajv is not installed, and ajv 8 needs the separate ajv-draft-04 package for
 * this draft anyway. Unknown keywords throw, so the validator can never pass by ignoring one.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', 'id', 'title', 'description', 'default', 'definitions']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  '$ref',
  'type',
  'enum',
  'properties',
  'additionalProperties',
  'required',
  'items',
  'minItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'pattern',
  'format',
  'anyOf',
  'oneOf',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Only the formats SARIF uses; `uri` must parse as absolute, `uri-reference` as relative or absolute. */
function formatMatches(value: unknown, format: string): boolean {
  if (typeof value !== 'string') return true;
  if (format === 'uri') return URL.canParse(value);
  if (format === 'uri-reference') return URL.canParse(value, 'file:///base/') && !/\s/.test(value);
  if (format === 'date-time') return !Number.isNaN(Date.parse(value));
  throw new Error(`unsupported format ${format}`);
}

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const match = /^#\/definitions\/(.+)$/.exec(ref);
    const target = match ? (root.definitions as Record<string, Schema>)[match[1] as string] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return target;
  };
  const check = (schema: Schema, v: unknown, path: string): boolean => {
    const before = errors.length;
    const fail = (msg: string) => errors.push(`${path || '/'}: ${msg}`);
    for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) throw new Error(`unsupported keyword ${keyword}`);
    if (typeof schema.$ref === 'string') return check(resolve(schema.$ref), v, path);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => typeMatches(v, t))) {
        fail(`expected ${types.join('|')}, got ${typeOf(v)}`);
        return false;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      fail(`not one of ${JSON.stringify(schema.enum)}`);
    }
    if (typeof schema.format === 'string' && !formatMatches(v, schema.format)) fail(`not a valid ${schema.format}`);
    if (typeof v === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) {
      fail(`does not match ${schema.pattern}`);
    }
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) fail(`below minimum ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && v > schema.maximum) fail(`above maximum ${schema.maximum}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
      if (schema.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) fail('items not unique');
      if (schema.items) v.forEach((item, i) => check(schema.items as Schema, item, `${path}/${i}`));
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) fail(`missing required ${key}`);
      for (const [key, child] of Object.entries(obj)) {
        if (props[key]) check(props[key], child, `${path}/${key}`);
        else if (schema.additionalProperties === false) fail(`unexpected property ${key}`);
        else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties as Schema, child, `${path}/${key}`);
      }
    }
    const branches = (list: unknown) =>
      (list as Schema[]).map((sub) => {
        const saved = errors.length;
        const ok = check(sub, v, path);
        errors.length = saved; // branch errors are only reported as a summary below
        return ok;
      });
    if (Array.isArray(schema.anyOf) && !branches(schema.anyOf).some(Boolean)) fail('matches no anyOf branch');
    if (Array.isArray(schema.oneOf) && branches(schema.oneOf).filter(Boolean).length !== 1) fail('does not match exactly one oneOf branch');
    return errors.length === before;
  };
  check(root, value, '');
  return errors;
}
