import { Type, type SchemaOptions, type TSchema, type TUnion, type TNull, type TUnsafe } from '@sinclair/typebox';

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
 * One of the strings `values`, as JSON Schema `anyOf` of `const`s (what `Type.Union` of
 * `Type.Literal`s gives), typed as the union of the values. Lets a list that code also needs
 * at run time (roles, statuses) be written once.
 */
export function LiteralUnion<const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>(Type.Union(values.map((value) => Type.Literal(value)), options));
}

/** `schema` or `null`. */
export function Nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()]);
}

/** A string or `null`. */
export const NullableString = Nullable(Type.String());

/** A person as the API names them next to what they did. */
export const PersonSchema = Type.Object({ id: Type.String(), displayName: Type.String() }, { additionalProperties: false });
