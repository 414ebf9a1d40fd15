/**
 * Small guards for narrowing untrusted JSON, shared by the record parsers. Each throws
 * `TypeError` naming the offending field (`what.key`) instead of passing a bad value on.
 */

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an object, or a TypeError. */
export function object(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new TypeError(`${what}: expected an object`);
  return value;
}

/** `source[key]` as a string, or a TypeError. */
export function string(source: Record<string, unknown>, key: string, what: string): string {
  const value = source[key];
  if (typeof value !== 'string') throw new TypeError(`${what}.${key}: expected a string`);
  return value;
}

/** `source[key]` as a string; a missing key or null gives null. */
export function nullableString(source: Record<string, unknown>, key: string, what: string): string | null {
  const value = source[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new TypeError(`${what}.${key}: expected a string or null`);
  return value;
}

/** `source[key]` as an array of strings, or a TypeError. */
export function stringArray(source: Record<string, unknown>, key: string, what: string): string[] {
  const value = source[key];
  if (!Array.isArray(value) || !value.every((item: unknown) => typeof item === 'string')) {
    throw new TypeError(`${what}.${key}: expected an array of strings`);
  }
  return value.map(String);
}
