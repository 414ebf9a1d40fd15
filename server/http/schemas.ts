import { Kind, Type, type SchemaOptions, type Static, type TSchema, type TUnion, type TNull, type TUnsafe } from '@sinclair/typebox';

/**
 * Schema pieces shared by every route: the error body, ids, and small builders. Domain
 * schemas live in each domain's `schemas.ts`; each HTTP shape is defined there once, its
 * TypeScript type is `Static<>` of it, and the client imports those types with `import type`.
 */

/** `{"error":{"code","message"}}`, the body of every error response. */
export const ErrorResponse = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false }) },
  { additionalProperties: false, $id: 'ErrorResponse' },
);

/** Response schemas for the error statuses a route can answer with. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse]));
}

/** Server-generated ids: letters, digits, `_` and `-`, nothing a path could abuse. */
export const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });

/** `:id` route parameter. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** An ISO 8601 timestamp. */
export const Timestamp = Type.String({ format: 'date-time' });

/**
 * One of the strings `values`, as JSON Schema `{"type":"string","enum":[…]}`, typed as the
 * union of the values. Lets a list that code also needs at run time (roles, statuses) be
 * written once. Preferred over `Type.Union` of `Type.Literal`s: the response serialiser writes
 * an `enum` as a plain string, where an `anyOf` costs a validation per value (comparisons
 * hold tens of thousands of them).
 */
export function LiteralUnion<const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

const PRIMITIVE_TYPES: ReadonlySet<unknown> = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * `schema` or `null`. A primitive schema (a string, a `LiteralUnion`…) becomes one schema with
 * `"type": [<type>, "null"]` (serialised without an `anyOf`, see `LiteralUnion`); an object
 * schema becomes `anyOf` of it and `null`.
 */
export function Nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> | TUnsafe<Static<T> | null> {
  if (!PRIMITIVE_TYPES.has(schema.type)) return Type.Union([schema, Type.Null()]);
  const { [Kind]: _kind, ...json } = schema as TSchema & { enum?: unknown[] };
  return Type.Unsafe<Static<T> | null>({ ...json, type: [schema.type, 'null'], ...(json.enum ? { enum: [...json.enum, null] } : {}) });
}

/** A string or `null`. */
export const NullableString = Nullable(Type.String());

/** A person as the API names them next to what they did. */
export const PersonSchema = Type.Object({ id: Type.String(), displayName: Type.String() }, { additionalProperties: false });

/** A page size, 1 to 1000: query values are strings (no type coercion), so the pattern checks the range. */
export const PageLimit = Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$' });
