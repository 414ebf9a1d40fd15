import type { FastifyInstance } from 'fastify';
import { canOpenDocument } from '../documents/access.ts';
import { canSeeRound } from '../rounds/policy.ts';
import { canSeeThread } from './policy.ts';
import type { AudienceCheck } from './events.ts';

/**
 * The audience check of the comment streams on this process: the user (by the current records)
 * may open the document, and sees the thread (by the document's rounds as they are now) or the
 * round the event is about. Unknown users and documents receive nothing.
 */
export function eventAudienceCheck(app: FastifyInstance): AudienceCheck {
  return (userId, documentId, audience) => {
    const user = app.auth.findUser(userId);
    const document = app.documents.find(documentId);
    if (!user || !document || !canOpenDocument(user, document)) return false;
    switch (audience.kind) {
      case 'document':
        return true;
      case 'thread':
        return canSeeThread(user, document, audience.thread, app.rounds.list(documentId));
      case 'round':
        return canSeeRound(user, audience.round);
    }
  };
}
