import { Type, type TSchema } from '@sinclair/typebox';

/**
 * Schema pieces shared by every route: the error body and id parameters.
 * Domain schemas live in each domain's `schemas.ts`.
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
