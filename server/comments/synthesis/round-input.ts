import type { FastifyInstance } from 'fastify';
import type { DocumentRecord, OrganizationRecord } from '../../storage/records.ts';
import { sectionPlaces } from '../../../document-model/section-paths.ts';
import { organizationStandings } from '../../rounds/status.ts';
import { liveHeadings } from '../live-headings.ts';
import { presenterFor } from '../present.ts';
import { ANSWERED_WITH_COMMENTS } from '../../rounds/dashboard.ts';
import type { SynthesisInput } from './table.ts';

/** The issuer and clock fields of a synthesis input, which the caller supplies. */
type Issuer = Pick<SynthesisInput, 'documentTitle' | 'draftingBody' | 'place' | 'issuedAt' | 'officerOrganization'>;

/**
 * The synthesis input of one consultation round (`ERR_ROUND_NOT_FOUND` if it is not the
 * document's): the organisations it consulted, their rows computed exactly as the round's
 * dashboard computes them (at the rounds clock), the comments of the organisations that
 * answered with comments (drafts of those that have not answered are left out), presented
 * against the revision sent so the table quotes and places them in the words the ministries
 * read, and that revision's sections.
 */
export async function roundSynthesisInput(app: FastifyInstance, document: DocumentRecord, roundId: string, issuer: Issuer): Promise<SynthesisInput> {
  const round = app.rounds.get(document.id, roundId);
  const [submissions, threads] = await Promise.all([app.comments.submissionsOf(document.id), app.comments.threadsOf(document.id)]);
  const { organizations, presenter } = app.store.records.read((data) => ({
    organizations: new Map<string, OrganizationRecord>(data.organizations.map((org) => [org.id, { ...org }])),
    presenter: presenterFor(data),
  }));
  const standings = organizationStandings(round, app.rounds.now(), organizations, submissions, threads);
  const answered = standings.filter((standing) => ANSWERED_WITH_COMMENTS.includes(standing.row.status)).flatMap((standing) => standing.threads);
  const { doc, revision } = await app.revisions.load(document.id, round.revisionId);
  try {
    return {
      ...issuer,
      version: revision?.name ?? round.revisionId,
      round: round.title,
      roundFacts: {
        request: { title: round.title, letterNumber: round.requestLetter.number, letterDate: round.requestLetter.date, deadline: round.deadline },
        rows: standings.map((standing) => standing.row),
      },
      sections: sectionPlaces(liveHeadings(doc)),
      invited: round.organizations.map((id) => ({ id, name: organizations.get(id)?.name ?? id })),
      organizationNames: new Map([...organizations].map(([id, org]) => [id, org.name])),
      submissions: submissions.filter((submission) => submission.roundId === round.id),
      threads: answered.map((thread) => presenter(thread, doc)),
    };
  } finally {
    doc.destroy();
  }
}
