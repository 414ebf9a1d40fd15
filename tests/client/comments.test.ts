import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection } from 'prosemirror-state';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, ySyncPlugin } from 'y-prosemirror';
import * as Y from 'yjs';
import { parseThread, THREAD_STATUSES, type PublicThread } from '../../client/api/comment-records.ts';
import { captureAnchor } from '../../client/comments/anchor-capture.ts';
import { decodeAnchor, resolveAnchors, type DecodedAnchor } from '../../client/comments/anchor-resolve.ts';
import { checkAttachment, MAX_ATTACHMENT_BYTES } from '../../client/comments/attachment-file.ts';
import { base64ToBytes, bytesToBase64, dataUrlPayload } from '../../client/comments/base64.ts';
import { mergeThread, parseThreadEvent, sortThreads } from '../../client/comments/merge-threads.ts';
import { canDecide, canReply, canStartThread, canWithdraw, type CommentActor } from '../../client/comments/permissions.ts';
import { isNewThreadShortcut } from '../../client/comments/shortcut.ts';
import { decisionLabelKey, needsExplanation, statusLabelKey } from '../../client/comments/status-labels.ts';
import { countThreads, DRAFTING_GROUP, filterThreads, NO_FILTER, organizationOptions, sectionOptions } from '../../client/comments/thread-filters.ts';
import { formatCalendarDate, todayIso } from '../../client/comments/time-format.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { formatMessage } from '../../client/i18n/messages.ts';
import { resolveAnchor } from '../../server/comments/anchors.ts';

const BYT = { id: 'bo-y-te', name: 'Bộ Y tế', shortName: 'BYT' };
const BTC = { id: 'bo-tai-chinh', name: 'Bộ Tài chính', shortName: 'BTC' };

/** A thread as the API would send it, with `overrides`. */
function buildThread(overrides: Partial<PublicThread> & { id: string }): PublicThread {
  return {
    organization: BYT,
    author: { id: 'u1', displayName: 'Phạm Văn Y' },
    source: 'inline',
    anchor: null,
    sectionBlockId: null,
    position: { status: 'active', text: 'đoạn', blockId: 'b1', sectionId: 's1', sectionNumber: '1.', sectionTitle: 'Bối cảnh', order: 1_000_000 },
    revisionId: null,
    submissionId: null,
    roundId: null,
    draft: false,
    meeting: null,
    status: 'open',
    explanation: null,
    decidedBy: null,
    decidedAt: null,
    setAside: null,
    anchorHistory: [],
    comments: [{ id: 'c1', author: { id: 'u1', displayName: 'Phạm Văn Y' }, body: 'Góp ý', createdAt: '2025-05-20T02:00:00.000Z' }],
    createdAt: '2025-05-20T02:00:00.000Z',
    updatedAt: '2025-05-20T02:00:00.000Z',
    version: 1,
    proposal: null,
    ...overrides,
  };
}

test('status labels in Vietnamese and English', () => {
  const vi = THREAD_STATUSES.map((status) => formatMessage('vi', statusLabelKey(status)));
  const en = THREAD_STATUSES.map((status) => formatMessage('en', statusLabelKey(status)));
  assert.deepEqual(vi, ['Mới', 'Đang xem xét', 'Tiếp thu', 'Tiếp thu một phần', 'Không tiếp thu', 'Đã rút']);
  assert.deepEqual(en, ['New', 'Under review', 'Accepted', 'Partially accepted', 'Not accepted', 'Withdrawn']);
  assert.equal(formatMessage('vi', decisionLabelKey('open')), 'Mở lại');
  assert.equal(formatMessage('vi', decisionLabelKey('accepted')), 'Tiếp thu');
  assert.deepEqual(THREAD_STATUSES.filter(needsExplanation), ['partially_accepted', 'not_accepted']);
  assert.equal(formatMessage('vi', 'comments.thread.orphaned'), 'Đoạn văn đã bị xóa');
  assert.equal(formatMessage('vi', 'comments.settings.visibility'), 'Cho phép mọi bên xem tất cả góp ý');
});

test('filters and counts: organisation (drafting group included), status, section', () => {
  const threads = [
    buildThread({ id: 't1' }),
    buildThread({ id: 't2', organization: BTC, status: 'accepted', position: { ...buildThread({ id: 'x' }).position, sectionId: 's2', sectionNumber: '2.', sectionTitle: 'Mục tiêu', order: 5_000_000 } }),
    buildThread({ id: 't3', organization: null, status: 'accepted' }),
    buildThread({ id: 't4', status: 'withdrawn', position: { ...buildThread({ id: 'x' }).position, status: 'orphaned', sectionId: null, sectionNumber: null, sectionTitle: null, order: Number.MAX_SAFE_INTEGER } }),
  ];
  assert.deepEqual(filterThreads(threads, NO_FILTER).map((t) => t.id), ['t1', 't2', 't3', 't4']);
  assert.deepEqual(filterThreads(threads, { ...NO_FILTER, organizationId: 'bo-y-te' }).map((t) => t.id), ['t1', 't4']);
  assert.deepEqual(filterThreads(threads, { ...NO_FILTER, organizationId: DRAFTING_GROUP }).map((t) => t.id), ['t3']);
  assert.deepEqual(filterThreads(threads, { ...NO_FILTER, status: 'accepted' }).map((t) => t.id), ['t2', 't3']);
  assert.deepEqual(filterThreads(threads, { ...NO_FILTER, sectionId: 's1' }).map((t) => t.id), ['t1', 't3']);
  assert.deepEqual(filterThreads(threads, { organizationId: 'bo-y-te', status: 'open', sectionId: 's1' }).map((t) => t.id), ['t1']);

  const counts = countThreads(threads);
  assert.deepEqual(counts.byOrganization, { 'bo-y-te': 2, 'bo-tai-chinh': 1, [DRAFTING_GROUP]: 1 });
  assert.deepEqual(counts.byStatus, { open: 1, under_review: 0, accepted: 2, partially_accepted: 0, not_accepted: 0, withdrawn: 1 });

  assert.deepEqual(organizationOptions(threads), [
    { id: DRAFTING_GROUP, name: '', count: 1 },
    { id: 'bo-tai-chinh', name: 'Bộ Tài chính', count: 1 },
    { id: 'bo-y-te', name: 'Bộ Y tế', count: 2 },
  ]);
  assert.deepEqual(sectionOptions(threads), [
    { id: 's1', number: '1.', title: 'Bối cảnh', count: 2 },
    { id: 's2', number: '2.', title: 'Mục tiêu', count: 1 },
  ]);
});

test('live events merge by id, in document order, never going back to an older copy', () => {
  const first = buildThread({ id: 'a', position: { ...buildThread({ id: 'x' }).position, order: 2_000_000 } });
  const second = buildThread({ id: 'b', position: { ...buildThread({ id: 'x' }).position, order: 1_000_005 } });
  let list = mergeThread([], first);
  list = mergeThread(list, second);
  assert.deepEqual(list.map((t) => t.id), ['b', 'a']);

  const decided = { ...first, status: 'accepted' as const, explanation: 'Đã bổ sung', updatedAt: '2025-05-20T03:00:00.000Z' };
  const before = list;
  list = mergeThread(list, decided);
  assert.equal(list.length, 2);
  assert.equal(list.find((t) => t.id === 'a')?.status, 'accepted');
  assert.equal(before.find((t) => t.id === 'a')?.status, 'open', 'the input list is not changed');
  // The answer of an earlier request arriving late does not undo the decision.
  list = mergeThread(list, first);
  assert.equal(list.find((t) => t.id === 'a')?.status, 'accepted');
  // Same order key: oldest first.
  const sameOrder = sortThreads([
    buildThread({ id: 'late', createdAt: '2025-05-21T00:00:00.000Z' }),
    buildThread({ id: 'early', createdAt: '2025-05-19T00:00:00.000Z' }),
  ]);
  assert.deepEqual(sameOrder.map((t) => t.id), ['early', 'late']);

  const event = parseThreadEvent(JSON.stringify({ ...decided, documentId: 'd1', history: [] }));
  assert.equal(event?.id, 'a');
  assert.equal(event?.explanation, 'Đã bổ sung');
  assert.equal(parseThreadEvent('not json'), null);
  assert.equal(parseThreadEvent(JSON.stringify({ id: 'a' })), null);
  assert.equal(parseThreadEvent(JSON.stringify({ ...decided, status: 'deleted' })), null);
});

test('a thread body stays plain text through parsing', () => {
  const body = '<img src=x onerror="window.__xss=1">Đề nghị bổ sung số liệu';
  const thread = parseThread({ ...buildThread({ id: 't' }), comments: [{ id: 'c', author: { id: 'u', displayName: 'A' }, body, createdAt: '2025-05-20T00:00:00.000Z' }] });
  assert.equal(thread.comments[0]?.body, body);
});

test('base64 helpers round-trip bytes, relative positions and data URLs', () => {
  assert.equal(bytesToBase64(new Uint8Array([])), '');
  assert.equal(bytesToBase64(new TextEncoder().encode('Góp ý')), Buffer.from('Góp ý').toString('base64'));
  const large = new Uint8Array(100_000).map((_, index) => (index * 7) % 256);
  assert.deepEqual(base64ToBytes(bytesToBase64(large)), large);
  assert.equal(bytesToBase64(large), Buffer.from(large).toString('base64'));
  assert.equal(base64ToBytes('%%%'), null);

  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, 'lan nhanh qua biên giới');
  const encoded = bytesToBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 4)));
  assert.match(encoded, /^[A-Za-z0-9+/=]+$/);
  const bytes = base64ToBytes(encoded);
  assert.ok(bytes);
  const back = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(bytes), doc);
  assert.equal(back?.index, 4);

  assert.equal(dataUrlPayload('data:application/pdf;base64,JVBERi0x'), 'JVBERi0x');
  assert.equal(dataUrlPayload('data:text/plain,hello'), null);
  assert.equal(dataUrlPayload('JVBERi0x'), null);
});

const OUTLINE = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1, id: 'h1' }, content: [{ type: 'text', text: 'BỐI CẢNH' }] },
    { type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'Những mối đe dọa lan nhanh qua biên giới và khó lường.' }] },
    { type: 'paragraph', attrs: { id: 'p2' }, content: [{ type: 'text', text: 'Đoạn thứ hai.' }] },
  ],
};

/** An editor state bound to `fragment` the way y-prosemirror binds a view (doc and mapping from Yjs). */
function boundState(fragment: Y.XmlFragment): EditorState {
  const { doc, mapping } = initProseMirrorDoc(fragment, outlineSchema);
  return EditorState.create({ schema: outlineSchema, doc, plugins: [ySyncPlugin(fragment, { mapping })] });
}

/** The text of the first paragraph's XmlText. */
function paragraphText(fragment: Y.XmlFragment, index: number): Y.XmlText {
  const paragraph = fragment.get(index);
  if (!(paragraph instanceof Y.XmlElement)) throw new Error('not a paragraph');
  const text = paragraph.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('no text');
  return text;
}

test('an anchor captured from a selection follows edits and is orphaned when its text is deleted', () => {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment('prosemirror');
  prosemirrorJSONToYXmlFragment(outlineSchema, OUTLINE, fragment);
  let state = boundState(fragment);
  const passage = 'lan nhanh qua biên giới';
  let from = -1;
  state.doc.descendants((node, pos) => {
    if (node.isText && node.text?.includes(passage)) from = pos + (node.text?.indexOf(passage) ?? 0);
  });
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, from + passage.length)));
  const anchor = captureAnchor(state);
  assert.ok(anchor);
  assert.equal(anchor.quote, passage);
  assert.equal(anchor.blockId, 'p1');
  assert.match(anchor.start, /^[A-Za-z0-9+/=]+$/);
  // The server resolves the browser's anchor to the same passage.
  assert.equal(resolveAnchor(ydoc, anchor).text, passage);
  assert.equal(resolveAnchor(ydoc, anchor).sectionTitle, 'BỐI CẢNH');

  const decoded = decodeAnchor('t1', anchor);
  assert.ok(decoded);
  const anchors: DecodedAnchor[] = [decoded];
  const textAt = (current: EditorState): string | null => {
    const range = resolveAnchors(current, anchors)?.get('t1');
    return range === undefined ? null : current.doc.textBetween(range.from, range.to);
  };
  assert.equal(textAt(state), passage);

  // Someone types before the passage and inside it: the anchor follows.
  paragraphText(fragment, 1).insert(0, 'Ngày nay, ');
  assert.equal(textAt(boundState(fragment)), passage);
  paragraphText(fragment, 1).insert('Ngày nay, Những mối đe dọa lan nhanh'.length, ' chóng');
  assert.equal(textAt(boundState(fragment)), 'lan nhanh chóng qua biên giới');

  // The passage is deleted: no range, so no highlight.
  const text = paragraphText(fragment, 1);
  const start = text.toString().indexOf('lan nhanh');
  text.delete(start, 'lan nhanh chóng qua biên giới'.length);
  assert.equal(textAt(boundState(fragment)), null);
  // So is a passage whose whole paragraph was removed.
  fragment.delete(1, 1);
  assert.equal(resolveAnchors(boundState(fragment), anchors)?.size, 0);

  assert.equal(captureAnchor(boundState(fragment)), null, 'an empty selection is not an anchor');
  assert.equal(decodeAnchor('bad', { start: '!!', end: '!!', quote: '', blockId: null }), null);
  assert.equal(decodeAnchor('none', null), null);
});

test('an unbound editor state resolves nothing yet', () => {
  const state = EditorState.create({ schema: outlineSchema });
  assert.equal(resolveAnchors(state, []), null);
  assert.equal(captureAnchor(state), null);
});

test('who may do what with comments mirrors the server policy', () => {
  const ministry: CommentActor = { role: 'ministry', organizationId: 'bo-y-te' };
  const otherMinistry: CommentActor = { role: 'ministry', organizationId: 'bo-tai-chinh' };
  const secretariat: CommentActor = { role: 'secretariat', organizationId: null };
  const editor: CommentActor = { role: 'editor', organizationId: null };
  const observer: CommentActor = { role: 'observer', organizationId: null };
  const own = buildThread({ id: 't' });
  assert.deepEqual([ministry, secretariat, editor, observer].map(canStartThread), [true, true, true, false]);
  assert.equal(canReply(ministry, own), true);
  assert.equal(canReply(otherMinistry, own), false);
  assert.equal(canReply(ministry, buildThread({ id: 'd', organization: null })), false);
  assert.equal(canReply(editor, own), true);
  assert.equal(canReply(observer, own), false);
  assert.deepEqual([ministry, secretariat, editor, observer].map(canDecide), [false, true, false, false]);
  assert.equal(canWithdraw(ministry, own), true);
  assert.equal(canWithdraw(ministry, { ...own, status: 'under_review' }), true);
  assert.equal(canWithdraw(ministry, { ...own, status: 'accepted' }), false);
  assert.equal(canWithdraw(otherMinistry, own), false);
  // In a round: a draft may be withdrawn; once sent with the organisation's response it is locked.
  assert.equal(canWithdraw(ministry, { ...own, roundId: 'r1', draft: true }), true);
  assert.equal(canWithdraw(ministry, { ...own, roundId: 'r1', draft: false, submissionId: 's1' }), false);
  assert.equal(canWithdraw(secretariat, own), false);
});

test('attachments: PDF or DOCX up to 10 MB', () => {
  assert.deepEqual(checkAttachment({ name: 'cv.pdf', type: 'application/pdf', size: 1000 }), { ok: true, contentType: 'application/pdf' });
  assert.deepEqual(checkAttachment({ name: 'Công văn.DOCX', type: '', size: 1000 }), {
    ok: true,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
  assert.deepEqual(checkAttachment({ name: 'a.doc', type: 'application/msword', size: 1000 }), { ok: false, reason: 'type' });
  assert.deepEqual(checkAttachment({ name: 'a.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 }), { ok: false, reason: 'size' });
  assert.deepEqual(checkAttachment({ name: 'a.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES }), { ok: true, contentType: 'application/pdf' });
  assert.deepEqual(checkAttachment({ name: 'a.pdf', type: 'application/pdf', size: 0 }), { ok: false, reason: 'size' });
});

test('shortcut and dates', () => {
  const keys = { ctrlKey: true, metaKey: false, altKey: true, shiftKey: false, code: 'KeyM' };
  assert.equal(isNewThreadShortcut(keys), true);
  assert.equal(isNewThreadShortcut({ ...keys, ctrlKey: false, metaKey: true }), true);
  assert.equal(isNewThreadShortcut({ ...keys, altKey: false }), false);
  assert.equal(isNewThreadShortcut({ ...keys, shiftKey: true }), false);
  assert.equal(isNewThreadShortcut({ ...keys, code: 'KeyN' }), false);
  assert.equal(formatCalendarDate('2025-05-20'), '20/05/2025');
  assert.equal(formatCalendarDate('hôm qua'), 'hôm qua');
  assert.equal(todayIso(new Date(2025, 0, 5)), '2025-01-05');
});
