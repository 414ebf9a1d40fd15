import type { PublicThread } from '../schemas.ts';
import type { SubmissionRecord } from '../../storage/records.ts';

/** One row of the synthesis table (Bảng tổng hợp, tiếp thu, giải trình ý kiến). */
export interface SynthesisRow {
  /** Số thứ tự, 1-based, across the whole table. */
  index: number;
  /** Nội dung dự thảo: section number and title, and the quoted passage if any. */
  draft: string;
  /** Nội dung góp ý. */
  comment: string;
  /** Cơ quan góp ý, with the công văn number and date, or the meeting. */
  organization: string;
  /** Ý kiến tiếp thu, giải trình: the decision and its explanation. */
  response: string;
}

/** A group of rows under one section, in document order. */
export interface SynthesisGroup {
  section: string;
  rows: SynthesisRow[];
}

/** Everything the table needs besides the threads. */
export interface SynthesisInput {
  documentTitle: string;
  invited: Array<{ id: string; name: string }>;
  submissions: Array<SubmissionRecord & { organizationName: string }>;
  threads: PublicThread[];
}

/** The counts and lists of the preamble. */
export interface SynthesisPreamble {
  consulted: number;
  replied: number;
  replies: Array<{ organization: string; documentNumber: string; date: string }>;
  noComments: Array<{ organization: string; documentNumber: string; date: string }>;
  notReplied: string[];
}

/** The table, ready for any output format. */
export interface Synthesis {
  title: string;
  documentTitle: string;
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

/** dd/mm/yyyy from an ISO date. */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

const UNPLACED = 'Ý kiến chung (không gắn với mục cụ thể)';

/**
 * Builds the synthesis table: withdrawn threads left out, the rest grouped by their current
 * section in document order (orphaned passages and general comments last), numbered
 * continuously; plus the preamble of who was consulted, who replied and who had no comments.
 */
export function buildSynthesis(input: SynthesisInput): Synthesis {
  const submissionsById = new Map(input.submissions.map((submission) => [submission.id, submission]));
  const threads = input.threads.filter((thread) => thread.status !== 'withdrawn').sort((a, b) => a.position.order - b.position.order || a.createdAt.localeCompare(b.createdAt));
  const groups: SynthesisGroup[] = [];
  let index = 0;
  for (const thread of threads) {
    const section = thread.position.sectionNumber ? `${thread.position.sectionNumber} ${thread.position.sectionTitle ?? ''}`.trim() : UNPLACED;
    let group = groups.at(-1);
    if (!group || group.section !== section) {
      group = groups.find((candidate) => candidate.section === section);
      if (!group) {
        group = { section, rows: [] };
        groups.push(group);
      }
    }
    const quote = thread.anchor ? (thread.position.status === 'orphaned' ? `“${thread.anchor.quote}” (đoạn này đã bị xóa)` : `“${thread.position.text}”`) : '';
    const submission = thread.submissionId ? submissionsById.get(thread.submissionId) : undefined;
    const source = submission
      ? `Công văn số ${submission.documentNumber} ngày ${vietnameseDate(submission.date)}`
      : thread.meeting
        ? `Ý kiến tại ${thread.meeting.name} ngày ${vietnameseDate(thread.meeting.date)}`
        : 'Góp ý trên hệ thống';
    const decision = DECISION_LABELS[thread.status];
    index += 1;
    group.rows.push({
      index,
      draft: [section === UNPLACED ? '' : section, quote].filter(Boolean).join('\n'),
      comment: thread.comments.map((comment, at) => (at === 0 ? comment.body : `${comment.author.displayName}: ${comment.body}`)).join('\n'),
      organization: [thread.organization?.name ?? 'Tổ biên soạn', source].join('\n'),
      response: thread.explanation ? `${decision}. ${thread.explanation}` : decision,
    });
  }
  const replies = input.submissions.map((submission) => ({
    organization: submission.organizationName,
    documentNumber: submission.documentNumber,
    date: vietnameseDate(submission.date),
    noComments: submission.noComments,
    organizationId: submission.organizationId,
  }));
  const repliedIds = new Set([...input.submissions.map((s) => s.organizationId), ...input.threads.map((t) => t.organization?.id).filter(Boolean)]);
  const collator = new Intl.Collator('vi');
  return {
    title: 'BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý',
    documentTitle: input.documentTitle,
    preamble: {
      consulted: input.invited.length,
      replied: input.invited.filter((org) => repliedIds.has(org.id)).length,
      replies: replies.filter((reply) => !reply.noComments).map(({ organization, documentNumber, date }) => ({ organization, documentNumber, date })),
      noComments: replies.filter((reply) => reply.noComments).map(({ organization, documentNumber, date }) => ({ organization, documentNumber, date })),
      notReplied: input.invited.filter((org) => !repliedIds.has(org.id)).map((org) => org.name).sort(collator.compare),
    },
    groups,
  };
}

/** The preamble as sentences, shared by every output format. */
export function preambleSentences(preamble: SynthesisPreamble): string[] {
  const list = (items: Array<{ organization: string; documentNumber: string; date: string }>): string =>
    items.map((item) => `${item.organization} (Công văn số ${item.documentNumber} ngày ${item.date})`).join('; ');
  const sentences = [`Đã lấy ý kiến ${preamble.consulted} cơ quan, tổ chức; ${preamble.replied} cơ quan, tổ chức đã có ý kiến.`];
  if (preamble.replies.length > 0) sentences.push(`Có ý kiến bằng văn bản: ${list(preamble.replies)}.`);
  if (preamble.noComments.length > 0) sentences.push(`Nhất trí, không có ý kiến khác: ${list(preamble.noComments)}.`);
  if (preamble.notReplied.length > 0) sentences.push(`Chưa có ý kiến: ${preamble.notReplied.join('; ')}.`);
  return sentences;
}

/** Column headings, in order. */
export const SYNTHESIS_COLUMNS = ['TT', 'Nội dung dự thảo', 'Nội dung góp ý', 'Cơ quan góp ý', 'Ý kiến tiếp thu, giải trình'] as const;
