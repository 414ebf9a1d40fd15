import { Type, type Static } from '@sinclair/typebox';

const Term = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });

/**
 * What the organisation calls its bodies: the drafting body (e.g. "Tổ biên soạn", "Ban soạn
 * thảo", "Tổ biên tập") and its secretariat (e.g. "Ban thư ký", "Tổ thư ký"), written as they
 * appear mid-sentence. Used by the UI, the synthesis table and the exports.
 */
export const Terminology = Type.Object({ draftingBody: Term, secretariat: Term }, { additionalProperties: false });
/** See `Terminology`. */
export type Terminology = Static<typeof Terminology>;

/** `PUT /api/settings/terminology` body: either name or both. */
export const UpdateTerminologyBody = Type.Object(
  { draftingBody: Type.Optional(Term), secretariat: Type.Optional(Term) },
  { additionalProperties: false, minProperties: 1 },
);
/** See `UpdateTerminologyBody`. */
export type UpdateTerminologyBody = Static<typeof UpdateTerminologyBody>;
