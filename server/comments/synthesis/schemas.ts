import { Type, type Static } from '@sinclair/typebox';
import { Id } from '../../http/schemas.ts';

/**
 * `GET /api/documents/:id/synthesis.{docx,csv}` query. `revisionId` makes it the table of the
 * comments on that named revision (threads and submissions filed on it; the title names it);
 * without it every comment counts and the title says "Bản hiện hành". `round` is the
 * consultation round's title printed under the title: a seam for issue 12, whose rounds will
 * name it (and choose the comments) themselves.
 */
export const SynthesisQuery = Type.Object(
  {
    revisionId: Type.Optional(Id),
    round: Type.Optional(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' })),
  },
  { additionalProperties: false },
);
export type SynthesisQuery = Static<typeof SynthesisQuery>;
