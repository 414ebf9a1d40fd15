import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { AuditEntrySchema } from '../audit/schemas.ts';
import { ListedUser, LoginResponse, MeResponse } from '../auth/schemas.ts';
import { PublicSubmission, PublicThreadSchema, ThreadsResponse } from '../comments/schemas.ts';
import { SectionsResponse } from '../comments/section-routes.ts';
import { DocumentAccessBody, PublicDocument, PublicTemplate } from '../documents/schemas.ts';
import { PublicOrganization } from '../organizations/schemas.ts';
import { PublicRound, RoundDashboard, RoundWithStatuses } from '../rounds/schemas.ts';
import { MarkReadResponse, NotificationList, NotificationPreferences, PublicNotification } from '../notifications/schemas.ts';
import { CarryOverSchema } from '../rounds/carry-over.ts';
import { ComparisonSchema, CompareResponse, PublicRevision, RevisionContent } from '../revisions/schemas.ts';
import { ConfirmImportResponse, ImportPreview } from '../import/schemas.ts';
import { Terminology } from '../settings/schemas.ts';

/** What the sidebar reads of a thread: decision history and document id are left out. */
const ClientThread = Type.Omit(PublicThreadSchema, ['documentId', 'history']);

/**
 * The response shapes the web client narrows untrusted JSON to, by name. The client gets
 * their types with `import type { ClientShapes }` and their schemas as plain data in
 * `client/api/shapes.generated.json` (written by `npm run generate:shapes`), so no server code
 * reaches the bundle and a shape is still written only once, here in the server's schemas.
 */
export const CLIENT_SHAPES = {
  /** An account, with `lockedUntil` when the secretariat's list says sign-in is locked. */
  User: ListedUser,
  LoginResult: LoginResponse,
  Me: MeResponse,
  Organization: PublicOrganization,
  Document: PublicDocument,
  Template: PublicTemplate,
  DocumentAccess: DocumentAccessBody,
  AuditEntry: AuditEntrySchema,
  Revision: PublicRevision,
  RevisionContent,
  Comparison: ComparisonSchema,
  CompareResult: CompareResponse,
  Thread: ClientThread,
  ThreadList: Type.Object({ ...ThreadsResponse.properties, threads: Type.Array(ClientThread) }),
  Submission: PublicSubmission,
  /** A thread as the review desk reads it: with its decision history. */
  ReviewThread: PublicThreadSchema,
  ReviewThreadList: ThreadsResponse,
  Sections: SectionsResponse,
  Round: PublicRound,
  RoundWithStatuses,
  RoundDashboard,
  ImportPreview,
  ImportResult: ConfirmImportResponse,
  Notification: PublicNotification,
  NotificationList,
  NotificationPreferences,
  NotificationsMarkedRead: MarkReadResponse,
  CarryOver: CarryOverSchema,
  Terminology,
} satisfies Record<string, TSchema>;

/** The name of a shape the client narrows to. */
export type ClientShapeName = keyof typeof CLIENT_SHAPES;

/** The TypeScript type of each client shape: `Static<>` of its schema. */
export type ClientShapes = { [Name in ClientShapeName]: Static<(typeof CLIENT_SHAPES)[Name]> };

/** A TypeBox schema read as plain JSON Schema (its symbols aside). */
interface SchemaJson {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaJson>;
  required?: string[];
  patternProperties?: Record<string, SchemaJson>;
  items?: SchemaJson;
  anyOf?: SchemaJson[];
  const?: unknown;
  $id?: string;
  $ref?: string;
}

/**
 * `schema` in the compact notation of `client/api/json-schema.ts`: only what the client checks
 * (types, fields, allowed values), since the server enforces patterns, formats and lengths on
 * input and its serialiser on output. An object's fields are required unless listed in
 * `optional`; `anyOf` of constants becomes `enum`; `X | null` becomes X with `nullable`. A client
 * shape nested in another (a revision inside a comparison answer) becomes `{"$ref": "<name>"}`,
 * so each is written once.
 */
function compact(schema: SchemaJson, names: ReadonlyMap<unknown, string>): Record<string, unknown> {
  const name = names.get(schema);
  if (name !== undefined) return { $ref: name };
  const id = schema.$id === undefined ? {} : { $id: schema.$id };
  if (schema.$ref !== undefined) return { $ref: schema.$ref };
  if (schema.anyOf) {
    const options = schema.anyOf;
    if (options.every((option) => 'const' in option)) return { ...id, enum: options.map((option) => option.const) };
    const others = options.filter((option) => option.type !== 'null');
    const [only] = others;
    if (only !== undefined && others.length === 1 && options.length === 2) return { ...id, ...compact(only, names), nullable: true };
    return { ...id, anyOf: options.map((option) => compact(option, names)) };
  }
  if ('const' in schema) return { ...id, enum: [schema.const] };
  if (schema.enum) return { ...id, enum: schema.enum };
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null');
    const [only] = types;
    if (only !== undefined && types.length === 1) return { ...id, type: only, ...(schema.type.includes('null') ? { nullable: true } : {}) };
    return { ...id, anyOf: schema.type.map((type) => ({ type })) };
  }
  if (schema.properties) {
    const fields = Object.entries(schema.properties);
    const optional = fields.map(([field]) => field).filter((field) => !(schema.required ?? []).includes(field));
    return {
      ...id,
      properties: Object.fromEntries(fields.map(([field, fieldSchema]) => [field, compact(fieldSchema, names)])),
      ...(optional.length > 0 ? { optional } : {}),
    };
  }
  // Type.Record(String, V) has a single catch-all pattern: every value must match V.
  const [values] = Object.values(schema.patternProperties ?? {});
  if (values !== undefined) return { ...id, values: compact(values, names) };
  if (schema.items) return { ...id, items: compact(schema.items, names) };
  return { ...id, ...(schema.type === undefined ? {} : { type: schema.type }) };
}

/** The contents of `client/api/shapes.generated.json`, derived from `CLIENT_SHAPES`. */
export function clientShapesJson(): string {
  const entries = Object.entries(CLIENT_SHAPES);
  const shapes = Object.fromEntries(
    entries.map(([name, schema]) => {
      const others = new Map<unknown, string>(entries.filter(([other]) => other !== name).map(([other, otherSchema]) => [otherSchema, other]));
      return [name, compact(schema, others)];
    }),
  );
  return `${JSON.stringify(shapes, null, 2)}\n`;
}
