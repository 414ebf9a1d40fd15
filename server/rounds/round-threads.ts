import type { FastifyInstance } from 'fastify';
import { organizationStandings } from './status.ts';

/**
 * Ids of the threads a round counts (those behind its dashboard's comment counts), at the
 * rounds clock; `ERR_ROUND_NOT_FOUND` if the round is not the document's. Callers still apply
 * who may see each thread.
 */
export async function roundThreadIds(app: FastifyInstance, documentId: string, roundId: string): Promise<Set<string>> {
  const round = app.rounds.get(documentId, roundId);
  const [submissions, threads] = await Promise.all([app.comments.submissionsOf(documentId), app.comments.threadsOf(documentId)]);
  const organizations = app.store.records.read((data) => new Map(data.organizations.map((org) => [org.id, { ...org }])));
  const standings = organizationStandings(round, app.rounds.now(), organizations, submissions, threads);
  return new Set(standings.flatMap((standing) => standing.threads.map((thread) => thread.id)));
}
