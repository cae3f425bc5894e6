/**
 * Turns a value into plain data for deep equality: any Buffer or Uint8Array becomes its hex bytes,
 * so a Buffer read back compares equal to the Uint8Array that was written. Objects are compared by
 * their own enumerable keys (protobuf instances keep defaults on the prototype).
 */
export function comparable(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('hex') };
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    const long = value as { low?: unknown; high?: unknown; toNumber?: () => number };
    if (typeof long.toNumber === 'function' && typeof long.low === 'number') return long.toNumber();
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, comparable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
