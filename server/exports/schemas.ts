import { Type, type Static } from '@sinclair/typebox';
import { Id } from '../http/schemas.ts';

/** `:id` of the live draft's exports and print view. */
export const DraftParams = Type.Object({ id: Id }, { additionalProperties: false });
export type DraftParams = Static<typeof DraftParams>;

/** `:id` and `:revisionId` of a revision's exports and print view. */
export const RevisionDraftParams = Type.Object({ id: Id, revisionId: Id }, { additionalProperties: false });
export type RevisionDraftParams = Static<typeof RevisionDraftParams>;

/** The print view's query: the language of its toolbar (the document stays Vietnamese). */
export const PrintQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])) }, { additionalProperties: false });
export type PrintQuery = Static<typeof PrintQuery>;

/** The export routes take no query. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
