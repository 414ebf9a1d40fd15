import type { roundResponseVi } from './round-response-vi.ts';

/** English UI strings of an organisation's response to a round, spread into `en`; exactly the keys of `roundResponseVi`. */
export const roundResponseEn: Record<keyof typeof roundResponseVi, string> = {
  'response.round': '{title} — comments due: {deadline}',
  'response.banner': 'Consultation round: {title} — comments due {deadline}',
  'response.bannerLink': 'Send the official response',
  'response.draftsHint': 'Comments marked “Draft” are seen only inside your organisation; sending the response sends them with it and locks them.',
  'response.readSent': 'Read the version sent for comments: {name}',
  'response.title': 'Send the official response',
  'response.documentNumber': 'Letter number',
  'response.submit': 'Send the official response',
  'response.noComments': 'No comments',
  'response.sent': 'Sent letter no. {number}, dated {date}, signed by {signer}',
  'response.sentAt': 'Sent at {time}',
  'response.late': 'Sent after the deadline',
  'response.locked': 'The letter and its comments are sent and locked: they can no longer be changed or withdrawn. Send a correcting letter if needed.',
  'response.comments': '{count} comments attached',
  'response.correct': 'Send a correcting letter',
  'response.cancelCorrection': 'Cancel',
  'response.superseded': 'Superseded: letter no. {number}, dated {date}',
  'response.done': 'Letter no. {number} sent.',
  'response.error.alreadySent': 'Your organisation already answered this round; reload the page to see the letter sent, then send a correcting letter if needed.',
  'response.error.locked': 'This comment was sent with the official letter and can no longer be changed or withdrawn; send a correcting letter.',
  'response.error.drafts': 'Your organisation still has draft comments: send them, or withdraw them before answering “No comments”.',
  'response.error.noDrafts': 'No comments yet: select a passage and comment (as a draft) first, or tick “No comments”.',
  'comments.thread.draft': 'Draft',
  'comments.thread.draftHint': 'Seen only inside your organisation until the response is sent',
};
