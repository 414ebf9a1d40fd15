import { vietnameseDate } from './dates.ts';
import { vietNamDate } from '../../rounds/deadline.ts';
import type { PublicThread } from '../schemas.ts';
import type { SynthesisInput } from './table.ts';

/** An organisation named in the preamble, with how it answered. */
export interface PreambleOrganization {
  organization: string;
  /** "Công văn số 12/BYT ngày 01/12/2026", "ý kiến tại Hội thảo … ngày …", "góp ý trực tiếp trên hệ thống". */
  channels: string[];
}

/**
 * Who was consulted and how each answered, and how many comments the table holds. The
 * counts equal the lists: `consulted` = `withComments` + `noComments` + `notReplied`, and
 * `comments.total` = `comments.inTable` + `comments.setAside`.
 */
export interface SynthesisPreamble {
  /** The consultation round the table answers (its request letter and deadline), or null. */
  request: RoundRequest | null;
  consulted: number;
  withComments: PreambleOrganization[];
  noComments: PreambleOrganization[];
  notReplied: string[];
  /** Organisations that answered after the deadline in force (a round's table only; else empty). */
  late: PreambleOrganization[];
  comments: { total: number; inTable: number; setAside: number; duplicate: number; outOfScope: number; other: number };
}

/**
 * The preamble's comment counts: every comment said (`spoken`: not withdrawn), the `inTable`
 * rows of the table, and those set aside, by reason.
 */
export function commentCounts(spoken: readonly Pick<PublicThread, 'setAside'>[], inTable: number): SynthesisPreamble['comments'] {
  const setAside = spoken.filter((thread) => thread.setAside !== null);
  const reasonCount = (reason: string): number => setAside.filter((thread) => thread.setAside?.reason === reason).length;
  return {
    total: spoken.length,
    inTable,
    setAside: setAside.length,
    duplicate: reasonCount('duplicate'),
    outOfScope: reasonCount('out_of_scope'),
    other: reasonCount('other'),
  };
}

/** The request of a consultation round, as the preamble opens with it. */
export interface RoundRequest {
  title: string;
  letterNumber: string;
  /** The letter's date, YYYY-MM-DD. */
  letterDate: string;
  /** The deadline in force, as an ISO instant. */
  deadline: string;
}

/** Channel of comments made in the workspace itself. */
export const WORKSPACE_CHANNEL = 'góp ý trực tiếp trên hệ thống';

/** An organisation's answers, gathered from its submissions and its threads. */
interface Answers {
  channels: Set<string>;
  /** It made at least one comment (a live thread or a submission with items). */
  commented: boolean;
}

/**
 * Builds the preamble: every invited organisation, plus any other that answered (access
 * withdrawn since, an oral comment recorded for it), sorted by name (Vietnamese order), each
 * in exactly one list. An organisation answered when it filed a submission or has a thread
 * that is not withdrawn (set-aside ones count: they were said). `rowsInTable` is the number
 * of rows the table holds.
 */
export function buildPreamble(input: SynthesisInput, rowsInTable: number): SynthesisPreamble {
  const answers = new Map<string, Answers>();
  const answersOf = (organizationId: string): Answers => {
    let found = answers.get(organizationId);
    if (!found) {
      found = { channels: new Set(), commented: false };
      answers.set(organizationId, found);
    }
    return found;
  };
  for (const submission of [...input.submissions].sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt))) {
    const entry = answersOf(submission.organizationId);
    entry.channels.add(`Công văn số ${submission.documentNumber} ngày ${vietnameseDate(submission.date)}`);
    if (!submission.noComments) entry.commented = true;
  }
  const spoken = input.threads.filter((thread): thread is PublicThread & { organization: NonNullable<PublicThread['organization']> } => thread.organization !== null && thread.status !== 'withdrawn');
  for (const thread of [...spoken].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const entry = answersOf(thread.organization.id);
    entry.commented = true;
    if (thread.meeting) entry.channels.add(`ý kiến tại ${thread.meeting.name} ngày ${vietnameseDate(thread.meeting.date)}`);
    else if (thread.source === 'inline') entry.channels.add(WORKSPACE_CHANNEL);
  }
  const invitedNames = new Map(input.invited.map((organization) => [organization.id, organization.name]));
  const nameOf = (id: string): string => input.organizationNames.get(id) ?? invitedNames.get(id) ?? id;
  const collator = new Intl.Collator('vi');
  const byName = (a: PreambleOrganization, b: PreambleOrganization): number => collator.compare(a.organization, b.organization);
  const everyone = new Set([...input.invited.map((organization) => organization.id), ...answers.keys()]);
  const withComments: PreambleOrganization[] = [];
  const noComments: PreambleOrganization[] = [];
  const notReplied: string[] = [];
  for (const id of everyone) {
    const entry = answers.get(id);
    if (!entry) notReplied.push(nameOf(id));
    else (entry.commented ? withComments : noComments).push({ organization: nameOf(id), channels: [...entry.channels] });
  }
  return {
    request: null,
    consulted: everyone.size,
    withComments: withComments.sort(byName),
    noComments: noComments.sort(byName),
    notReplied: notReplied.sort(collator.compare),
    late: [],
    comments: commentCounts(spoken, rowsInTable),
  };
}

/** The preamble as sentences, shared by every output format. */
export function preambleSentences(preamble: SynthesisPreamble): string[] {
  const list = (items: PreambleOrganization[]): string =>
    items.map((item) => (item.channels.length === 0 ? item.organization : `${item.organization} (${item.channels.join(', ')})`)).join('; ');
  const answered = preamble.withComments.length + preamble.noComments.length;
  const sentences: string[] = [];
  if (preamble.request !== null) {
    const { letterNumber, letterDate, deadline } = preamble.request;
    sentences.push(`Thực hiện Công văn số ${letterNumber} ngày ${vietnameseDate(letterDate)} đề nghị góp ý (hạn trả lời: ${vietnameseDate(vietNamDate(deadline))}).`);
  }
  sentences.push(
    `Đã lấy ý kiến ${preamble.consulted} cơ quan, tổ chức; ${answered} cơ quan, tổ chức đã có ý kiến; ${preamble.notReplied.length} cơ quan, tổ chức chưa có ý kiến.`,
  );
  if (preamble.withComments.length > 0) sentences.push(`Có ý kiến góp ý (${preamble.withComments.length}): ${list(preamble.withComments)}.`);
  if (preamble.noComments.length > 0) sentences.push(`Nhất trí, không có ý kiến khác (${preamble.noComments.length}): ${list(preamble.noComments)}.`);
  if (preamble.notReplied.length > 0) sentences.push(`Chưa có ý kiến (${preamble.notReplied.length}): ${preamble.notReplied.join('; ')}.`);
  if (preamble.late.length > 0) sentences.push(`Trả lời sau thời hạn (${preamble.late.length}): ${list(preamble.late)}.`);
  const { total, inTable, setAside, duplicate, outOfScope, other } = preamble.comments;
  const left = setAside === 0 ? '' : ` (${duplicate} ý kiến trùng với ý kiến khác, ${outOfScope} ý kiến ngoài phạm vi dự thảo, ${other} ý kiến vì lý do khác)`;
  sentences.push(`Tổng số ${total} ý kiến góp ý; ${inTable} ý kiến được tổng hợp trong bảng dưới đây; ${setAside} ý kiến không đưa vào bảng${left}.`);
  return sentences;
}
