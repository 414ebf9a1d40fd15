import { Type, type Static } from '@sinclair/typebox';
import { Id, NullableString, Timestamp } from '../http/schemas.ts';

/** A document record as the API shows it. */
export const PublicDocument = Type.Object(
  {
    id: Id,
    title: Type.String(),
    templateId: NullableString,
    archived: Type.Boolean(),
    createdBy: Id,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type PublicDocument = Static<typeof PublicDocument>;

/** A title: non-blank, at most 300 characters (NFC-normalised and trimmed by the server). */
const Title = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' });

/** `POST /api/documents` body. */
export const CreateDocumentBody = Type.Object(
  { title: Title, templateId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])) },
  { additionalProperties: false },
);
export type CreateDocumentBody = Static<typeof CreateDocumentBody>;

/** `PATCH /api/documents/:id` body: rename and/or archive. */
export const UpdateDocumentBody = Type.Object(
  { title: Type.Optional(Title), archived: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDocumentBody = Static<typeof UpdateDocumentBody>;

/** `GET /api/documents` query. */
export const ListDocumentsQuery = Type.Object(
  { archived: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) },
  { additionalProperties: false },
);
export type ListDocumentsQuery = Static<typeof ListDocumentsQuery>;

/** A text in both UI languages. */
export const LocalizedText = Type.Object({ vi: Type.String(), en: Type.String() }, { additionalProperties: false });
export type LocalizedText = Static<typeof LocalizedText>;

/** A template as the API lists it (content left out). */
export const PublicTemplate = Type.Object(
  {
    id: Type.String(),
    title: LocalizedText,
    description: LocalizedText,
  },
  { additionalProperties: false },
);
export type PublicTemplate = Static<typeof PublicTemplate>;

/** `GET` / `PUT /api/documents/:id/access`: who may open the document besides the secretariat. */
export const DocumentAccessBody = Type.Object(
  {
    members: Type.Array(Id, { maxItems: 1000 }),
    organizations: Type.Array(Id, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type DocumentAccessBody = Static<typeof DocumentAccessBody>;
