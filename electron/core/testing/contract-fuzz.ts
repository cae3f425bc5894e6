import type { z } from 'zod';
import { pick } from './seeded-random';

type Random = () => number;
type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Strings that have broken parsers, SQL and FTS5 before: NUL and other controls, lone surrogates, quotes, operators, paths. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'hola\u0000mundo',
  '\u0001\u0002\u0007\u001b[2J',
  '\ud800',
  '\udfff\ud800',
  '"',
  '"*',
  '*',
  '(',
  'NEAR(',
  'a OR',
  'AND NOT',
  "'; DROP TABLE messages; --",
  '../../../../etc/passwd',
  '%2e%2e%2f',
  '__proto__',
  'constructor',
  '\u202etxt.exe',
  '👩‍👩‍👧‍👦',
  'ñandú',
  '{{nombre}} {a|b|}',
  '<script>alert(1)</script>',
  'http://127.0.0.1:1/',
  '+52 55 1234 5678',
  'x'.repeat(5000),
];

const hostileNumbers: readonly number[] = [0, -1, 1, 2, 7, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, 1e308, -1e-308, 0.5, Number.MAX_SAFE_INTEGER];

/** Any JSON value, shallow or nested, often hostile. */
export function arbitraryJson(random: Random, depth = 0): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.25) return pick(random, hostileStrings);
  if (roll < 0.45) return pick(random, hostileNumbers);
  if (roll < 0.55) return pick(random, [true, false, null]);
  if (roll < 0.75) return Array.from({ length: Math.floor(random() * 4) }, () => arbitraryJson(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i--) object[pick(random, ['id', 'chatId', 'text', 'accountId', '__proto__', 'constructor', 'x'])] = arbitraryJson(random, depth + 1);
  return object;
}

/**
 * A value shaped like `schema` most of the time (so calls get past validation into the handlers)
 * and wrong some of the time (so validation is exercised too).
 */
export function arbitraryFor(schema: z.ZodType, random: Random, depth = 0): unknown {
  if (random() < 0.12 || depth > 6) return arbitraryJson(random, depth);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const object: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) if (random() < 0.85) object[key] = arbitraryFor(field, random, depth + 1);
      if (random() < 0.05) object.unexpected = arbitraryJson(random, depth + 1);
      return object;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return random() < 0.2 ? (def.type === 'nullable' ? null : undefined) : arbitraryFor(def.innerType as z.ZodType, random, depth + 1);
    case 'pipe':
      return arbitraryFor(def.in as z.ZodType, random, depth + 1);
    case 'array':
      return Array.from({ length: Math.floor(random() * 4) }, () => arbitraryFor(def.element as z.ZodType, random, depth + 1));
    case 'union':
      return arbitraryFor(pick(random, def.options as z.ZodType[]), random, depth + 1);
    case 'enum':
      return pick(random, Object.values(def.entries as Record<string, string>));
    case 'literal':
      return pick(random, def.values as unknown[]);
    case 'boolean':
      return random() < 0.5;
    case 'number':
    case 'int':
      return random() < 0.6 ? Math.floor(random() * 20) : pick(random, hostileNumbers);
    case 'string':
      return random() < 0.3 ? `fuzz-${Math.floor(random() * 1e6)}` : pick(random, hostileStrings);
    case 'record':
      return { [pick(random, hostileStrings)]: arbitraryJson(random, depth + 1) };
    default:
      return arbitraryJson(random, depth);
  }
}
