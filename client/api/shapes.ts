import type { ClientShapeName, ClientShapes } from '../../server/http/client-shapes.ts';
import { assertMatches, type JsonSchema } from './json-schema.ts';
import GENERATED_SHAPES from './shapes.generated.json';

/** The response schemas as plain data, written by `npm run generate:shapes` (see `server/http/client-shapes.ts`). */
export const SHAPES: Readonly<Record<ClientShapeName, JsonSchema>> = GENERATED_SHAPES;

/**
 * Narrows untrusted JSON to the server's response shape `name`: returns it typed as the
 * server's own `Static<>` type, or throws a `TypeError` naming the first offending field.
 */
export function narrowShape<Name extends ClientShapeName>(name: Name, value: unknown, what: string = name): ClientShapes[Name] {
  return assertMatches<ClientShapes[Name]>(SHAPES[name], value, what, SHAPES);
}

/** The values a string field of a shape may take, in schema order (e.g. thread statuses for filters). */
export function allowedValues<T extends string>(schema: JsonSchema | undefined): readonly T[] {
  return (schema?.enum ?? []).filter((value): value is T => typeof value === 'string');
}

/** `value` if it is one of `allowed`, else a `TypeError` naming `what`. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown, what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new TypeError(`${what}: unknown value ${String(value)}`);
  return found;
}
