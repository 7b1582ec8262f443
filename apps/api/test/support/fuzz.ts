/**
 * fast-check arbitraries for schema-violating input, driven by the JSON Schemas that
 * /openapi.json derives from the zod contracts. Every value `violation(schema)` produces breaks
 * the schema in at least one definite way (wrong type, missing required field, out of range,
 * too long, not in the enum, not matching the format or pattern), wrapped in hostile content:
 * huge strings, odd unicode, deep nesting and prototype-pollution keys.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  default?: unknown;
}

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Strings that have broken parsers, databases and renderers before. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  'nul\u0000byte',
  '\uD800',
  '\uDFFF lone surrogates \uD83D',
  '\u202Eevil\u202C',
  '𝕳𝖊𝖑𝖑𝖔 🧑🏽‍💻👩‍👩‍👧',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  "'; drop table app.users; --",
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${7*7}{{7*7}}<%= 7*7 %>',
  '<script>alert(1)</script>',
  '{"__proto__":{"polluted":true}}',
  '1e309',
  'NaN',
  '-0',
  '0x10',
  'true',
  'null',
];

/** Any string, with a bias towards the nasty ones and odd code points (lone surrogates, NUL, RTL). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'é', '😀', '\u0000', ' '), fc.integer({ min: 1_000, max: 100_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);

/** An object whose own keys include a prototype-pollution key (JSON.stringify keeps it as `"__proto__": …`). */
function withPollution(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...base };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

const pollutionPayload = fc.constantFrom<unknown>(
  { polluted: true },
  { isAdmin: true, role: 'owner' },
  { prototype: { polluted: true } },
  'polluted',
);

/** Junk of every JSON type, nested up to a few levels, sometimes with prototype-pollution keys. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom(...POLLUTION_KEYS)), tie('value'), { maxKeys: 4 }),
    fc.tuple(fc.constantFrom(...POLLUTION_KEYS), pollutionPayload).map(([k, v]) => withPollution({}, k, v)),
  ),
})).value;

/** [[[[…]]]] or {"a":{"a":…}}, deeper than any legitimate body. */
export const deeplyNested: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 50, max: 400 }), fc.boolean()).map(([depth, asArray]) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
});

function allowedTypes(s: Schema): Set<string> | null {
  if (s.const !== undefined || s.enum) {
    const values = s.const !== undefined ? [s.const] : s.enum!;
    return new Set(values.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v)));
  }
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const all = new Set<string>();
    for (const b of branches) {
      const t = allowedTypes(b);
      if (!t) return null;
      for (const x of t) all.add(x);
    }
    return all;
  }
  if (s.type === undefined) return null;
  const types = new Set(Array.isArray(s.type) ? s.type : [s.type]);
  if (types.has('integer')) types.add('number');
  return types;
}

const byType: Record<string, fc.Arbitrary<unknown>> = {
  string: hostileString,
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(junk, { maxLength: 4 }),
  object: fc.oneof(
    fc.dictionary(hostileString, junk, { maxKeys: 4 }),
    deeplyNested.filter((v) => !Array.isArray(v)),
  ),
};

/** A value of a JSON type the schema does not allow, or null if it allows every type. */
function wrongType(s: Schema): fc.Arbitrary<unknown> | null {
  const allowed = allowedTypes(s);
  if (!allowed) return null;
  const options = Object.entries(byType)
    .filter(([t]) => !allowed.has(t))
    .map(([, arb]) => arb);
  return options.length ? fc.oneof(...options) : null;
}

function regex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

const FORMAT_CHECK: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
};

/** Strings the schema's own string rules refuse (too short, too long, off-pattern, off-format, not in the enum). */
function badStrings(s: Schema): fc.Arbitrary<string>[] {
  const out: fc.Arbitrary<string>[] = [];
  if (s.maxLength !== undefined && s.maxLength < 300_000) {
    const max = s.maxLength;
    out.push(
      fc
        .tuple(fc.constantFrom('x', 'é', '😀', '\u0000'), fc.integer({ min: max + 1, max: Math.min(max * 2 + 10, 300_000) }))
        .map(([c, n]) => c.repeat(n)),
    );
  }
  if (s.minLength !== undefined && s.minLength > 0) out.push(fc.string({ maxLength: s.minLength - 1 }));
  const pattern = s.pattern ? regex(s.pattern) : null;
  const format = s.format ? FORMAT_CHECK[s.format] : undefined;
  if (pattern || format) out.push(hostileString.filter((x) => !(pattern?.test(x) ?? true) || !(format?.test(x) ?? true)));
  if (s.enum) out.push(hostileString.filter((x) => !s.enum!.includes(x)));
  if (s.const !== undefined) out.push(hostileString.filter((x) => x !== s.const));
  return out;
}

function badNumbers(s: Schema): fc.Arbitrary<number>[] {
  const out: fc.Arbitrary<number>[] = [];
  if (s.minimum !== undefined) out.push(fc.double({ max: s.minimum, noNaN: true, noDefaultInfinity: true }).filter((n) => n < s.minimum!));
  if (s.exclusiveMinimum !== undefined) out.push(fc.constant(s.exclusiveMinimum));
  if (s.maximum !== undefined) out.push(fc.double({ min: s.maximum, noNaN: true, noDefaultInfinity: true }).filter((n) => n > s.maximum!));
  if (s.exclusiveMaximum !== undefined) out.push(fc.constant(s.exclusiveMaximum));
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('integer') && !types.includes('number'))
    out.push(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)));
  return out;
}

/** A plausible value for the schema: the base a single violation is applied to (best effort; need not be valid). */
export function sample(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const branch = s.anyOf?.[0] ?? s.oneOf?.[0];
  if (branch) return sample(branch);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'email') return `fuzz-${randomUUID().slice(0, 8)}@example.test`;
      if (s.format === 'date-time') return new Date().toISOString();
      const len = Math.max(s.minLength ?? 1, 3);
      const candidates = ['abc'.padEnd(len, 'x'), 'a-b', 'ABC', '123', 'abc def ghi'.padEnd(len, 'x')];
      const pattern = s.pattern ? regex(s.pattern) : null;
      return candidates.find((c) => !pattern || pattern.test(c)) ?? candidates[0];
    }
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'array':
      return s.items ? Array.from({ length: s.minItems ?? 0 }, () => sample(s.items!)) : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = s.properties?.[key] ? sample(s.properties[key]) : 'x';
      return out;
    }
    default:
      return null;
  }
}

/**
 * Values that violate `s` in at least one definite way, or null when `s` accepts anything.
 * Objects keep their other fields plausible, so the one violation can sit deep inside.
 */
export function violation(s: Schema, depth = 0): fc.Arbitrary<unknown> | null {
  const options: fc.Arbitrary<unknown>[] = [];
  const wt = wrongType(s);
  if (wt) options.push(wt);
  const types = allowedTypes(s);
  const only = (t: string) => types !== null && types.size > 0 && [...types].every((x) => x === t || (t === 'number' && x === 'integer'));
  if (only('string')) options.push(...badStrings(s));
  if (only('number')) options.push(...badNumbers(s));
  if (only('array')) {
    if ((s.minItems ?? 0) > 0) options.push(fc.constant([]));
    if (s.maxItems !== undefined && s.items) options.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => sample(s.items!))));
    const inner = s.items && depth < 6 ? violation(s.items, depth + 1) : null;
    if (inner) options.push(inner.map((v) => [v]));
  }
  if (only('object') && s.properties) {
    const base = sample(s) as Record<string, unknown>;
    for (const key of s.required ?? []) {
      options.push(
        fc.constant(key).map((k) => {
          const { [k]: _dropped, ...rest } = base;
          return rest;
        }),
      );
    }
    for (const [key, prop] of Object.entries(s.properties)) {
      const inner = depth < 6 ? violation(prop, depth + 1) : null;
      if (inner) options.push(inner.map((v) => ({ ...base, [key]: v })));
    }
  }
  // A discriminated union (every branch an object): break one branch and keep its discriminator.
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.every((b) => allowedTypes(b)?.size === 1 && allowedTypes(b)?.has('object') && b.properties) && depth < 6) {
    for (const b of branches) {
      const inner = violation(b, depth + 1);
      if (inner) options.push(inner);
    }
  }
  if (options.length === 0) return null;
  const one = fc.oneof(...options);
  // Now and then, prototype-pollution keys ride along with the violation.
  return fc
    .tuple(one, fc.option(fc.tuple(fc.constantFrom(...POLLUTION_KEYS), pollutionPayload), { freq: 3 }))
    .map(([v, extra]) =>
      extra && v && typeof v === 'object' && !Array.isArray(v) ? withPollution(v as Record<string, unknown>, extra[0], extra[1]) : v,
    );
}

/** Query-string values a query parameter's schema refuses (query values are strings; numbers are coerced). */
export function queryViolation(s: Schema): fc.Arbitrary<string> | null {
  const options: fc.Arbitrary<string>[] = [];
  const types = allowedTypes(s);
  if (types?.has('number')) {
    options.push(fc.constantFrom('abc', '1a', '--1', 'NaN', '1e999', '12abc', '∞'));
    for (const n of badNumbers(s)) options.push(n.map(String).filter((x) => Number.isFinite(Number(x))));
  } else if (types?.has('string')) {
    options.push(...badStrings(s).map((a) => a.filter((x) => x.length > 0 && x.length < 4_000 && encodable(x))));
  }
  return options.length ? fc.oneof(...options) : null;
}

/** Whether a string survives encodeURIComponent (lone surrogates do not). */
export function encodable(x: string): boolean {
  try {
    encodeURIComponent(x);
    return true;
  } catch {
    return false;
  }
}
