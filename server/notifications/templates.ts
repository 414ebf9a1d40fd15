import { DISPLAY_TIME_ZONE, formatDate, formatDateTime } from '../../document-model/date-time.ts';
import { DECISION_LABELS } from '../comments/synthesis/table.ts';
import type { NotificationKind, NotificationRecord } from '../storage/notification-records.ts';
import type { ThreadStatus } from '../storage/records.ts';

/** The text of a notification: Vietnamese title and body, and the app path it opens. */
export interface NotificationContent {
  kind: NotificationKind;
  documentId: string;
  roundId: string | null;
  threadId: string | null;
  title: string;
  body: string;
  link: string;
}

/** What a round's notifications say about it. */
export interface RoundFacts {
  documentId: string;
  documentTitle: string;
  roundId: string;
  roundTitle: string;
  letterNumber: string;
  deadline: string;
}

/** What a comment's notifications say about it. */
export interface ThreadFacts {
  documentId: string;
  documentTitle: string;
  threadId: string;
  organizationName: string;
  /** The comment itself (its first message), shortened. */
  excerpt: string;
}

/** Longest excerpt of user text quoted in a notification. */
const EXCERPT_CHARS = 160;

/** `text` on one line, cut at a word near `EXCERPT_CHARS` with an ellipsis. */
export function excerpt(text: string): string {
  const flat = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  const cut = flat.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const deadlineText = (iso: string): string => formatDateTime(iso, DISPLAY_TIME_ZONE);
const documentLink = (documentId: string): string => `/documents/${encodeURIComponent(documentId)}`;
/** The round's page: the document, with the round named in the query. */
export const roundLink = (documentId: string, roundId: string): string => `${documentLink(documentId)}?round=${encodeURIComponent(roundId)}`;
/** The thread's page: the document, with the thread named in the query. */
export const threadLink = (documentId: string, threadId: string): string => `${documentLink(documentId)}?thread=${encodeURIComponent(threadId)}`;

const roundContent = (kind: NotificationKind, round: RoundFacts, title: string, body: string): NotificationContent => ({
  kind,
  documentId: round.documentId,
  roundId: round.roundId,
  threadId: null,
  title: title.normalize('NFC'),
  body: body.normalize('NFC'),
  link: roundLink(round.documentId, round.roundId),
});

/** A round sent to the reader's organisation. */
export function roundOpenedContent(round: RoundFacts): NotificationContent {
  return roundContent(
    'round_opened',
    round,
    `Đợt lấy ý kiến mới: ${round.roundTitle}`,
    `Dự thảo “${round.documentTitle}” được gửi lấy ý kiến cơ quan anh/chị (công văn số ${round.letterNumber}). Hạn góp ý: ${deadlineText(round.deadline)}.`,
  );
}

/** Reminder kinds and what their title says. */
const REMINDER_TITLES: Record<'deadline_in_3_days' | 'deadline_in_1_day' | 'overdue', string> = {
  deadline_in_3_days: 'Còn dưới 3 ngày đến hạn góp ý',
  deadline_in_1_day: 'Còn dưới 1 ngày đến hạn góp ý',
  overdue: 'Đã quá hạn góp ý',
};

/** A reminder to an organisation that has not answered (3 days, 1 day before the deadline, or after it). */
export function reminderContent(kind: keyof typeof REMINDER_TITLES, round: RoundFacts, organizationName: string): NotificationContent {
  const when = kind === 'overdue' ? `Hạn góp ý đã qua lúc ${deadlineText(round.deadline)}` : `Hạn góp ý: ${deadlineText(round.deadline)}`;
  return roundContent(
    kind,
    round,
    `${REMINDER_TITLES[kind]}: ${round.roundTitle}`,
    `${organizationName} chưa gửi ý kiến về dự thảo “${round.documentTitle}”. ${when}.`,
  );
}

/** A response filed in a round (to the secretariat). */
export function responseReceivedContent(round: RoundFacts, organizationName: string, response: { documentNumber: string; date: string; noComments: boolean }): NotificationContent {
  const what = response.noComments
    ? `không có ý kiến (công văn số ${response.documentNumber} ngày ${formatDate(`${response.date}T12:00:00Z`, DISPLAY_TIME_ZONE)})`
    : `đã gửi ý kiến bằng công văn số ${response.documentNumber} ngày ${formatDate(`${response.date}T12:00:00Z`, DISPLAY_TIME_ZONE)}`;
  return roundContent('response_received', round, `${organizationName} đã trả lời: ${round.roundTitle}`, `${organizationName} ${what} về dự thảo “${round.documentTitle}”.`);
}

const threadContent = (kind: NotificationKind, thread: ThreadFacts, title: string, body: string): NotificationContent => ({
  kind,
  documentId: thread.documentId,
  roundId: null,
  threadId: thread.threadId,
  title: title.normalize('NFC'),
  body: body.normalize('NFC'),
  link: threadLink(thread.documentId, thread.threadId),
});

/** A decision on the reader's organisation's comment. */
export function commentDecidedContent(thread: ThreadFacts, status: ThreadStatus, explanation: string | null): NotificationContent {
  const reason = explanation ? ` Giải trình: ${excerpt(explanation)}` : '';
  return threadContent(
    'comment_decided',
    thread,
    `Góp ý của ${thread.organizationName}: ${DECISION_LABELS[status]}`,
    `Ý kiến “${thread.excerpt}” về dự thảo “${thread.documentTitle}” được xử lý: ${DECISION_LABELS[status]}.${reason}`,
  );
}

/** A reply on the reader's organisation's comment. */
export function commentRepliedContent(thread: ThreadFacts, authorName: string, reply: string): NotificationContent {
  return threadContent(
    'comment_replied',
    thread,
    `${authorName} đã trả lời góp ý của ${thread.organizationName}`,
    `Về ý kiến “${thread.excerpt}” (dự thảo “${thread.documentTitle}”): ${excerpt(reply)}`,
  );
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A notification e-mail: subject, plain text and a simple HTML twin (every user value escaped). */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Renders the e-mail of a notification; `publicUrl` (no trailing slash) makes its link absolute. */
export function renderEmail(notification: Pick<NotificationRecord, 'title' | 'body' | 'link'>, recipientName: string, publicUrl: string): RenderedEmail {
  const url = `${publicUrl}${notification.link}`;
  const footer = 'Anh/chị nhận thư này vì đã bật thông báo qua thư điện tử. Có thể tắt từng loại thông báo ở trang Tài khoản.';
  const text = [`Kính gửi ${recipientName},`, '', notification.body, '', `Mở trong Draftroom: ${url}`, '', '--', footer].join('\n');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5">',
    `<p>Kính gửi ${escapeHtml(recipientName)},</p>`,
    `<p>${escapeHtml(notification.body)}</p>`,
    `<p><a href="${escapeHtml(url)}">Mở trong Draftroom</a></p>`,
    `<hr><p style="color:#555;font-size:smaller">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[Draftroom] ${notification.title}`.normalize('NFC'), text: text.normalize('NFC'), html: html.normalize('NFC') };
}
