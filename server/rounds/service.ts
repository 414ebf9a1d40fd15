import type { DocumentRecord, RoundRecord, UserRecord } from '../storage/records.ts';
import type { RecordStore } from '../storage/store.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { cleanText } from '../comments/service.ts';
import { deadlineInstant } from './deadline.ts';

/** What the secretariat gives to open a round (the revision already checked to be a named one of the document). */
export interface NewRound {
  title: string;
  requestLetter: { number: string; date: string };
  revisionId: string;
  deadline: string;
  organizations: string[] | 'all_invited';
  ministriesSeeEachOther: boolean;
}

/** A deep-enough copy, so callers never hold live rows. */
function copyRound(round: RoundRecord): RoundRecord {
  return { ...round, requestLetter: { ...round.requestLetter }, organizations: [...round.organizations], history: round.history.map((event) => ({ ...event })) };
}

/**
 * Consultation rounds of documents: opening, extending and closing them, kept in the records
 * (few and small). Every timestamp comes from `now`, the app's clock (tests move it). Callers
 * check roles; this class checks the round's own rules.
 */
export class RoundService {
  constructor(
    private readonly records: RecordStore,
    /** The clock of rounds: ms since the epoch. */
    readonly now: () => number,
  ) {}

  /** The clock, as an ISO string. */
  stamp(): string {
    return new Date(this.now()).toISOString();
  }

  /** Rounds of a document, newest first. */
  list(documentId: string): RoundRecord[] {
    return this.records
      .read((data) => data.rounds.filter((round) => round.documentId === documentId).map(copyRound))
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt) || b.id.localeCompare(a.id));
  }

  /** One round of a document; throws `ERR_ROUND_NOT_FOUND`. */
  get(documentId: string, roundId: string): RoundRecord {
    const found = this.records.read((data) => data.rounds.find((round) => round.id === roundId && round.documentId === documentId));
    if (!found) throw new Errors.RoundNotFound();
    return copyRound(found);
  }

  /**
   * Opens a round. The organisations must exist (`ERR_ORGANIZATION_NOT_FOUND`); those not yet
   * invited to the document are invited, so their officers can read what was sent; `all_invited`
   * takes the document's invited organisations now (none → `ERR_VALIDATION`). The deadline must
   * be in the future (`ERR_VALIDATION`).
   */
  async open(document: DocumentRecord, by: UserRecord, input: NewRound): Promise<{ round: RoundRecord; invited: string[] }> {
    const now = this.stamp();
    const deadline = deadlineInstant(input.deadline);
    if (deadline <= now) throw new Errors.Validation('the deadline must be in the future');
    return this.records.write((data) => {
      const stored = data.documents.find((doc) => doc.id === document.id);
      if (!stored) throw new Errors.DocumentNotFound();
      const organizations = input.organizations === 'all_invited' ? [...stored.organizations] : [...input.organizations];
      if (organizations.length === 0) throw new Errors.Validation('the round consults no organisation (invite some to the document first)');
      const known = new Set(data.organizations.map((org) => org.id));
      if (organizations.some((id) => !known.has(id))) throw new Errors.OrganizationNotFound();
      const invited = organizations.filter((id) => !stored.organizations.includes(id));
      if (invited.length > 0) {
        stored.organizations.push(...invited);
        stored.updatedAt = now;
      }
      const round: RoundRecord = {
        id: newId(),
        documentId: document.id,
        title: cleanText(input.title),
        requestLetter: { number: cleanText(input.requestLetter.number), date: input.requestLetter.date },
        revisionId: input.revisionId,
        deadline,
        organizations,
        allInvited: input.organizations === 'all_invited',
        ministriesSeeEachOther: input.ministriesSeeEachOther,
        state: 'open',
        openedBy: by.id,
        openedAt: now,
        closedAt: null,
        history: [{ kind: 'opened', by: by.id, at: now, from: null, to: deadline, reason: null }],
      };
      data.rounds.push(round);
      return { round: copyRound(round), invited };
    });
  }

  /**
   * Moves an open round's deadline later, recording who, when, the old and new deadline and
   * why. `ERR_ROUND_CLOSED` once closed; `ERR_VALIDATION` unless the new deadline is later
   * than the current one.
   */
  async extend(documentId: string, roundId: string, by: UserRecord, deadlineInput: string, reason: string): Promise<RoundRecord> {
    const deadline = deadlineInstant(deadlineInput);
    const now = this.stamp();
    return this.change(documentId, roundId, (round) => {
      if (deadline <= round.deadline) throw new Errors.Validation('the new deadline must be later than the current one');
      round.history.push({ kind: 'extended', by: by.id, at: now, from: round.deadline, to: deadline, reason: cleanText(reason) });
      round.deadline = deadline;
    });
  }

  /** Closes an open round (`ERR_ROUND_CLOSED` if it already is): it takes no more responses. */
  async close(documentId: string, roundId: string, by: UserRecord): Promise<RoundRecord> {
    const now = this.stamp();
    return this.change(documentId, roundId, (round) => {
      round.state = 'closed';
      round.closedAt = now;
      round.history.push({ kind: 'closed', by: by.id, at: now, from: null, to: null, reason: null });
    });
  }

  /**
   * The round a new submission of `organizationId` answers. With `roundId`: that round, which
   * must be of the document (`ERR_ROUND_NOT_FOUND`), open (`ERR_ROUND_CLOSED`) and consult the
   * organisation (`ERR_NOT_CONSULTED`). Without: the document's only open round when it consults
   * the organisation, otherwise none (a submission outside any round, as before rounds existed).
   */
  forSubmission(documentId: string, organizationId: string, roundId: string | undefined): RoundRecord | null {
    if (roundId === undefined) {
      const open = this.list(documentId).filter((round) => round.state === 'open');
      const [only] = open;
      return open.length === 1 && only !== undefined && only.organizations.includes(organizationId) ? only : null;
    }
    const round = this.get(documentId, roundId);
    if (round.state === 'closed') throw new Errors.RoundClosed();
    if (!round.organizations.includes(organizationId)) throw new Errors.NotConsulted();
    return round;
  }

  /** Applies `change` to an open round of the document, in one records write. */
  private async change(documentId: string, roundId: string, change: (round: RoundRecord) => void): Promise<RoundRecord> {
    return this.records.write((data) => {
      const round = data.rounds.find((candidate) => candidate.id === roundId && candidate.documentId === documentId);
      if (!round) throw new Errors.RoundNotFound();
      if (round.state === 'closed') throw new Errors.RoundClosed();
      change(round);
      return copyRound(round);
    });
  }
}
