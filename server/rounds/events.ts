import type { FastifyInstance } from 'fastify';
import type { RoundRecord } from '../storage/records.ts';

/** The SSE event name on a document's stream (`…/threads/events`) telling open pages a round changed. */
export const ROUND_EVENT = 'round';

/**
 * Tells every open page of the round's document that the round changed (a response filed, a
 * deadline extended, the round opened or closed): an SSE `round` event with `{roundId}`, sent
 * only to people who may still open the document and see the round. Pages re-read what they
 * show (a dashboard its data); the event carries no statuses, so nothing leaks between ministries.
 */
export function announceRoundChange(app: FastifyInstance, round: RoundRecord): void {
  app.commentEvents.publish(round.documentId, ROUND_EVENT, { roundId: round.id }, { kind: 'round', round });
}
