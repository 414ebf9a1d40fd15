import type { PublicThread } from '../schemas.ts';
import type { SubmissionRecord } from '../../storage/records.ts';
import { buildPreamble, type SynthesisPreamble } from './preamble.ts';
import type { SectionPlace } from '../../../document-model/section-paths.ts';
import { vietnameseDate } from './dates.ts';
import { buildRoundPreamble, type RoundFacts } from './round-preamble.ts';

/** One row of the synthesis table (Bảng tổng hợp, tiếp thu, giải trình ý kiến). */
export interface SynthesisRow {
  /** Số thứ tự, 1-based, continuous across the whole table. */
  index: number;
  threadId: string;
  /** Nội dung dự thảo: the quoted passage (or the section's title for a section-wide comment). */
  draft: string;
  /** Nội dung góp ý: the organisation's own words only (its first comment and its officers' later ones). */
  comment: string;
  /** The organisation's proposed wording ("đề nghị sửa thành"), if any. */
  proposal: { text: string; applied: boolean } | null;
  /** Cơ quan góp ý, with how it answered (công văn number and date, meeting, or the workspace). */
  organization: string;
  /** Ý kiến tiếp thu, giải trình: the decision label and its explanation. */
  response: string;
  /** Replies by anyone else (drafting group, secretariat): not in the official table, CSV only. */
  replies: string;
}

/** The rows of one section, headed with the section's full path. */
export interface SynthesisGroup {
  /** The section heading's block id; null for the group of comments tied to no section. */
  sectionId: string | null;
  /** "Phần II. … › 1. Thực trạng", or the label of general comments. */
  path: string;
  rows: SynthesisRow[];
}

/** Everything the table is built from. */
export interface SynthesisInput {
  documentTitle: string;
  /** The version the comments are on: a revision's name ("Dự thảo lần 2"), or "bản hiện hành". */
  version: string;
  /** The consultation round's title, or null. */
  round: string | null;
  /**
   * A consultation round's request and rows when the table is the round's: the preamble then
   * comes from them (`buildRoundPreamble`), and `threads` must be the round's comments,
   * presented against the version sent, whose words "Nội dung dự thảo" quotes.
   */
  roundFacts?: RoundFacts;
  /** The drafting body named in the header block and the signature. */
  draftingBody: string;
  /** Place of the place-and-date line ("Hà Nội"). */
  place: string;
  /** When the table is issued (its place-and-date line). */
  issuedAt: Date;
  /** Every section of the live document by heading block id: full path and order. */
  sections: ReadonlyMap<string, SectionPlace>;
  /** Organisations invited to comment on the document. */
  invited: Array<{ id: string; name: string }>;
  /** Names of every organisation, for those that answered without being invited (any more). */
  organizationNames: ReadonlyMap<string, string>;
  submissions: SubmissionRecord[];
  threads: PublicThread[];
  /** The organisation a user speaks for as a ministry officer, or null (committee, secretariat). */
  officerOrganization(userId: string): string | null;
}

/** The table, ready for any output format. */
export interface Synthesis {
  title: string;
  documentTitle: string;
  version: string;
  round: string | null;
  draftingBody: string;
  place: string;
  issuedAt: Date;
  preamble: SynthesisPreamble;
  groups: SynthesisGroup[];
}

/** Vietnamese labels of decisions, as written in the table. */
export const DECISION_LABELS: Record<PublicThread['status'], string> = {
  open: 'Chưa xử lý',
  under_review: 'Đang xem xét',
  accepted: 'Tiếp thu',
  partially_accepted: 'Tiếp thu một phần',
  not_accepted: 'Không tiếp thu',
  withdrawn: 'Đã rút',
};

/** The heading of the group of comments tied to no section (or to a deleted one). */
export const UNPLACED = 'Ý kiến chung (không gắn với mục cụ thể)';

/**
 * True for the threads the official table holds: in a consulted organisation's name (the
 * committee's and secretariat's own threads speak for no one), not withdrawn, not set aside.
 */
export function inTable(thread: PublicThread): boolean {
  return thread.organization !== null && thread.status !== 'withdrawn' && thread.setAside === null;
}

/** How a thread reached the secretariat, as the "Cơ quan góp ý" column says it. */
function sourceOf(thread: PublicThread, submissions: ReadonlyMap<string, SubmissionRecord>): string {
  const submission = thread.submissionId ? submissions.get(thread.submissionId) : undefined;
  if (submission) return `Công văn số ${submission.documentNumber} ngày ${vietnameseDate(submission.date)}`;
  if (thread.meeting) return `Ý kiến tại ${thread.meeting.name} ngày ${vietnameseDate(thread.meeting.date)}`;
  return 'Góp ý trực tiếp trên hệ thống';
}

/** The passage a thread is about, as the "Nội dung dự thảo" column quotes it (the group heading names the section). */
function draftOf(thread: PublicThread, sent: boolean): string {
  if (!thread.anchor) return thread.position.sectionId === null ? '' : '(Góp ý chung cho cả mục)';
  // In the version sent, a passage the ministry quoted is the words it read, even when the positions do not resolve there.
  if (sent) return `“${thread.position.status === 'orphaned' ? thread.anchor.quote : thread.position.text}”`;
  return thread.position.status === 'orphaned' ? `“${thread.anchor.quote}” (đoạn này đã bị xóa khỏi dự thảo)` : `“${thread.position.text}”`;
}

/** The row of one thread: the organisation's words apart from everyone else's. */
function rowOf(thread: PublicThread, index: number, input: SynthesisInput, submissions: ReadonlyMap<string, SubmissionRecord>): SynthesisRow {
  const organizationId = thread.organization?.id ?? null;
  // The first comment is the organisation's even when the secretariat recorded it (oral comments).
  const own = thread.comments.filter((comment, at) => at === 0 || (organizationId !== null && input.officerOrganization(comment.author.id) === organizationId));
  const others = thread.comments.filter((comment) => !own.includes(comment));
  const decision = DECISION_LABELS[thread.status];
  return {
    index,
    threadId: thread.id,
    draft: draftOf(thread, input.roundFacts !== undefined),
    comment: own.map((comment) => comment.body).join('\n'),
    proposal: thread.proposal ? { text: thread.proposal.text, applied: thread.proposal.appliedAt !== null } : null,
    organization: [thread.organization?.name ?? '', sourceOf(thread, submissions)].join('\n'),
    response: thread.explanation ? `${decision}. ${thread.explanation}` : decision,
    replies: others.map((comment) => `${comment.author.displayName}: ${comment.body}`).join('\n'),
  };
}

/**
 * Builds the synthesis table from the threads the official table holds (see `inTable`):
 * grouped by section identity (the heading's block id, so sections with the same number and
 * title in different parts stay apart), groups in document order, each headed with its full
 * path; threads within a group in text order; comments tied to no live section last; rows
 * numbered continuously. The preamble accounts for every organisation (see `buildPreamble`).
 */
export function buildSynthesis(input: SynthesisInput): Synthesis {
  const submissions = new Map(input.submissions.map((submission) => [submission.id, submission]));
  const rows = input.threads
    .filter(inTable)
    .map((thread) => ({ thread, place: thread.position.sectionId === null ? undefined : input.sections.get(thread.position.sectionId) }))
    .sort(
      (a, b) =>
        (a.place?.order ?? Number.MAX_SAFE_INTEGER) - (b.place?.order ?? Number.MAX_SAFE_INTEGER) ||
        a.thread.position.order - b.thread.position.order ||
        a.thread.createdAt.localeCompare(b.thread.createdAt),
    );
  const groups: SynthesisGroup[] = [];
  let index = 0;
  // Sorted by section order first, so each section's rows are contiguous.
  for (const { thread, place } of rows) {
    const sectionId = place === undefined ? null : thread.position.sectionId;
    let group = groups.at(-1);
    if (!group || group.sectionId !== sectionId) {
      group = { sectionId, path: place?.path ?? UNPLACED, rows: [] };
      groups.push(group);
    }
    index += 1;
    group.rows.push(rowOf(thread, index, input, submissions));
  }
  return {
    title: 'BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý',
    documentTitle: input.documentTitle,
    version: input.version,
    round: input.round,
    draftingBody: input.draftingBody,
    place: input.place,
    issuedAt: input.issuedAt,
    preamble: input.roundFacts === undefined ? buildPreamble(input, index) : buildRoundPreamble(input.roundFacts, input.threads, index),
    groups,
  };
}

/** The "Nội dung góp ý" cell: the organisation's words, then its proposed wording. */
export function commentCell(row: SynthesisRow): string {
  if (row.proposal === null) return row.comment;
  const applied = row.proposal.applied ? ' (đã cập nhật vào dự thảo)' : '';
  return `${row.comment}\nĐề nghị sửa thành: “${row.proposal.text}”${applied}`;
}

/** Column headings, in order. */
export const SYNTHESIS_COLUMNS = ['TT', 'Nội dung dự thảo', 'Nội dung góp ý', 'Cơ quan góp ý', 'Ý kiến tiếp thu, giải trình'] as const;
