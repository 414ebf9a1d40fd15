/**
 * A compact notation for the server's response schemas, and a checker for it. The schemas
 * are written by `server/http/client-shapes.ts` into `shapes.generated.json`; the checker is how
 * the client narrows untrusted JSON to the server's types without carrying the server's code.
 */

/** A schema node as `shapes.generated.json` writes it. */
export interface JsonSchema {
  /** A primitive type (`string`, `number`, `integer`, `boolean`, `null`); objects and arrays are told by their fields. */
  type?: string;
  /** An object with these fields; every one is required unless listed in `optional`. */
  properties?: Readonly<Record<string, JsonSchema>>;
  optional?: readonly string[];
  /** A map whose every value matches this schema. */
  values?: JsonSchema;
  /** An array whose every item matches this schema. */
  items?: JsonSchema;
  /** One of these constants. */
  enum?: readonly unknown[];
  /** `null` is allowed too. */
  nullable?: boolean;
  /** Any one of these. */
  anyOf?: readonly JsonSchema[];
  $id?: string;
  $ref?: string;
}

/** Schemas with an `$id` below `root`, for resolving `$ref` (recursive shapes). */
function collectIds(root: JsonSchema, found: Map<string, JsonSchema>): Map<string, JsonSchema> {
  if (root.$id !== undefined) found.set(root.$id, root);
  const children = [...Object.values(root.properties ?? {}), ...(root.anyOf ?? []), ...[root.items, root.values].filter((child) => child !== undefined)];
  for (const child of children) collectIds(child, found);
  return found;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function primitiveMatches(type: string, value: unknown): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && !Number.isNaN(value);
  if (type === 'null') return value === null;
  return typeof value === type;
}

/** The first problem of `value` against `schema` as "path: what", or null when it matches. */
function problemOf(schema: JsonSchema, value: unknown, path: string, ids: Map<string, JsonSchema>): string | null {
  if (value === null && schema.nullable === true) return null;
  if (schema.$ref !== undefined) {
    const target = ids.get(schema.$ref);
    return target ? problemOf(target, value, path, ids) : `${path}: unknown schema ${schema.$ref}`;
  }
  if (schema.anyOf) return schema.anyOf.some((option) => problemOf(option, value, path, ids) === null) ? null : `${path}: unexpected value ${String(value)}`;
  if (schema.enum) return schema.enum.includes(value) ? null : `${path}: unexpected value ${String(value)}`;
  if (schema.type !== undefined) return primitiveMatches(schema.type, value) ? null : `${path}: expected ${schema.type}`;
  if (schema.items) {
    if (!Array.isArray(value)) return `${path}: expected an array`;
    for (const [index, item] of value.entries()) {
      const problem = problemOf(schema.items, item, `${path}[${index}]`, ids);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (schema.properties || schema.values) {
    if (!isPlainObject(value)) return `${path}: expected an object`;
    for (const [key, field] of Object.entries(schema.properties ?? {})) {
      if (!(key in value)) {
        if (schema.optional?.includes(key)) continue;
        return `${path}.${key}: missing`;
      }
      const problem = problemOf(field, value[key], `${path}.${key}`, ids);
      if (problem !== null) return problem;
    }
    for (const [key, item] of schema.values ? Object.entries(value) : []) {
      const problem = problemOf(schema.values as JsonSchema, item, `${path}.${key}`, ids);
      if (problem !== null) return problem;
    }
  }
  return null;
}

/**
 * Returns `value` unchanged when it matches `schema`, else throws a `TypeError` naming the
 * first offending field (`what.field[2].other: expected string`). Unknown fields are allowed:
 * the server validates what it sends, and a newer server may add fields. A `$ref` names a
 * schema with that `$id` inside `schema`, or one of `named`.
 */
export function assertMatches<T>(schema: JsonSchema, value: unknown, what: string, named: Readonly<Record<string, JsonSchema>> = {}): T {
  const problem = problemOf(schema, value, what, collectIds(schema, new Map(Object.entries(named))));
  if (problem !== null) throw new TypeError(problem);
  return value as T;
}
