import { Errors } from '../errors.ts';
import type { RoundRecord, SubmissionRecord, ThreadRecord } from '../storage/records.ts';

/**
 * An organisation's official response to a round (văn bản góp ý): one per round, locked once
 * sent; a correction is a new response naming the one it supersedes. The response is a
 * submission with `roundId`; sending it publishes the organisation's drafts in the round.
 */

/** The organisation's drafts (bản nháp) in the round that sending its response publishes: not withdrawn. */
export function pendingDrafts(threads: readonly ThreadRecord[], roundId: string, organizationId: string): ThreadRecord[] {
  return threads.filter((thread) => thread.draft === true && thread.roundId === roundId && thread.organizationId === organizationId && thread.status !== 'withdrawn');
}

/** The organisation's responses in the round, oldest first (the last one is in force). */
export function responsesOf(submissions: readonly SubmissionRecord[], roundId: string, organizationId: string): SubmissionRecord[] {
  return submissions
    .filter((submission) => submission.roundId === roundId && submission.organizationId === organizationId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** What a new response asks for. */
export interface ResponseRequest {
  round: RoundRecord;
  organizationId: string;
  /** The response it corrects, if the client named one. */
  supersedes: string | undefined;
  noComments: boolean;
  /** Items written into the letter itself (besides the drafts). */
  items: number;
  submissions: readonly SubmissionRecord[];
  drafts: readonly ThreadRecord[];
}

/**
 * Checks a new response before anything is stored and answers the response it supersedes
 * (null for the first). Once the organisation has sent one, a new response must name the one
 * in force (`supersedes`), otherwise `ERR_RESPONSE_ALREADY_SENT` (two officers sending at once
 * cannot both win); naming an unknown response is `ERR_SUBMISSION_NOT_FOUND`. "No comments"
 * with drafts pending, or a first response with neither items nor drafts, is `ERR_VALIDATION`
 * (a correction may change only the letter: the comments sent earlier stay, locked).
 */
export function checkResponse(request: ResponseRequest): { supersedes: string | null } {
  const own = responsesOf(request.submissions, request.round.id, request.organizationId);
  const latest = own.at(-1) ?? null;
  if (request.supersedes !== undefined && !own.some((submission) => submission.id === request.supersedes)) throw new Errors.SubmissionNotFound();
  if (latest !== null && request.supersedes !== latest.id) throw new Errors.ResponseAlreadySent();
  if (request.noComments && request.drafts.length > 0) {
    throw new Errors.Validation('the organisation has drafts in this round: send them, or withdraw them to answer "no comments"');
  }
  // A correction may only fix the letter: the comments sent earlier stay, locked.
  if (latest === null && !request.noComments && request.items === 0 && request.drafts.length === 0) {
    throw new Errors.Validation('add at least one comment, or declare "no comments"');
  }
  return { supersedes: latest?.id ?? null };
}

/** For each response superseded by a later one: the id of the one that superseded it. */
export function supersededBy(submissions: readonly SubmissionRecord[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const submission of submissions) if (submission.supersedes) result.set(submission.supersedes, submission.id);
  return result;
}
