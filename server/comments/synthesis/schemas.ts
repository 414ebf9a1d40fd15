import { Type, type Static } from '@sinclair/typebox';
import { Id } from '../../http/schemas.ts';

/**
 * `GET /api/documents/:id/synthesis.{docx,csv}` query. `revisionId` makes it the table of the
 * comments on that named revision (threads and submissions filed on it; the title names it);
 * without it every comment counts and the title says "Bản hiện hành". `round` is a title
 * printed under the title. `roundId` makes it the table of that consultation round: its
 * comments, quoted in the revision sent, its preamble from the round (request letter,
 * consulted, answered, no comments, not answered, late); `revisionId` and `round` are then
 * ignored.
 */
export const SynthesisQuery = Type.Object(
  {
    revisionId: Type.Optional(Id),
    round: Type.Optional(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' })),
    roundId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type SynthesisQuery = Static<typeof SynthesisQuery>;
